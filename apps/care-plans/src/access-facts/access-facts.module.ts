import { Module } from '@nestjs/common';
import { HouseholdsController, LifeDomainsController } from './access-facts.controller';
import { AccessFactsHandlers } from './access-facts.handlers';
import { AccessFactsRepository } from './access-facts.repository';
import { AccessFactsService } from './access-facts.service';

@Module({
  controllers: [LifeDomainsController, HouseholdsController],
  providers: [AccessFactsRepository, AccessFactsService, AccessFactsHandlers],
  exports: [AccessFactsService],
})
export class AccessFactsModule {}
