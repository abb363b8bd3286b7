import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { WaitingTimesController } from './waiting-times.controller';
import { WaitingTimesRepository } from './waiting-times.repository';
import { WaitingTimesService } from './waiting-times.service';

@Module({ imports: [ProvidersModule], controllers: [WaitingTimesController], providers: [WaitingTimesRepository, WaitingTimesService] })
export class WaitingTimesModule {}
