import { Module } from '@nestjs/common';
import { MonitorController } from './monitor.controller';
import { MonitorRepository } from './monitor.repository';
import { MonitorService } from './monitor.service';

/** Other features use MonitorService, never the repository or the table. */
@Module({
  controllers: [MonitorController],
  providers: [MonitorRepository, MonitorService],
  exports: [MonitorService],
})
export class MonitorModule {}
