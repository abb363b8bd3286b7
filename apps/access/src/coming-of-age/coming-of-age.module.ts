import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ProvisionsModule } from '../provisions/provisions.module';
import { ComingOfAgeRepository } from './coming-of-age.repository';
import { ComingOfAgeService } from './coming-of-age.service';

@Module({
  imports: [PersonsModule, ProvisionsModule],
  providers: [ComingOfAgeRepository, ComingOfAgeService],
  exports: [ComingOfAgeService],
})
export class ComingOfAgeModule {}
