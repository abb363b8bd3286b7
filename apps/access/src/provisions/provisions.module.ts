import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ContractCheckClient } from './contract-check.client';
import { ProvisionsController } from './provisions.controller';
import { ProvisionsHandlers } from './provisions.handlers';
import { ProvisionsRepository } from './provisions.repository';
import { ProvisionsService } from './provisions.service';

@Module({
  imports: [PersonsModule],
  controllers: [ProvisionsController],
  providers: [ProvisionsRepository, ProvisionsService, ProvisionsHandlers, ContractCheckClient],
  // The contract check is procurement's, asked by decisions too.
  exports: [ProvisionsService, ContractCheckClient],
})
export class ProvisionsModule {}
