import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ProvisionsModule } from '../provisions/provisions.module';
import { WorklistController } from './worklist.controller';
import { WorklistHandlers } from './worklist.handlers';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

@Module({
  imports: [PersonsModule, ProvisionsModule],
  controllers: [WorklistController],
  providers: [WorklistRepository, WorklistService, WorklistHandlers],
  exports: [WorklistService],
})
export class WorklistModule {}
