import { Module } from '@nestjs/common';
import { PlacementsHandlers } from './placements.handlers';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

@Module({
  providers: [PlacementsRepository, PlacementsService, PlacementsHandlers],
  exports: [PlacementsService],
})
export class PlacementsModule {}
