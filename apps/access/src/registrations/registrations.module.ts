import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { PersonsModule } from '../persons/persons.module';
import { LifeDomainsModule } from '../life-domains/life-domains.module';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [PersonsModule, DeadlinesModule, LifeDomainsModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService],
  exports: [RegistrationsService],
})
export class RegistrationsModule {}
