import 'reflect-metadata';
import { bootstrapService } from '@vangnet/platform';
import { AppModule } from './app.module';

void bootstrapService(AppModule, { service: 'exchange' }).catch((e) => {
  console.error(e);
  process.exit(1);
});
