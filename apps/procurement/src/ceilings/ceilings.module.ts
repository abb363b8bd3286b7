import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { CeilingsController } from './ceilings.controller';
import { SpendHandlers } from './ceilings.handlers';
import { CeilingsRepository } from './ceilings.repository';
import { CeilingsService } from './ceilings.service';

@Module({
  imports: [ProvidersModule],
  controllers: [CeilingsController],
  providers: [CeilingsRepository, CeilingsService, SpendHandlers],
})
export class CeilingsModule {}
