import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { SettingsTable1796410981682 } from './database/migrations/1796410981682-settings';
import { FacilitiesTable1796410981796 } from './database/migrations/1796410981796-facilities';
import { PrioritySchemesTable1796410981913 } from './database/migrations/1796410981913-priority-schemes';
import { WaitingListTable1796410982014 } from './database/migrations/1796410982014-waiting-list';
import { OffersTable1796410982235 } from './database/migrations/1796410982235-offers';
import { PlacementsTable1796410982364 } from './database/migrations/1796410982364-placements';
import { QuotasTable1796410982490 } from './database/migrations/1796410982490-quotas';
import { OutflowTable1796410982634 } from './database/migrations/1796410982634-outflow';
import { NominationsTable1796410982741 } from './database/migrations/1796410982741-nominations';
import { EvictionSignalsTable1796410982895 } from './database/migrations/1796410982895-eviction-signals';
import { DistributionTable1796410983001 } from './database/migrations/1796410983001-distribution';
import { DistributionKeyEntity } from './distribution/distribution.entity';
import { DistributionModule } from './distribution/distribution.module';
import { EvictionSignalEntity } from './eviction-signals/eviction-signals.entity';
import { EvictionSignalsModule } from './eviction-signals/eviction-signals.module';
import { FacilityEntity, PlaceEntity } from './facilities/facilities.entity';
import { FacilitiesModule } from './facilities/facilities.module';
import { MatchingModule } from './matching/matching.module';
import { MonitorModule } from './monitor/monitor.module';
import { NominationEntity } from './nominations/nominations.entity';
import { NominationsModule } from './nominations/nominations.module';
import { OfferEntity } from './offers/offers.entity';
import { OffersModule } from './offers/offers.module';
import { OutflowReadinessEntity } from './outflow/outflow.entity';
import { OutflowModule } from './outflow/outflow.module';
import { PlacementEntity } from './placements/placements.entity';
import { PlacementsModule } from './placements/placements.module';
import { PrioritySchemeEntity } from './priority-schemes/priority-schemes.entity';
import { PrioritySchemesModule } from './priority-schemes/priority-schemes.module';
import { QuotaEntity } from './quotas/quotas.entity';
import { QuotasModule } from './quotas/quotas.module';
import { FacilityTypeMappingEntity, ReferenceStayEntity } from './settings/settings.entity';
import { SettingsModule } from './settings/settings.module';
import { HouseholdEntity, HouseholdMemberEntity, PersonFlagEntity, ProvisionLineageEntity, WaitlistEntryEntity } from './waiting-list/waiting-list.entity';
import { WaitingListModule } from './waiting-list/waiting-list.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'housing',
      entities: [
        FacilityTypeMappingEntity,
        ReferenceStayEntity,
        FacilityEntity,
        PlaceEntity,
        PrioritySchemeEntity,
        WaitlistEntryEntity,
        ProvisionLineageEntity,
        HouseholdEntity,
        HouseholdMemberEntity,
        PersonFlagEntity,
        OfferEntity,
        PlacementEntity,
        QuotaEntity,
        OutflowReadinessEntity,
        NominationEntity,
        EvictionSignalEntity,
        DistributionKeyEntity,
      ],
      migrations: [
        SettingsTable1796410981682,
        FacilitiesTable1796410981796,
        PrioritySchemesTable1796410981913,
        WaitingListTable1796410982014,
        OffersTable1796410982235,
        PlacementsTable1796410982364,
        QuotasTable1796410982490,
        OutflowTable1796410982634,
        NominationsTable1796410982741,
        EvictionSignalsTable1796410982895,
        DistributionTable1796410983001,
      ],
    }),
    SettingsModule,
    FacilitiesModule,
    PrioritySchemesModule,
    WaitingListModule,
    MatchingModule,
    OffersModule,
    PlacementsModule,
    QuotasModule,
    OutflowModule,
    NominationsModule,
    EvictionSignalsModule,
    DistributionModule,
    MonitorModule,
  ],
})
export class AppModule {}
