import { Module } from '@nestjs/common';
import { PrioritySchemesModule } from '../priority-schemes/priority-schemes.module';
import { SettingsModule } from '../settings/settings.module';
import { DirectPlacementsController, WaitingListController, WhatIfController } from './waiting-list.controller';
import { WaitingListHandlers } from './waiting-list.handlers';
import { WaitingListRepository } from './waiting-list.repository';
import { WaitingListService } from './waiting-list.service';

/** Matching, offers, placements, nominations and the monitor use WaitingListService, never the tables. */
@Module({
  imports: [PrioritySchemesModule, SettingsModule],
  controllers: [WaitingListController, WhatIfController, DirectPlacementsController],
  providers: [WaitingListRepository, WaitingListService, WaitingListHandlers],
  exports: [WaitingListService],
})
export class WaitingListModule {}
