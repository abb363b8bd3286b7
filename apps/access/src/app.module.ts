import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { ApplicationsModule } from './applications/applications.module';
import { AccessSchema1763900000000 } from './database/migrations/1763900000000-access-schema';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ObjectionsModule } from './objections/objections.module';
import { PersonsModule } from './persons/persons.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { ResponsibilityModule } from './responsibility/responsibility.module';

export const ACCESS_MIGRATIONS = [AccessSchema1763900000000];

@Module({
  imports: [
    PlatformModule.forService({ service: 'access', migrations: ACCESS_MIGRATIONS }),
    PersonsModule,
    RegistrationsModule,
    ReferralsModule,
    ApplicationsModule,
    DecisionsModule,
    ObjectionsModule,
    DeadlinesModule,
    ResponsibilityModule,
  ],
})
export class AppModule {}
