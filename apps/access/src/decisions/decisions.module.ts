import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { PersonsModule } from '../persons/persons.module';
import { ResponsibilityModule } from '../responsibility/responsibility.module';
import { ContractCheckClient } from './contract-check.client';
import { DecisionsController, ProvisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { ProvisionsRepository } from './provisions.repository';
import { ProvisionsService } from './provisions.service';

@Module({
  imports: [PersonsModule, ApplicationsModule, DeadlinesModule, ResponsibilityModule],
  controllers: [DecisionsController, ProvisionsController],
  providers: [DecisionsRepository, ProvisionsRepository, DecisionsService, ProvisionsService, ContractCheckClient],
  exports: [DecisionsService, ProvisionsService],
})
export class DecisionsModule {}
