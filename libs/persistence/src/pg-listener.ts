import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceSchema, dataSourceUrl, quoteIdent } from './data-source';

export interface PgListenerOptions {
  /** The channel to LISTEN on. */
  channel: string;
  /** Connection string of the database (`PgListener.on(dataSource, …)` takes the service's). */
  url: string;
  /** As the server shows the connection (pg_stat_activity). */
  applicationName?: string;
  /** A notification arrived (its payload, '' when none). */
  onNotify(payload: string): void;
  /**
   * The LISTEN is in place: the first time, and again after every reconnect. Notifications sent
   * while it was not are lost: whatever they would have said must be assumed now.
   */
  onListening?(): void;
  /** The connection could not be made or was lost (while running); it is tried again after `reconnectDelayMs`. */
  onLost?(error: Error | undefined): void;
  reconnectDelayMs?: number;
  connectTimeoutMs?: number;
}

/**
 * LISTEN/NOTIFY on a dedicated connection that reconnects until stopped: the outbox relay is
 * woken by commits through it, procurement's read model drops what other replicas changed.
 * A NOTIFY inside a transaction is delivered at commit, never after a rollback.
 */
export class PgListener {
  private running = false;
  private isListening = false;
  private loop?: Promise<void>;
  private client?: Client;
  private wake?: () => void;

  constructor(private readonly options: PgListenerOptions) {}

  /** The channel `<prefix>_<schema>` of this service's schema, on its database. */
  static on(dataSource: DataSource, prefix: string, options: Omit<PgListenerOptions, 'channel' | 'url'>): PgListener {
    return new PgListener({ ...options, channel: `${prefix}_${dataSourceSchema(dataSource)}`, url: dataSourceUrl(dataSource) });
  }

  get channel(): string {
    return this.options.channel;
  }

  get listening(): boolean {
    return this.isListening;
  }

  /**
   * Start (reconnecting until `stop()`). Resolves once listening, or after `waitMs` with false
   * (a service serves without its listener rather than not at all); 0 does not wait.
   */
  start(waitMs = 0): Promise<boolean> {
    if (this.running) return Promise.resolve(this.isListening);
    this.running = true;
    let first!: () => void;
    const listening = new Promise<void>((resolve) => (first = resolve));
    this.loop = this.run(first);
    if (waitMs <= 0) return Promise.resolve(false);
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([listening.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), waitMs)))]).finally(() =>
      clearTimeout(timer),
    );
  }

  /** Stop listening and close the connection (a connect in progress is abandoned). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(first: () => void): Promise<void> {
    const o = this.options;
    while (this.running) {
      const client = new Client({ connectionString: o.url, connectionTimeoutMillis: o.connectTimeoutMs ?? 3000, application_name: o.applicationName });
      this.client = client;
      // An error ends this connection (below); without a listener it would end the process.
      client.on('error', () => undefined);
      let lost: Error | undefined;
      try {
        await client.connect();
        await client.query(`LISTEN ${quoteIdent(o.channel)}`);
        if (!this.running) break;
        client.on('notification', (n) => o.onNotify(n.payload ?? ''));
        const closed = new Promise<Error | undefined>((resolve) => {
          client.once('error', (e) => resolve(e));
          client.once('end', () => resolve(undefined));
        });
        this.isListening = true;
        o.onListening?.();
        first();
        lost = await closed;
      } catch (e) {
        lost = e as Error;
      }
      this.isListening = false;
      if (this.running) o.onLost?.(lost);
      await client.end().catch(() => undefined);
      if (this.running) await this.pause(o.reconnectDelayMs ?? 1000);
    }
    this.isListening = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
