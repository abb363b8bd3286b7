import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CommitmentQuery } from './commitments.dto';
import { CommitmentsService } from './commitments.service';

@Controller('v1/commitments')
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  /** Commitments of a provision or of a municipality's year. `?provisionId=` (any version's id or the lineage id), or `?municipality=&year=` (paginated). */
  @Get()
  @Roles(Role.FINANCE_CONTROLLER, Role.AUDITOR)
  query(@CurrentCaller() caller: Caller, @Query() q: CommitmentQuery): ReturnType<CommitmentsService['query']> {
    return this.commitments.query(caller, q);
  }
}
