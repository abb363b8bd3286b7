import 'reflect-metadata';
import { prefixed } from '@vangnet/messaging';
import { bootstrapService } from '@vangnet/platform';
import { connect } from 'nats';
import { BenchConsumerModule } from './bench-support';

// A service process for the messaging bench: `consumer` runs the platform service (NATS handler
// and event consumer), `raw-echo` a bare nats.js responder. Configured by the environment.
async function main(): Promise<void> {
  if (process.argv[2] === 'raw-echo') {
    const nc = await connect({ servers: (process.env.NATS_URL ?? '').split(',') });
    nc.subscribe(prefixed('finance.raw.echo'), { queue: 'raw', callback: (_e, m) => m.respond(m.data) });
    await nc.flush();
  } else {
    await bootstrapService(BenchConsumerModule, { service: 'finance' });
  }
  console.log('bench service ready');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
