import { Module } from '@nestjs/common';
import { AccessFactsController } from './access-facts.controller';
import { AccessFactsHandlers } from './access-facts.handlers';
import { AccessFactsRepository } from './access-facts.repository';
import { AccessFactsService } from './access-facts.service';

@Module({
  controllers: [AccessFactsController],
  providers: [AccessFactsRepository, AccessFactsService, AccessFactsHandlers],
  exports: [AccessFactsService],
})
export class AccessFactsModule {}
