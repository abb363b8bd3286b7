import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { PlacementsModule } from '../placements/placements.module';
import { WaitingListModule } from '../waiting-list/waiting-list.module';
import { MonitorController } from './monitor.controller';
import { MonitorService } from './monitor.service';

/** No table of its own: it counts through the other features' services. */
@Module({
  imports: [FacilitiesModule, PlacementsModule, WaitingListModule],
  controllers: [MonitorController],
  providers: [MonitorService],
})
export class MonitorModule {}
