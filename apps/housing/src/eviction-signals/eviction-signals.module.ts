import { Module } from '@nestjs/common';
import { NominationsModule } from '../nominations/nominations.module';
import { PlacementsModule } from '../placements/placements.module';
import { HousingConfig } from '../shared/housing-config';
import { EvictionSignalsController } from './eviction-signals.controller';
import { EvictionSignalsRepository } from './eviction-signals.repository';
import { EvictionSignalsService } from './eviction-signals.service';

@Module({
  imports: [NominationsModule, PlacementsModule],
  controllers: [EvictionSignalsController],
  providers: [EvictionSignalsRepository, EvictionSignalsService, HousingConfig],
})
export class EvictionSignalsModule {}
