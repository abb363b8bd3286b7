import { Module } from '@nestjs/common';
import { FacilitiesController } from './facilities.controller';
import { FacilitiesRepository } from './facilities.repository';
import { FacilitiesService } from './facilities.service';

/** Other features use FacilitiesService, never the repository or the table. */
@Module({
  controllers: [FacilitiesController],
  providers: [FacilitiesRepository, FacilitiesService],
  exports: [FacilitiesService],
})
export class FacilitiesModule {}
