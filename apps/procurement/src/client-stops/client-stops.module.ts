import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { ClientStopsController } from './client-stops.controller';
import { ClientStopsRepository } from './client-stops.repository';
import { ClientStopsService } from './client-stops.service';

@Module({
  imports: [ProvidersModule],
  controllers: [ClientStopsController],
  providers: [ClientStopsRepository, ClientStopsService],
  exports: [ClientStopsService],
})
export class ClientStopsModule {}
