import { Role } from '@vangnet/contracts';
import { TestContext, TestService } from '../src';
import { ConsumerModule } from './support/widgets';

describe('HTTP edge of every service', () => {
  let ctx: TestContext;
  let svc: TestService;
  let controller: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(ConsumerModule, { service: 'finance' }, { VANGNET_OPENAPI: 'true' });
    controller = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0546'] });
  });

  afterAll(() => ctx.close());

  const body = { text: 'hi', municipality: 'GM0546', delayMs: 0 };
  const post = () => svc.http.post('/api/finance/v1/echo');

  it('should answer 401 problem+json without a token, and with an expired or foreign one', async () => {
    const none = await post().send(body).expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/api/finance/v1/echo' });
    expect(none.body.correlationId).toEqual(expect.any(String));
    const expired = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER] }, { expired: true });
    await post().set('Authorization', `Bearer ${expired}`).send(body).expect(401);
    const foreign = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER] }, { audience: 'someone-else' });
    await post().set('Authorization', `Bearer ${foreign}`).send(body).expect(401);
    await post().set('Authorization', 'Bearer not.a.jwt').send(body).expect(401);
  });

  it('should stop accepting a token it accepted once it expires', async () => {
    const shortLived = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0546'] }, { expiresInSeconds: 2 });
    await post().set('Authorization', `Bearer ${shortLived}`).send(body).expect(201);
    await new Promise((r) => setTimeout(r, 2100));
    await post().set('Authorization', `Bearer ${shortLived}`).send(body).expect(401);
  });

  it('should answer 403 problem+json when the token lacks the role, or holds it for the wrong kind of org', async () => {
    const caseworker = await ctx.token({ org: 'GM0546', roles: [Role.ACCESS_CASEWORKER], municipalities: ['GM0546'] });
    const res = await post().set('Authorization', `Bearer ${caseworker}`).send(body).expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // finance.controller is a municipal role: a provider holding it gets nothing.
    const provider = await ctx.token({ org: 'AGB:12345678', roles: [Role.FINANCE_CONTROLLER] });
    await post().set('Authorization', `Bearer ${provider}`).send(body).expect(403);
  });

  it('should accept a valid request and name every bad field otherwise', async () => {
    await post().set('Authorization', `Bearer ${controller}`).send(body).expect(201, { text: 'hi' });
    const res = await post().set('Authorization', `Bearer ${controller}`).send({ text: 'x'.repeat(51), municipality: 'GM546', extra: 1 }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'text', code: 'INVALID_LENGTH' }),
        expect.objectContaining({ name: 'municipality', code: 'INVALID_MUNICIPALITY_CODE' }),
        expect.objectContaining({ name: 'delayMs', code: 'REQUIRED' }),
        expect.objectContaining({ name: 'extra', code: 'UNKNOWN_FIELD' }),
      ]),
    );
  });

  it('should answer malformed JSON, an oversized body and an unknown route with problem+json, never a 500', async () => {
    const malformed = await post().set('Authorization', `Bearer ${controller}`).set('Content-Type', 'application/json').send('{"text": ').expect(400);
    expect(malformed.body.code).toBe('INVALID_JSON');
    const big = await post().set('Authorization', `Bearer ${controller}`).set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(300_000) })).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await svc.http.get('/api/finance/v1/nothing-here').set('Authorization', `Bearer ${controller}`).expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should replay a POST with the same Idempotency-Key and refuse the key for another body', async () => {
    const first = await post().set('Authorization', `Bearer ${controller}`).set('Idempotency-Key', 'k-1').send(body).expect(201);
    const again = await post().set('Authorization', `Bearer ${controller}`).set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post().set('Authorization', `Bearer ${controller}`).set('Idempotency-Key', 'k-1').send({ ...body, text: 'other' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('should replay the status a route set itself', async () => {
    const accepted = () => svc.http.post('/api/finance/v1/echo/accepted').set('Authorization', `Bearer ${controller}`).set('Idempotency-Key', 'k-202');
    await accepted().send(body).expect(202);
    await new Promise((r) => setTimeout(r, 100));
    const again = await accepted().send(body).expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('should be ready when migrated and connected, and serve live, metrics and OpenAPI without a token', async () => {
    const ready = await svc.http.get('/api/finance/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' } });
    await svc.http.get('/api/finance/health/live').expect(200, { status: 'ok' });
    const metrics = await svc.http.get('/api/finance/metrics').expect(200);
    expect(metrics.text).toContain('vangnet_http_request_duration_seconds_bucket');
    expect(metrics.text).toContain('vangnet_outbox_backlog');
    const doc = await svc.http.get('/api/finance/docs-json').expect(200);
    expect(doc.body.paths['/api/finance/v1/echo']).toBeDefined();
    expect(doc.body.components.schemas.EchoRequest.properties.municipality).toBeDefined();
    // Query classes (class-validator only) are listed as parameters too.
    expect(doc.body.paths['/api/finance/v1/echo'].get.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'query', required: false })]);
    expect(doc.body.paths['/api/finance/v1/dead-letters'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['consumer', 'includeResolved']);
  });

  it('should echo the caller’s correlation id', async () => {
    const res = await svc.http.get('/api/finance/health/live').set('X-Correlation-Id', 'trace-me-42').expect(200);
    expect(res.headers['x-correlation-id']).toBe('trace-me-42');
  });
});
