import { Module } from '@nestjs/common';
import { FacilitiesModule } from '../facilities/facilities.module';
import { DistributionController } from './distribution.controller';
import { DistributionRepository } from './distribution.repository';
import { DistributionService } from './distribution.service';

@Module({
  imports: [FacilitiesModule],
  controllers: [DistributionController],
  providers: [DistributionRepository, DistributionService],
})
export class DistributionModule {}
