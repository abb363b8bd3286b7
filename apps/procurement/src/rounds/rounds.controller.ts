import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { CreateRoundRequest, RoundView } from './rounds.dto';
import { RoundsService } from './rounds.service';

@Controller('v1/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  /** Open a procurement round for the region's municipalities. */
  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  create(@Body() body: CreateRoundRequest, @CurrentCaller() caller: Caller): Promise<RoundView> {
    return this.rounds.create(body, caller);
  }

  /** Procurement rounds of your municipalities. */
  @Get()
  list(@CurrentCaller() caller: Caller): Promise<{ items: RoundView[] }> {
    return this.rounds.list(caller);
  }

  /** A procurement round with its lots and municipalities. */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<RoundView> {
    return this.rounds.get(id, caller);
  }
}
