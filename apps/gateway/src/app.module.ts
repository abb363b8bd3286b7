import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { PartnersTable1796500000100 } from './database/migrations/1796500000100-partners';
import { PartnerClientsTable1796500000200 } from './database/migrations/1796500000200-partner-clients';
import { DevIdpController } from './dev-idp/dev-idp.controller';
import { DevIdpService } from './dev-idp/dev-idp.service';
import { EdgeService } from './edge/edge.service';
import { PartnerClientEntity, PartnerEntity, PartnerRevisionEntity } from './partners/partners.entity';
import { PartnersModule } from './partners/partners.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'gateway',
      entities: [PartnerEntity, PartnerRevisionEntity, PartnerClientEntity],
      migrations: [PartnersTable1796500000100, PartnerClientsTable1796500000200],
    }),
    PartnersModule,
  ],
  controllers: [DevIdpController],
  providers: [DevIdpService, EdgeService],
})
export class AppModule {}
