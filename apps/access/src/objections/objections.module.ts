import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { PersonsModule } from '../persons/persons.module';
import { ObjectionsController } from './objections.controller';
import { ObjectionsRepository } from './objections.repository';
import { ObjectionsService } from './objections.service';

@Module({
  imports: [DecisionsModule, DeadlinesModule, PersonsModule],
  controllers: [ObjectionsController],
  providers: [ObjectionsRepository, ObjectionsService],
})
export class ObjectionsModule {}
