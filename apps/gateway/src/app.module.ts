import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { PartnersTable1796500000100 } from './database/migrations/1796500000100-partners';
import { PartnerClientsTable1796500000200 } from './database/migrations/1796500000200-partner-clients';
import { PartnerAnnouncedAt1796500000300 } from './database/migrations/1796500000300-partner-announced-at';
import { DevIdpController } from './dev-idp/dev-idp.controller';
import { DevIdpService } from './dev-idp/dev-idp.service';
import { EdgeService } from './edge/edge.service';
import { PartnerClientEntity, PartnerEntity, PartnerRevisionEntity } from './partners/partners.entity';
import { PartnersModule } from './partners/partners.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'gateway',
      entities: [PartnerEntity, PartnerRevisionEntity, PartnerClientEntity, ...WebhooksModule.entities],
      migrations: [PartnersTable1796500000100, PartnerClientsTable1796500000200, PartnerAnnouncedAt1796500000300, ...WebhooksModule.migrations],
    }),
    PartnersModule,
    WebhooksModule,
  ],
  controllers: [DevIdpController],
  providers: [DevIdpService, EdgeService],
})
export class AppModule {}
