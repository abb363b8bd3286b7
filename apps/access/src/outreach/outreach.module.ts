import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { OutreachController } from './outreach.controller';
import { OutreachRepository } from './outreach.repository';
import { OutreachService } from './outreach.service';

@Module({
  imports: [PersonsModule],
  controllers: [OutreachController],
  providers: [OutreachRepository, OutreachService],
})
export class OutreachModule {}
