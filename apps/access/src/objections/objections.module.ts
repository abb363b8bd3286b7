import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/decisions.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ObjectionsController } from './objections.controller';
import { ObjectionsRepository } from './objections.repository';
import { ObjectionsService } from './objections.service';

@Module({
  imports: [DecisionsModule, DeadlinesModule],
  controllers: [ObjectionsController],
  providers: [ObjectionsRepository, ObjectionsService],
})
export class ObjectionsModule {}
