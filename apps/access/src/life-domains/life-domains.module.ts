import { Module } from '@nestjs/common';
import { LifeDomainsController } from './life-domains.controller';
import { LifeDomainsRepository } from './life-domains.repository';
import { LifeDomainsService } from './life-domains.service';

@Module({
  controllers: [LifeDomainsController],
  providers: [LifeDomainsRepository, LifeDomainsService],
  exports: [LifeDomainsService],
})
export class LifeDomainsModule {}
