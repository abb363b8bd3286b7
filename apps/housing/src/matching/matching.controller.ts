import { Controller, Get, Param, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { AssignmentQuery, AssignmentView, CandidatesQuery, CandidatesView } from './matching.dto';
import { MatchingService } from './matching.service';

@Controller('v1/places')
export class CandidatesController {
  constructor(private readonly service: MatchingService) {}

  /** Waiting entries that fit the place (type and features), best position first. */
  @Get(':id/candidates')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  candidates(@Param('id', UuidPipe) id: string, @Query() q: CandidatesQuery, @CurrentCaller() caller: Caller): Promise<CandidatesView> {
    return this.service.candidates(caller, id, q.limit);
  }
}

@Controller('v1/matching')
export class MatchingController {
  constructor(private readonly service: MatchingService) {}

  /** A proposal filling every free place, the hardest to fill first. */
  @Get('assignment')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  assignment(@Query() q: AssignmentQuery, @CurrentCaller() caller: Caller): Promise<AssignmentView> {
    return this.service.assignment(caller, q);
  }
}
