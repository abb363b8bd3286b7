import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { SubsidiesController } from './subsidies.controller';
import { SubsidiesRepository } from './subsidies.repository';
import { SubsidiesService } from './subsidies.service';

@Module({ imports: [ProvidersModule], controllers: [SubsidiesController], providers: [SubsidiesRepository, SubsidiesService] })
export class SubsidiesModule {}
