import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [PersonsModule],
  controllers: [DeadlinesController, CalendarController],
  providers: [DeadlinesRepository, DeadlinesService, CalendarRepository, CalendarService],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
