import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PgListener, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
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
  private readonly listener: PgListener;
  private readonly ttlMs = Number(process.env.PROCUREMENT_READ_MODEL_TTL_MS ?? 300_000);

  constructor(
    dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.listener = PgListener.on(dataSource, 'vangnet_readmodel', {
      applicationName: 'vangnet-procurement-readmodel',
      onNotify: (payload) => this.invalidate((payload || ALL).split(' ')),
      // Anything written while we were not listening is unknown: start from nothing.
      onListening: () => {
        this.invalidate([ALL]);
        this.listening = true;
      },
      onLost: (e) => {
        this.listening = false;
        this.invalidate([ALL]);
        if (e) this.logger.warn(`read-model listener: ${e.message}; checks read the database until it is back`);
      },
    });
  }

  get channel(): string {
    return this.listener.channel;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Serve without the cache rather than not at all when the listener cannot connect at once.
    await this.listener.start(3000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.listening = false;
    await this.listener.stop();
    this.invalidate([ALL]);
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
}
