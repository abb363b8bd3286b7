import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CeilingsModule } from './ceilings/ceilings.module';
import { CheckModule } from './check/check.module';
import { ClientStopsModule } from './client-stops/client-stops.module';
import { ContractsModule } from './contracts/contracts.module';
import { ProcurementInit1763000000000 } from './database/migrations/1763000000000-procurement-init';
import { ProvidersModule } from './providers/providers.module';
import { ReadModelModule } from './read-model/read-model.module';
import { RoundsModule } from './rounds/rounds';
import { SubsidiesModule } from './subsidies/subsidies';
import { WaitingTimesModule } from './waiting-times/waiting-times';

@Module({
  imports: [
    PlatformModule.forService({ service: 'procurement', migrations: [ProcurementInit1763000000000] }),
    ReadModelModule,
    ProvidersModule,
    RoundsModule,
    CatalogueModule,
    ContractsModule,
    ClientStopsModule,
    CheckModule,
    CeilingsModule,
    WaitingTimesModule,
    SubsidiesModule,
  ],
})
export class AppModule {}
