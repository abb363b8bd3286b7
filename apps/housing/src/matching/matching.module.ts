import { Module } from '@nestjs/common';
import { MatchingController } from './matching.controller';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';

/** Other features use MatchingService, never the repository or the table. */
@Module({
  controllers: [MatchingController],
  providers: [MatchingRepository, MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
