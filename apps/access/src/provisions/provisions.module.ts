import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { AssignmentNumbers } from './assignment-numbers.service';
import { ContractCheckClient } from './contract-check.client';
import { ProvisionsController } from './provisions.controller';
import { ProvisionsHandlers } from './provisions.handlers';
import { ProvisionsRepository } from './provisions.repository';
import { ProvisionsService } from './provisions.service';

@Module({
  imports: [PersonsModule],
  controllers: [ProvisionsController],
  providers: [ProvisionsRepository, ProvisionsService, ProvisionsHandlers, ContractCheckClient, AssignmentNumbers],
  // The contract check is procurement's, asked by decisions too; decisions number their new lineages.
  exports: [ProvisionsService, ContractCheckClient, AssignmentNumbers],
})
export class ProvisionsModule {}
