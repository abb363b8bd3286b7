export interface PostgresInstance {
  kind: 'system' | 'embedded';
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  kill(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

export interface NatsInstance {
  url: string;
  port: number;
  storeDir: string;
  pid(): number | undefined;
  stop(): Promise<void>;
  kill(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  remove(): Promise<void>;
}

export interface Infrastructure {
  env: { DATABASE_URL: string; NATS_URL: string };
  /** NATS was started here (with `natsConfig`, if one was given), not found running. */
  natsStarted: boolean;
  started: Array<PostgresInstance | NatsInstance>;
  stop(): Promise<void>;
}

export function canConnect(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function natsHasJetStream(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function pgAccepts(url: string): Promise<boolean>;
export function freePort(): Promise<number>;
export function findPostgresBin(name: string): string | undefined;
export function findNatsServer(): string | undefined;
export function startPostgres(opts?: { dataDir?: string; port?: number; fast?: boolean }): Promise<PostgresInstance>;
export function startNats(opts?: { storeDir?: string; port?: number; config?: string }): Promise<NatsInstance>;
export function ensureInfrastructure(opts?: { purpose?: 'test' | 'bench' | 'start'; dataDir?: string; natsConfig?: string }): Promise<Infrastructure>;
