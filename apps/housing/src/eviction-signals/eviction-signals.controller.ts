import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CloseSignalRequest, ReporterSignalView, ReportSignalRequest, SignalListQuery, SignalView } from './eviction-signals.dto';
import { EvictionSignalsService } from './eviction-signals.service';

/** Corporations and providers report and read their own; placement officers follow them to an outcome. */
@Controller('v1/eviction-signals')
export class EvictionSignalsController {
  constructor(private readonly service: EvictionSignalsService) {}

  /** Report a threatened eviction (rent arrears, nuisance) of a tenant or resident. */
  @Post()
  @Roles(Role.CORPORATION, Role.PROVIDER)
  report(@Body() body: ReportSignalRequest, @CurrentCaller() caller: Caller): Promise<ReporterSignalView> {
    return this.service.report(caller, body);
  }

  /** Eviction signals the caller may read (`?overdue=true`: open signals past their term). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.CORPORATION, Role.PROVIDER)
  list(@Query() q: SignalListQuery, @CurrentCaller() caller: Caller): Promise<Page<SignalView | ReporterSignalView>> {
    return this.service.list(caller, q);
  }

  /** An eviction signal; a reporter reads only its own. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.CORPORATION, Role.PROVIDER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<SignalView | ReporterSignalView> {
    return this.service.get(caller, id);
  }

  /** Close the signal with its outcome. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseSignalRequest, @CurrentCaller() caller: Caller): Promise<SignalView> {
    return this.service.close(caller, id, body);
  }
}
