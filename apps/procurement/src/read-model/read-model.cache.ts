import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Keys of what the check reads: one provider (its contracts and stops), one municipality's catalogue. */
export const providerKey = (agb: string) => `p:${agb}`;
export const catalogueKey = (municipality: string) => `c:${municipality}`;
const ALL = '*';

interface Entry {
  value: unknown;
  at: number;
}

/**
 * The in-memory read model behind `procurement.contract.check` (ADR 0021). Entries are loaded on
 * first use and dropped when a write changes them:
 * - in this replica, right after the write commits (`write()`), so the next check after an HTTP
 *   201 already sees it;
 * - in every replica, by a PostgreSQL NOTIFY sent inside the write's transaction (delivered only
 *   on commit). While the LISTEN connection is down nothing is cached, and everything is dropped
 *   when it comes back, so a missed notification can never leave a stale entry.
 * A generation counter stops a load that started before a write from caching what it read.
 */
@Injectable()
export class ReadModelCache implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadModelCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private generation = 0;
  private listening = false;
  private running = false;
  private listener?: Client;
  private loop?: Promise<void>;
  private readonly ttlMs = Number(process.env.PROCUREMENT_READ_MODEL_TTL_MS ?? 300_000);

  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  get channel(): string {
    const schema = (this.dataSource.options as { schema?: string }).schema ?? 'public';
    return `vangnet_readmodel_${schema}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    let first!: () => void;
    const connected = new Promise<void>((resolve) => (first = resolve));
    this.loop = this.listen(first);
    // Serve without the cache rather than not at all when the listener cannot connect at once.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([connected, new Promise((r) => (timer = setTimeout(r, 3000)))]);
    clearTimeout(timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.listener?.end().catch(() => undefined);
    await this.loop;
  }

  isCaching(): boolean {
    return this.listening;
  }

  /** The cached value, if there is a fresh one (the check's synchronous fast path). */
  peek<T>(key: string): T | undefined {
    if (!this.listening) return undefined;
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < this.ttlMs ? (hit.value as T) : undefined;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.listening) return load();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as T;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const p = load()
      .then((value) => {
        if (generation === this.generation && this.listening) this.entries.set(key, { value, at: Date.now() });
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === p) this.loading.delete(key);
      });
    this.loading.set(key, p);
    return p;
  }

  /**
   * Run a write in one transaction, tell every replica which keys it changed (at commit), and drop
   * them here once it has committed.
   */
  async write<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const result = await this.txHost.withTransaction(async () => {
      const value = await work();
      if (keys.length) await this.txHost.tx.query('SELECT pg_notify($1, $2)', [this.channel, keys.join(' ')]);
      return value;
    });
    if (keys.length) this.invalidate(keys);
    return result;
  }

  invalidate(keys: string[]): void {
    this.generation++;
    // Loads in flight may have read the old state: new callers must start their own.
    this.loading.clear();
    if (keys.includes(ALL)) {
      this.entries.clear();
      return;
    }
    for (const k of keys) this.entries.delete(k);
  }

  private async listen(connected: () => void): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    while (this.running) {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, application_name: 'vangnet-procurement-readmodel' });
      client.on('error', () => undefined); // handled below: an error ends this connection
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel}"`);
        this.listener = client;
        client.on('notification', (n) => this.invalidate((n.payload ?? ALL).split(' ')));
        // Anything written while we were not listening is unknown: start from nothing.
        this.invalidate([ALL]);
        this.listening = true;
        connected();
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch (e) {
        if (this.running) this.logger.warn(`read-model listener: ${(e as Error).message}; checks read the database until it is back`);
      }
      this.listening = false;
      this.invalidate([ALL]);
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
