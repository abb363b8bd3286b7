import { Module } from '@nestjs/common';
import { EvictionSignalsController } from './eviction-signals.controller';
import { EvictionSignalsRepository } from './eviction-signals.repository';
import { EvictionSignalsService } from './eviction-signals.service';

/** Other features use EvictionSignalsService, never the repository or the table. */
@Module({
  controllers: [EvictionSignalsController],
  providers: [EvictionSignalsRepository, EvictionSignalsService],
  exports: [EvictionSignalsService],
})
export class EvictionSignalsModule {}
