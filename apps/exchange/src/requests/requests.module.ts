import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { AssignmentsModule } from '../assignments/assignments.module';
import { RequestsController } from './requests.controller';
import { RequestsHandlers } from './requests.handlers';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';

@Module({
  imports: [ArchiveModule, AssignmentsModule],
  controllers: [RequestsController],
  providers: [RequestsRepository, RequestsService, RequestsHandlers],
  exports: [RequestsService],
})
export class RequestsModule {}
