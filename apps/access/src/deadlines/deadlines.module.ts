import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  controllers: [DeadlinesController, CalendarController],
  providers: [DeadlinesRepository, DeadlinesService, CalendarRepository, CalendarService],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
