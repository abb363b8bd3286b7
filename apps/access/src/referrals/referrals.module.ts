import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [RegistrationsModule, PersonsModule],
  controllers: [ReferralsController],
  providers: [ReferralsRepository, ReferralsService],
})
export class ReferralsModule {}
