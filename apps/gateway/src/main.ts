import 'reflect-metadata';
import { bootstrapService } from '@vangnet/platform';
import { AppModule } from './app.module';
import { GATEWAY_OPTIONS } from './gateway.app';

void bootstrapService(AppModule, GATEWAY_OPTIONS).catch((e) => {
  console.error(e);
  process.exit(1);
});
