import { Module } from '@nestjs/common';
import { WaitingListController } from './waiting-list.controller';
import { WaitingListRepository } from './waiting-list.repository';
import { WaitingListService } from './waiting-list.service';

/** Other features use WaitingListService, never the repository or the table. */
@Module({
  controllers: [WaitingListController],
  providers: [WaitingListRepository, WaitingListService],
  exports: [WaitingListService],
})
export class WaitingListModule {}
