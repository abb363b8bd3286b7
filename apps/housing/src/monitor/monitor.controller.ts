import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller } from '@vangnet/auth';
import { MonitorQuery, MonitorView } from './monitor.dto';
import { MonitorService } from './monitor.service';

/** Inflow, throughflow, outflow, the list, occupancy and mobility: aggregates only. */
@Controller('v1/monitor')
export class MonitorController {
  constructor(private readonly service: MonitorService) {}

  /** Inflow, throughflow, outflow, waiting list, occupancy and mobility for a period (aggregates only). */
  @Get()
  figures(@Query() q: MonitorQuery, @CurrentCaller() caller: Caller): Promise<MonitorView> {
    return this.service.figures(caller, q);
  }
}
