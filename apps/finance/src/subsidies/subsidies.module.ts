import { Module } from '@nestjs/common';
import { SubsidiesController } from './subsidies.controller';
import { SubsidiesHandlers } from './subsidies.handlers';
import { SubsidiesRepository } from './subsidies.repository';
import { SubsidiesService } from './subsidies.service';

@Module({
  controllers: [SubsidiesController],
  providers: [SubsidiesRepository, SubsidiesService, SubsidiesHandlers],
  exports: [SubsidiesService],
})
export class SubsidiesModule {}
