import { Module } from '@nestjs/common';
import { HouseholdsController, PersonsController } from './persons.controller';
import { PersonsHandlers } from './persons.handlers';
import { PersonsRepository } from './persons.repository';
import { PersonsService } from './persons.service';

@Module({
  controllers: [PersonsController, HouseholdsController, PersonsHandlers],
  providers: [PersonsRepository, PersonsService],
  exports: [PersonsService],
})
export class PersonsModule {}
