import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { OutflowController } from './outflow.controller';
import { OutflowHandlers } from './outflow.handlers';
import { OutflowRepository } from './outflow.repository';
import { OutflowService } from './outflow.service';

@Module({
  imports: [PlacementsModule],
  controllers: [OutflowController],
  providers: [OutflowRepository, OutflowService, OutflowHandlers],
  exports: [OutflowService],
})
export class OutflowModule {}
