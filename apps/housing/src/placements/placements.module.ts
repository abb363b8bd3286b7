import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { OffersModule } from '../offers/offers.module';
import { SettingsModule } from '../settings/settings.module';
import { HousingConfig } from '../shared/housing-config';
import { WaitingListModule } from '../waiting-list/waiting-list.module';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

@Module({
  imports: [FacilitiesModule, OffersModule, WaitingListModule, SettingsModule],
  controllers: [PlacementsController],
  providers: [PlacementsRepository, PlacementsService, HousingConfig],
  exports: [PlacementsService],
})
export class PlacementsModule {}
