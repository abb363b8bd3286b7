import { DeadlinesModule } from '../deadlines/deadlines.module';
import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ProvisionsModule } from '../provisions/provisions.module';
import { ResponsibilityModule } from '../responsibility/responsibility.module';
import { WorklistModule } from '../worklist/worklist.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [PersonsModule, ProvisionsModule, ResponsibilityModule, WorklistModule, DeadlinesModule],
  controllers: [DecisionsController],
  providers: [DecisionsRepository, DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
