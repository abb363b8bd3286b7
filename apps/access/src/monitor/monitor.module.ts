import { Module } from '@nestjs/common';
import { MonitorController } from './monitor.controller';
import { MonitorRepository } from './monitor.repository';
import { MonitorService } from './monitor.service';

/** The regional monitor's aggregates from access (issue 20). */
@Module({
  controllers: [MonitorController],
  providers: [MonitorRepository, MonitorService],
})
export class MonitorModule {}
