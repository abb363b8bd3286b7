import { NestExpressApplication } from '@nestjs/platform-express';
import { isMunicipalityCode, parseOrg, Role } from '@vangnet/contracts';
import { RegionConfig } from '@vangnet/platform';
import { createHash, randomBytes } from 'crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { DEV_TOKEN_SECONDS, DevIdpService } from './dev-idp.service';

/**
 * Browser sign-in at the development issuer (issue 20): OIDC authorization code with PKCE (RFC
 * 7636, S256 only). `GET /api/gateway/oidc/authorize` shows a sign-in page where a tester picks
 * roles, organisation and municipalities; posting it redirects back with a one-time code (60 s);
 * the `authorization_code` grant at the token endpoint (`/api/gateway/oauth/token`, the one the
 * discovery document names) exchanges it, with the code verifier, for an access token and an ID
 * token signed by the development issuer. Codes live in this process's memory: the development
 * issuer is one gateway on a developer's machine, never production.
 */
export const AUTHORIZE_PATH = '/api/gateway/oidc/authorize';
export const TOKEN_PATH = '/api/gateway/oauth/token';
const CODE_SECONDS = 60;

/** What the discovery document adds for browser sign-in. */
export function authorizationCodeMetadata(issuer: string): Record<string, unknown> {
  return {
    authorization_endpoint: `${issuer}${AUTHORIZE_PATH}`,
    grant_types_supported: ['client_credentials', 'authorization_code'],
    response_types_supported: ['token', 'code'],
    code_challenge_methods_supported: ['S256'],
    // The web pages are a public client: PKCE instead of a secret.
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
  };
}

/** The web pages' client: `VANGNET_WEB_CLIENT_ID` (public client, PKCE instead of a secret). */
export function webClientId(): string {
  return process.env.VANGNET_WEB_CLIENT_ID?.trim() || 'vangnet-web';
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  nonce?: string;
  claims: { sub: string; org: string; roles: string[]; municipalities: string[] };
  expires: number;
}

interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scope: string;
  nonce?: string;
}

const ROLES = Object.values(Role) as string[];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' && v ? [v] : []);

/** A redirect back only to the issuer's own origin or a loopback address (a developer's machine). */
function redirectAllowed(redirectUri: string, issuer: string): boolean {
  try {
    const u = new URL(redirectUri);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    if (u.origin === new URL(issuer).origin) return true;
    return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

function paramsOf(q: Record<string, unknown>, issuer: string): { ok: AuthorizeParams } | { error: string } {
  const p: AuthorizeParams = {
    clientId: str(q.client_id),
    redirectUri: str(q.redirect_uri),
    state: str(q.state),
    challenge: str(q.code_challenge),
    scope: str(q.scope) || 'openid',
    nonce: str(q.nonce) || undefined,
  };
  if (str(q.response_type) !== 'code') return { error: 'response_type must be code' };
  if (p.clientId !== webClientId()) return { error: 'client_id is not the web client (VANGNET_WEB_CLIENT_ID)' };
  if (!redirectAllowed(p.redirectUri, issuer)) return { error: "redirect_uri must be on the issuer's origin or a loopback address" };
  if (str(q.code_challenge_method) !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(p.challenge)) return { error: 'PKCE is required: code_challenge (S256, 43 characters) and code_challenge_method=S256' };
  if (p.state.length > 512 || (p.nonce?.length ?? 0) > 512) return { error: 'state and nonce are at most 512 characters' };
  return { ok: p };
}

function signInPage(p: AuthorizeParams, region: readonly string[], error?: string): string {
  const hidden = (name: string, value: string | undefined) => (value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`);
  const roleBoxes = ROLES.map((r, i) => `<div><input type="checkbox" id="role-${i}" name="roles" value="${r}"><label for="role-${i}">${r}</label></div>`).join('\n');
  const muniBoxes = region.map((m) => `<div><input type="checkbox" id="gm-${m}" name="municipalities" value="${m}" checked><label for="gm-${m}">${m}</label></div>`).join('\n');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aanmelden bij de ontwikkel-identiteitsprovider</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}fieldset{margin:1rem 0}label{margin-left:.4rem}
.error{color:#b00020;font-weight:bold}button{font-size:1rem;padding:.5rem 1rem;background:#24578f;color:#fff;border:0;border-radius:4px}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}</style></head>
<body><main>
<h1>Aanmelden (ontwikkelomgeving)</h1>
<p>Dit is de ontwikkel-identiteitsprovider van Vangnet. Kies de rollen, de organisatie en de gemeenten waarmee u wilt testen.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${AUTHORIZE_PATH}">
${hidden('client_id', p.clientId)}${hidden('redirect_uri', p.redirectUri)}${hidden('state', p.state)}${hidden('code_challenge', p.challenge)}${hidden('code_challenge_method', 'S256')}${hidden('scope', p.scope)}${hidden('nonce', p.nonce)}${hidden('response_type', 'code')}
<p><label for="sub">Gebruikersnaam</label><br><input id="sub" name="sub" value="tester" required maxlength="128" autocomplete="username"></p>
<p><label for="org">Organisatie (GMxxxx, AGB:…, CORP:… of ORG:…)</label><br><input id="org" name="org" value="GM0546" required></p>
<fieldset><legend>Rollen</legend>
${roleBoxes}
</fieldset>
<fieldset><legend>Gemeenten</legend>
${muniBoxes}
</fieldset>
<button type="submit" id="sign-in">Aanmelden</button>
</form></main></body></html>`;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.type('application/problem+json').send(
    JSON.stringify({ type: 'about:blank', title: error, status, detail: description, code: error.toUpperCase(), error, error_description: description }),
  );
}

/** Registers the authorize endpoint and the authorization_code grant; the client credentials grant stays with the token controller. */
export function authorizationCode(app: NestExpressApplication): void {
  const codes = new Map<string, PendingCode>();
  const idp = () => app.get(DevIdpService);
  const region = () => RegionConfig.fromEnv().municipalities;
  const sweep = () => {
    const now = Date.now();
    for (const [k, v] of codes) if (v.expires < now) codes.delete(k);
  };

  app.use(AUTHORIZE_PATH, express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 60 }), (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/' && req.path !== '') return next();
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    if (!idp().enabled()) return oauthError(res, 404, 'not_found', 'the development identity provider is off (VANGNET_DEV_IDP=true turns it on)');
    res.setHeader('Cache-Control', 'no-store');
    const input = (req.method === 'GET' ? req.query : req.body ?? {}) as Record<string, unknown>;
    const parsed = paramsOf(input, idp().issuer());
    if ('error' in parsed) return oauthError(res, 400, 'invalid_request', parsed.error);
    const p = parsed.ok;
    if (req.method === 'GET') return void res.type('text/html').send(signInPage(p, region()));

    const sub = str(input.sub).trim();
    const org = str(input.org).trim();
    const roles = list(input.roles);
    const municipalities = list(input.municipalities);
    const problem =
      !sub || sub.length > 128
        ? 'Vul een gebruikersnaam in (ten hoogste 128 tekens).'
        : !parseOrg(org)
          ? 'De organisatie moet GMxxxx, AGB:<8 cijfers>, CORP:<KvK> of ORG:<KvK> zijn.'
          : roles.some((r) => !ROLES.includes(r))
            ? 'Onbekende rol.'
            : municipalities.some((m) => !isMunicipalityCode(m)) || municipalities.length > 50
              ? 'Onbekende gemeentecode.'
              : undefined;
    if (problem) return void res.status(400).type('text/html').send(signInPage(p, region(), problem));
    sweep();
    const code = randomBytes(32).toString('base64url');
    codes.set(code, { ...p, claims: { sub, org, roles, municipalities }, expires: Date.now() + CODE_SECONDS * 1000 });
    const back = new URL(p.redirectUri);
    back.searchParams.set('code', code);
    if (p.state) back.searchParams.set('state', p.state);
    res.redirect(302, back.toString());
  });

  // Runs after the token route's form parser and before the controller, which keeps the client
  // credentials grant: only `grant_type=authorization_code` is answered here.
  app.use(TOKEN_PATH, (req: Request, res: Response, next: NextFunction) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    if (req.method !== 'POST' || body.grant_type !== 'authorization_code') return next();
    if (!idp().enabled()) return oauthError(res, 404, 'not_found', 'the development identity provider is off (VANGNET_DEV_IDP=true turns it on)');
    sweep();
    const code = str(body.code);
    const pending = codes.get(code);
    // One use only: a code presented twice is gone after the first.
    codes.delete(code);
    if (!pending) return oauthError(res, 400, 'invalid_grant', 'the code is unknown, used or expired');
    if (str(body.client_id) !== pending.clientId) return oauthError(res, 400, 'invalid_grant', 'client_id differs from the authorization request');
    if (str(body.redirect_uri) !== pending.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = str(body.code_verifier);
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
      return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    void (async () => {
      const accessToken = await idp().issue(pending.claims);
      // The ID token: the same signed claims (sub, org, roles, municipalities) for the client.
      const idToken = await idp().issue(pending.claims);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: DEV_TOKEN_SECONDS, scope: pending.scope });
    })().catch(next);
  });
}
