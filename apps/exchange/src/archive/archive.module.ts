import { Module } from '@nestjs/common';
import { ArchiveController } from './archive.controller';
import { ArchiveRepository } from './archive.repository';
import { ArchiveRetention } from './archive.retention';
import { ArchiveService } from './archive.service';

@Module({
  controllers: [ArchiveController],
  providers: [ArchiveRepository, ArchiveService, ArchiveRetention],
  exports: [ArchiveService],
})
export class ArchiveModule {}
