import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthRegistry } from '@vangnet/observability';
import { connect, NatsConnection } from 'nats';
import { inboxPrefixOf, natsAuthFromEnv } from './nats-auth';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export interface NatsModuleOptions {
  /** Connection name as the server shows it (the service name). */
  name: string;
  /** Defaults to NATS_URL (comma-separated for a cluster). */
  servers?: string;
}

/** Tracks whether the connection is up, for readiness. */
@Injectable()
export class NatsConnectionState implements OnApplicationShutdown {
  private readonly logger = new Logger('NATS');
  connected = true;
  private closing = false;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection, health: HealthRegistry) {
    health.register('nats', async () => {
      if (!this.connected || this.nc.isClosed()) return { up: false, detail: { server: this.nc.getServer(), message: 'disconnected' } };
      // A frozen server keeps the socket open and the client "connected" until its pings run
      // out (30 s): only an answer proves it alive. The readiness check bounds the wait.
      const rttMs = await this.nc.rtt();
      return { up: true, detail: { server: this.nc.getServer(), rttMs } };
    });
    void this.watch();
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect') {
        this.connected = false;
        if (!this.closing) this.logger.warn(`disconnected from ${String(s.data)}; reconnecting`);
      } else if (s.type === 'reconnect') {
        this.connected = true;
        this.logger.log(`reconnected to ${String(s.data)}`);
      } else if (s.type === 'error') {
        // The server refused something and said so only in this status (a refused subscription
        // or publish is otherwise silent): the subject and operation, never a payload.
        const refused = s.permissionContext;
        if (refused) this.logger.error(`NATS permissions violation: ${refused.operation} to "${refused.subject}" refused`);
        else this.logger.error(`NATS error: ${String(s.data)}`);
      }
    }
  }

  /** Drain last: subscriptions and in-flight work were stopped by their owners before this. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

/**
 * One NATS connection per service: it waits for the server on first connect and reconnects
 * forever, so a NATS restart costs latency, never messages.
 */
@Global()
@Module({})
export class NatsModule {
  static forRoot(options: NatsModuleOptions): DynamicModule {
    return {
      module: NatsModule,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const servers = (options.servers ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',');
            const logger = new Logger('NATS');
            const waiting = setTimeout(() => logger.warn(`waiting for NATS at ${servers.join(',')}`), 3000);
            try {
              return await connect({
                servers,
                ...natsAuthFromEnv(),
                name: options.name,
                // Replies and JetStream deliveries come to the service's own inbox subjects, the
                // only ones its NATS user may subscribe to beside its own (nats-auth.ts).
                inboxPrefix: inboxPrefixOf(options.name),
                waitOnFirstConnect: true,
                maxReconnectAttempts: -1,
                reconnectTimeWait: 250,
                reconnectJitter: 100,
                pingInterval: 10_000,
                maxPingOut: 3,
                // No stack captured per request (5 % of a request's time); errors still say what failed.
                noAsyncTraces: true,
              });
            } finally {
              clearTimeout(waiting);
            }
          },
        },
        NatsConnectionState,
      ],
      exports: [NATS_CONNECTION, NatsConnectionState],
    };
  }
}
