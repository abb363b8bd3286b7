import 'reflect-metadata';
import { bootstrapService } from '@vangnet/platform';
import { AppModule, PROCUREMENT_DESCRIPTION } from './app.module';

void bootstrapService(AppModule, { service: 'procurement', description: PROCUREMENT_DESCRIPTION }).catch((e) => {
  console.error(e);
  process.exit(1);
});
