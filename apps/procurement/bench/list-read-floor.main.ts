import 'reflect-metadata';
import { JwtVerifier, NON_PERSONAL_DATA, tenantScopeOf } from '@vangnet/auth';
import { installPgTypeParsers } from '@vangnet/persistence';
import { createServer } from 'http';
import { Pool } from 'pg';
import { providerPageQuery } from '../src/providers/providers.repository';

// The floor of the list-read bench (list-read.bench.ts): `GET /api/procurement/v1/providers?limit=`
// answered by a plain node:http handler: the token verified by the platform's JwtVerifier (the
// same library, the same JWKS, the same cache of verified tokens), the caller's scope taken the
// same way, the page read with the same statement through `pg` (a pool as large as the service's,
// the same search_path and type parsers; `providerPageQuery`, the repository's), the same JSON. No framework, no logging, no metrics:
// what the route cannot cost less than on this machine.
async function main(): Promise<void> {
  installPgTypeParsers();
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 5),
    options: '-c search_path="procurement",public -c timezone=UTC',
  });
  const verifier = new JwtVerifier();
  const answer = (res: import('http').ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const [path, query = ''] = (req.url ?? '').split('?');
      if (req.method !== 'GET' || path !== '/api/procurement/v1/providers') return answer(res, 404, { status: 404, code: 'NOT_FOUND' }, 'application/problem+json');
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!m) return answer(res, 401, { status: 401, code: 'UNAUTHENTICATED' }, 'application/problem+json');
      const caller = await verifier.verify(m[1]).catch(() => undefined);
      if (!caller) return answer(res, 401, { status: 401, code: 'UNAUTHENTICATED' }, 'application/problem+json');
      const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
      const limit = Number(new URLSearchParams(query).get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) return answer(res, 400, { status: 400, code: 'VALIDATION_FAILED' }, 'application/problem+json');
      const { rows } = await pool.query(providerPageQuery({ onlyAgb: scope.providerAgb, limit }));
      const items = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? Buffer.from(JSON.stringify({ agb: items[items.length - 1].agb })).toString('base64url') : null;
      answer(res, 200, { items, nextCursor });
    })().catch((e: Error) => answer(res, 500, { status: 500, detail: e.message }, 'application/problem+json'));
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
