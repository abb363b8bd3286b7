import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { WaitingListModule } from '../waiting-list/waiting-list.module';
import { CandidatesController, MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';

/** No table of its own: it reads places and the ranked list through their services. */
@Module({
  imports: [FacilitiesModule, WaitingListModule],
  controllers: [CandidatesController, MatchingController],
  providers: [MatchingService],
})
export class MatchingModule {}
