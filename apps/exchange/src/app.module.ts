import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';

@Module({
  imports: [PlatformModule.forService({ service: 'exchange', entities: [], migrations: [] })],
})
export class AppModule {}
