import { Module } from '@nestjs/common';
import { NominationsController } from './nominations.controller';
import { NominationsRepository } from './nominations.repository';
import { NominationsService } from './nominations.service';

/** Other features use NominationsService, never the repository or the table. */
@Module({
  controllers: [NominationsController],
  providers: [NominationsRepository, NominationsService],
  exports: [NominationsService],
})
export class NominationsModule {}
