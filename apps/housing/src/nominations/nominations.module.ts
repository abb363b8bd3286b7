import { Module } from '@nestjs/common';
import { OutflowModule } from '../outflow/outflow.module';
import { PlacementsModule } from '../placements/placements.module';
import { QuotasModule } from '../quotas/quotas.module';
import { WaitingListModule } from '../waiting-list/waiting-list.module';
import { NominationsController } from './nominations.controller';
import { NominationsRepository } from './nominations.repository';
import { NominationsService } from './nominations.service';

@Module({
  imports: [OutflowModule, PlacementsModule, QuotasModule, WaitingListModule],
  controllers: [NominationsController],
  providers: [NominationsRepository, NominationsService],
  exports: [NominationsService],
})
export class NominationsModule {}
