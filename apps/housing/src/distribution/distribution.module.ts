import { Module } from '@nestjs/common';
import { DistributionController } from './distribution.controller';
import { DistributionRepository } from './distribution.repository';
import { DistributionService } from './distribution.service';

/** Other features use DistributionService, never the repository or the table. */
@Module({
  controllers: [DistributionController],
  providers: [DistributionRepository, DistributionService],
  exports: [DistributionService],
})
export class DistributionModule {}
