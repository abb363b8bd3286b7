import { Module } from '@nestjs/common';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

/** Other features use PlacementsService, never the repository or the table. */
@Module({
  controllers: [PlacementsController],
  providers: [PlacementsRepository, PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
