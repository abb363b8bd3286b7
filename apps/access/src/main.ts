import 'reflect-metadata';
import { bootstrapService } from '@vangnet/platform';
import { AppModule } from './app.module';

void bootstrapService(AppModule, {
  service: 'access',
  description:
    'Access (toegang): persons and households, registrations, investigations, applications, decisions with provisions, objections, referrals, statutory deadlines and the responsible municipality.',
}).catch((e) => {
  console.error(e);
  process.exit(1);
});
