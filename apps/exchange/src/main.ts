import 'reflect-metadata';
import { bootstrapService } from '@vangnet/platform';
import { AppModule } from './app.module';
import { EXCHANGE_APP_OPTIONS } from './app.options';

void bootstrapService(AppModule, EXCHANGE_APP_OPTIONS).catch((e) => {
  console.error(e);
  process.exit(1);
});
