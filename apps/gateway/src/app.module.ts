import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { DevIdpController } from './dev-idp/dev-idp.controller';
import { DevIdpService } from './dev-idp/dev-idp.service';

@Module({
  imports: [PlatformModule.forService({ service: 'gateway', entities: [], migrations: [] })],
  controllers: [DevIdpController],
  providers: [DevIdpService],
})
export class AppModule {}
