import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { CatalogueEntryEntity } from './catalogue/catalogue.entity';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CEILING_ENTITIES } from './ceilings/ceilings.entity';
import { CeilingsModule } from './ceilings/ceilings.module';
import { CheckModule } from './check/check.module';
import { ClientStopEntity } from './client-stops/client-stops.entity';
import { ClientStopsModule } from './client-stops/client-stops.module';
import { CONTRACT_ENTITIES } from './contracts/contracts.entity';
import { ContractsModule } from './contracts/contracts.module';
import { ProcurementInit1763000000000 } from './database/migrations/1763000000000-procurement-init';
import { ProviderAudit1763000000001 } from './database/migrations/1763000000001-provider-audit';
import { ProviderAuditEntity, ProviderEntity } from './providers/providers.entity';
import { ProvidersModule } from './providers/providers.module';
import { ReadModelModule } from './read-model/read-model.module';
import { RoundEntity } from './rounds/rounds.entity';
import { RoundsModule } from './rounds/rounds.module';
import { SUBSIDY_ENTITIES } from './subsidies/subsidies.entity';
import { SubsidiesModule } from './subsidies/subsidies.module';
import { WAITING_TIME_ENTITIES } from './waiting-times/waiting-times.entity';
import { WaitingTimesModule } from './waiting-times/waiting-times.module';

/** Every table of the procurement schema, feature by feature (ADR 0007). */
export const PROCUREMENT_ENTITIES = [
  ProviderEntity,
  ProviderAuditEntity,
  RoundEntity,
  ...CONTRACT_ENTITIES,
  CatalogueEntryEntity,
  ...CEILING_ENTITIES,
  ClientStopEntity,
  ...WAITING_TIME_ENTITIES,
  ...SUBSIDY_ENTITIES,
];

@Module({
  imports: [
    PlatformModule.forService({ service: 'procurement', entities: PROCUREMENT_ENTITIES, migrations: [ProcurementInit1763000000000, ProviderAudit1763000000001] }),
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
