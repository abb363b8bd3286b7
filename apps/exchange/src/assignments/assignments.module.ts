import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { AssignmentsHandlers } from './assignments.handlers';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

@Module({
  imports: [ArchiveModule],
  providers: [AssignmentsRepository, AssignmentsService, AssignmentsHandlers],
  exports: [AssignmentsService],
})
export class AssignmentsModule {}
