import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { HousingConfig } from '../shared/housing-config';
import { WaitingListModule } from '../waiting-list/waiting-list.module';
import { OffersController } from './offers.controller';
import { OffersRepository } from './offers.repository';
import { OffersService } from './offers.service';

@Module({
  imports: [FacilitiesModule, WaitingListModule],
  controllers: [OffersController],
  providers: [OffersRepository, OffersService, HousingConfig],
  exports: [OffersService],
})
export class OffersModule {}
