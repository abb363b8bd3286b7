import { Module } from '@nestjs/common';
import { PartnerAnnouncer } from './partners.announcer';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';

@Module({
  controllers: [PartnersController],
  providers: [PartnersService, PartnersRepository, PartnerAnnouncer],
  exports: [PartnersService, PartnerAnnouncer],
})
export class PartnersModule {}
