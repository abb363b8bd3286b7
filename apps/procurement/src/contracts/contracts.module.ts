import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ContractCalendarJob } from './contract-calendar.job';
import { ContractsController } from './contracts.controller';
import { ContractsRepository } from './contracts.repository';
import { ContractsService } from './contracts.service';

@Module({
  imports: [ProvidersModule, RoundsModule],
  controllers: [ContractsController],
  providers: [ContractsRepository, ContractsService, ContractCalendarJob],
  exports: [ContractsService, ContractCalendarJob],
})
export class ContractsModule {}
