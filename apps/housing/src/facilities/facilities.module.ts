import { Module } from '@nestjs/common';
import { FacilitiesController, PlacesController } from './facilities.controller';
import { FacilitiesRepository } from './facilities.repository';
import { FacilitiesService } from './facilities.service';

/** Offers, placements, matching, distribution and the monitor use FacilitiesService, never the tables. */
@Module({
  controllers: [FacilitiesController, PlacesController],
  providers: [FacilitiesRepository, FacilitiesService],
  exports: [FacilitiesService],
})
export class FacilitiesModule {}
