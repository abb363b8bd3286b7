import { MAX_FILE_BYTES } from '@vangnet/istandaarden';

export class EdgeConfigError extends Error {}

/** A body-size limit for the routes under a path prefix (the longest matching prefix wins). */
export interface BodyLimit {
  /** A canonical path prefix (`/api/finance/v1/declarations`) or an exact path when `exact`. */
  path: string;
  exact?: boolean;
  bytes: number;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size as Express's body parsers read it (`256kb`, `80mb`: powers of 1024). */
export function parseSize(name: string, value: string | undefined, fallback: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value || fallback);
  const n = m ? Math.floor(Number(m[1]) * UNITS[(m[2] ?? '').toLowerCase()]) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new EdgeConfigError(`${name} must be a size such as 256kb or 80mb, not "${value}"`);
  return n;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new EdgeConfigError(`${name} must be a whole number above 0, not "${value}"`);
  return Number(value);
}

/**
 * What the edge enforces (ARCHITECTURE §5): a small body limit by default; the exchange mailbox
 * takes the iStandaarden file limit (25 MiB, plus the 1 MiB exchange allows so a file just over it
 * gets the standard's own error); finance's bulk declarations the limit finance sets
 * (`FINANCE_DECLARATION_BODY_LIMIT`, read by both). Partners' requests per minute, and the
 * origins browsers may call from.
 */
export interface EdgeConfig {
  defaultBodyBytes: number;
  bodyLimits: BodyLimit[];
  partnerRatePerMinute: number;
  corsOrigins: string[];
}

export function edgeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const origins = (env.VANGNET_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
    } catch {
      ok = false;
    }
    if (!ok) throw new EdgeConfigError(`VANGNET_CORS_ORIGINS must list origins such as https://portal.example.nl (scheme, host, port; no path), not "${o}"`);
  }
  return {
    defaultBodyBytes: parseSize('VANGNET_GATEWAY_BODY_LIMIT', env.VANGNET_GATEWAY_BODY_LIMIT, '256kb'),
    bodyLimits: [
      { path: '/api/exchange/v1/mailbox', exact: true, bytes: MAX_FILE_BYTES + 1024 * 1024 },
      { path: '/api/finance/v1/declarations', bytes: parseSize('FINANCE_DECLARATION_BODY_LIMIT', env.FINANCE_DECLARATION_BODY_LIMIT, '80mb') },
    ],
    partnerRatePerMinute: positiveInt('VANGNET_GATEWAY_PARTNER_RATE_LIMIT', env.VANGNET_GATEWAY_PARTNER_RATE_LIMIT, 600),
    corsOrigins: origins,
  };
}

/** The body limit of a (canonical) path. */
export function bodyLimitFor(config: EdgeConfig, canonical: string): number {
  let best: BodyLimit | undefined;
  for (const l of config.bodyLimits) {
    const hit = l.exact ? canonical === l.path : canonical === l.path || canonical.startsWith(`${l.path}/`);
    if (hit && (!best || l.path.length > best.path.length)) best = l;
  }
  return best?.bytes ?? config.defaultBodyBytes;
}

/** 262144 → "256 KiB"; 83886080 → "80 MiB"; 1000 → "1000 bytes". */
export function describeSize(n: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (n >= size && n % (size / 16) === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}
