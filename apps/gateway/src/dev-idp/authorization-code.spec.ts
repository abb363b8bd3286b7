import { TestContext, TestService } from '@vangnet/testing';
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { decodeJwt } from 'jose';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../app.module';
import { GATEWAY_OPTIONS } from '../gateway.app';

// Browser sign-in at the development issuer (issue 20) and the web pages at `/`, on the real
// gateway (its own schema in PostgreSQL, NATS): authorization code with PKCE, one use per code.
describe('gateway: browser sign-in and the web pages', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let dataDir: string;
  const redirectUri = 'http://127.0.0.1:5173/aanmelden/terug';

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-web-'));
    const web = join(dataDir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="nl"><title>shell</title></html>');
    writeFileSync(join(web, 'assets', 'page-abc.js'), 'export {};');
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { VANGNET_DEV_IDP: 'true', VANGNET_DATA_DIR: dataDir, VANGNET_WEB_DIR: web, VANGNET_ACCESS_URL: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };
  const authorizeQuery = (challenge: string, over: Record<string, string> = {}) =>
    new URLSearchParams({ response_type: 'code', client_id: 'vangnet-web', redirect_uri: redirectUri, state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid', ...over }).toString();

  async function code(challenge: string, roles = ['regional.analyst']): Promise<string> {
    const form = new URLSearchParams(authorizeQuery(challenge));
    form.set('sub', 'tester');
    form.set('org', 'GM0546');
    for (const r of roles) form.append('roles', r);
    form.append('municipalities', 'GM0546');
    form.append('municipalities', 'GM0547');
    const res = await gateway.http.post('/api/gateway/oidc/authorize').type('form').send(form.toString()).expect(302);
    const back = new URL(res.headers.location);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-1');
    return back.searchParams.get('code') as string;
  }

  const exchange = (c: string, verifier: string) =>
    gateway.http.post('/api/gateway/oauth/token').type('form').send(new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: redirectUri, client_id: 'vangnet-web', code_verifier: verifier }).toString());

  it('should name the authorize endpoint, the code flow and S256 in its discovery document', async () => {
    const res = await gateway.http.get('/.well-known/openid-configuration').expect(200);
    expect(res.body).toMatchObject({ authorization_endpoint: `${res.body.issuer}/api/gateway/oidc/authorize`, code_challenge_methods_supported: ['S256'] });
    expect(res.body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(res.body.response_types_supported).toContain('code');
  });

  it('should show a Dutch sign-in page only for the web client with PKCE and a loopback or own-origin redirect', async () => {
    const { challenge } = pkce();
    const page = await gateway.http.get(`/api/gateway/oidc/authorize?${authorizeQuery(challenge)}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('value="regional.analyst"');
    await gateway.http.get(`/api/gateway/oidc/authorize?${authorizeQuery(challenge, { code_challenge_method: 'plain' })}`).expect(400);
    await gateway.http.get(`/api/gateway/oidc/authorize?${authorizeQuery(challenge, { redirect_uri: 'https://elders.example/terug' })}`).expect(400);
    await gateway.http.get(`/api/gateway/oidc/authorize?${authorizeQuery(challenge, { client_id: 'another' })}`).expect(400);
    const form = new URLSearchParams(authorizeQuery(challenge));
    form.set('sub', 'tester');
    form.set('org', 'not-an-org');
    const refused = await gateway.http.post('/api/gateway/oidc/authorize').type('form').send(form.toString()).expect(400);
    expect(refused.text).toContain('role="alert"');
  });

  it('should exchange a code once, with the verifier that matches its challenge, for tokens with the chosen claims', async () => {
    const good = pkce();
    const wrong = await exchange(await code(good.challenge), pkce().verifier).expect(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant' });
    const c = await code(good.challenge, ['regional.analyst', 'housing.placement-officer']);
    const res = await exchange(c, good.verifier).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(decodeJwt(res.body.access_token)).toMatchObject({ sub: 'tester', org: 'GM0546', roles: ['regional.analyst', 'housing.placement-officer'], municipalities: ['GM0546', 'GM0547'] });
    expect(decodeJwt(res.body.id_token).sub).toBe('tester');
    // The same code a second time: gone.
    await exchange(c, good.verifier).expect(400);
    // The client credentials grant is still the controller's.
    const cc = await gateway.http.post('/api/gateway/oauth/token').type('form').send('grant_type=client_credentials&client_id=x&client_secret=y');
    expect(cc.status).toBe(401);
  });

  it('should serve the pages at / with the shell for page paths, 404 for a missing asset, and leave /api alone', async () => {
    expect((await gateway.http.get('/').expect(200)).text).toContain('shell');
    expect((await gateway.http.get('/monitor?from=2026-01').expect(200)).text).toContain('shell');
    const asset = await gateway.http.get('/assets/page-abc.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await gateway.http.get('/assets/missing.js').expect(404);
    const api = await gateway.http.get('/api/gateway/nothing-here');
    expect(api.text).not.toContain('shell');
    const config = await gateway.http.get('/web-config.json').expect(200);
    expect(config.body).toEqual({ issuer: expect.stringMatching(/^http/), clientId: 'vangnet-web' });
  });
});
