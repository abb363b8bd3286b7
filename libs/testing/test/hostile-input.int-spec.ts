import { Role } from '@vangnet/contracts';
import { RpcClient } from '@vangnet/messaging';
import { TestContext, TestService } from '../src';
import { ConsumerModule } from './support/widgets';

/** Issue 13: input that once made every service answer 500, refused at the edge as a 400. */
describe('hostile input at every service edge', () => {
  let ctx: TestContext;
  let svc: TestService;
  let auth: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(ConsumerModule, { service: 'finance' });
    auth = `Bearer ${await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER, Role.PLATFORM_OPERATOR], municipalities: ['GM0546'] })}`;
  });

  afterAll(() => ctx.close());

  const nested = (depth: number, leaf: unknown = 1): string => '{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth);
  const postRaw = (path: string, raw: string) => svc.http.post(path).set('Authorization', auth).set('Content-Type', 'application/json').send(raw);

  it('should refuse deeply nested JSON as 400 TOO_DEEP before anything transforms it', async () => {
    for (const raw of [nested(2400), '['.repeat(2400) + ']'.repeat(2400), `{"lines":${'['.repeat(3000)}${']'.repeat(3000)}}`]) {
      const res = await postRaw('/api/finance/v1/echo/nested', raw).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('TOO_DEEP');
    }
    // 2,400 levels under a known field of a route whose class nests.
    const deepLine = JSON.stringify({ lines: [{ note: 'x' }] }).replace('"x"', nested(2400, 'x'));
    expect((await postRaw('/api/finance/v1/echo/nested', deepLine).expect(400)).body.code).toBe('TOO_DEEP');
    // Unauthenticated too: the guard runs before any route.
    await svc.http.post('/api/finance/v1/echo').set('Content-Type', 'application/json').send(nested(2400)).expect(400);
    // A sensible depth still reaches validation.
    await postRaw('/api/finance/v1/echo/nested', JSON.stringify({ lines: [{ note: 'ok' }] })).expect(201, { notes: ['ok'] });
  });

  it('should refuse an object with a huge number of keys, and cap invalidParams at 100 with a count', async () => {
    const many = Object.fromEntries(Array.from({ length: 15_000 }, (_, i) => [i.toString(36), 0]));
    const huge = await postRaw('/api/finance/v1/echo', JSON.stringify(many)).expect(400);
    expect(huge.body.code).toBe('TOO_MANY_FIELDS');
    expect(huge.text.length).toBeLessThan(2_000);
    const some = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const res = await postRaw('/api/finance/v1/echo', JSON.stringify({ text: 'hi', municipality: 'GM0546', delayMs: 0, ...some })).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.invalidParams).toHaveLength(100);
    expect(res.body.invalidParamsCount).toBe(500);
  });

  it('should refuse a NUL character in any string of a body or query, naming the field', async () => {
    const body = await postRaw('/api/finance/v1/echo/nested', JSON.stringify({ lines: [{ note: 'ok' }, { note: 'a\u0000b' }] })).expect(400);
    expect(body.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[1].note', code: 'INVALID_CHARACTER' })]);
    const top = await postRaw('/api/finance/v1/echo', JSON.stringify({ text: 'a\u0000', municipality: 'GM0546', delayMs: 0 })).expect(400);
    expect(top.body.invalidParams).toEqual([expect.objectContaining({ name: 'text', code: 'INVALID_CHARACTER' })]);
    const query = await svc.http.get('/api/finance/v1/echo?name=a%00b').set('Authorization', auth).expect(400);
    expect(query.body.invalidParams).toEqual([expect.objectContaining({ name: 'name', code: 'INVALID_CHARACTER' })]);
    const deadLetters = await svc.http.get('/api/finance/v1/dead-letters?consumer=x%00').set('Authorization', auth).expect(400);
    expect(deadLetters.body.invalidParams[0].name).toBe('consumer');
    const path = await svc.http.get('/api/finance/v1/dead-letters/1%00/retry').set('Authorization', auth);
    expect(path.status).toBe(400);
    await svc.http.get('/api/finance/v1/echo?name=fine').set('Authorization', auth).expect(200, { name: 'fine' });
  });

  it('should refuse __proto__, constructor and prototype keys as UNKNOWN_FIELD like any other unknown key', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"text":"hi","municipality":"GM0546","delayMs":0,"${key}":{"polluted":true}}`;
      const res = await postRaw('/api/finance/v1/echo', raw).expect(400);
      expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: key, code: 'UNKNOWN_FIELD' })]);
      const inLine = await postRaw('/api/finance/v1/echo/nested', `{"lines":[{"note":"x","${key}":{"isAdmin":true}}]}`).expect(400);
      expect(inLine.body.invalidParams).toEqual([expect.objectContaining({ name: `lines[0].${key}`, code: 'UNKNOWN_FIELD' })]);
    }
    const query = await svc.http.get('/api/finance/v1/echo?__proto__=1').set('Authorization', auth).expect(400);
    expect(query.body.invalidParams[0]).toMatchObject({ name: '__proto__', code: 'UNKNOWN_FIELD' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('should keep the query string out of problem instances', async () => {
    const res = await svc.http.get('/api/finance/v1/echo?name=999999990&bsn=123456782&x=%00').set('Authorization', auth).expect(400);
    expect(res.body.instance).toBe('/api/finance/v1/echo');
    const unauth = await svc.http.get('/api/finance/v1/echo?bsn=123456782').expect(401);
    expect(unauth.body.instance).toBe('/api/finance/v1/echo');
    const inPath = await svc.http.get('/api/finance/v1/persons/999990019').set('Authorization', auth).expect(404);
    expect(inPath.body.instance).toBe('/api/finance/v1/persons/[redacted]');
  });

  it('should refuse a dead-letter id that is not a safe whole number as 400, never a database error', async () => {
    for (const id of ['99999999999999999999999', '-1', '0', '1e3', 'abc']) {
      const res = await svc.http.post(`/api/finance/v1/dead-letters/${id}/retry`).set('Authorization', auth).expect(400);
      expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: 'id', code: 'INVALID_ID' })]);
    }
    await svc.http.post('/api/finance/v1/dead-letters/9007199254740991/retry').set('Authorization', auth).expect(404);
  });

  it('should refuse the same input over NATS requests', async () => {
    const ask = (payload: unknown) => svc.app.get(RpcClient).request('finance.echo.ask', payload);
    await expect(ask(JSON.parse(nested(2400)))).rejects.toMatchObject({ code: 'TOO_DEEP' });
    await expect(ask({ text: 'a\u0000', municipality: 'GM0546', delayMs: 0 })).rejects.toMatchObject({
      invalidParams: [expect.objectContaining({ name: 'text', code: 'INVALID_CHARACTER' })],
    });
    await expect(ask(JSON.parse('{"text":"hi","municipality":"GM0546","delayMs":0,"__proto__":{"x":1}}'))).rejects.toMatchObject({
      invalidParams: [expect.objectContaining({ name: '__proto__', code: 'UNKNOWN_FIELD' })],
    });
  });
});
