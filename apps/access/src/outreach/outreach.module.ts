import { Module } from '@nestjs/common';
import { OutreachController } from './outreach.controller';
import { OutreachRepository } from './outreach.repository';
import { OutreachService } from './outreach.service';

@Module({
  controllers: [OutreachController],
  providers: [OutreachRepository, OutreachService],
})
export class OutreachModule {}
