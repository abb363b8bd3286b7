import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module';
import { DeclarationsHandlers } from './declarations.handlers';
import { DeclarationsRepository } from './declarations.repository';
import { DeclarationsService } from './declarations.service';

@Module({
  imports: [ArchiveModule],
  providers: [DeclarationsRepository, DeclarationsService, DeclarationsHandlers],
  exports: [DeclarationsService],
})
export class DeclarationsModule {}
