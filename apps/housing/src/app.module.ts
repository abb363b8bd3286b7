import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { FacilitiesTable1796410981796 } from './database/migrations/1796410981796-facilities';
import { PrioritySchemesTable1796410981913 } from './database/migrations/1796410981913-priority-schemes';
import { SettingsTable1796410981682 } from './database/migrations/1796410981682-settings';
import { WaitingListTable1796410982014 } from './database/migrations/1796410982014-waiting-list';
import { FacilityEntity, PlaceEntity } from './facilities/facilities.entity';
import { FacilitiesModule } from './facilities/facilities.module';
import { PrioritySchemeEntity } from './priority-schemes/priority-schemes.entity';
import { PrioritySchemesModule } from './priority-schemes/priority-schemes.module';
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
      ],
      migrations: [SettingsTable1796410981682, FacilitiesTable1796410981796, PrioritySchemesTable1796410981913, WaitingListTable1796410982014],
    }),
    SettingsModule,
    FacilitiesModule,
    PrioritySchemesModule,
    WaitingListModule,
  ],
})
export class AppModule {}
