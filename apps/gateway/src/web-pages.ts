import { NestExpressApplication } from '@nestjs/platform-express';
import { devIssuerFromEnv } from '@vangnet/auth';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { authorizationCode, webClientId } from './dev-idp/authorization-code';
import { devIdpEnabled } from './dev-idp/dev-idp.service';

/**
 * The web pages (apps/web, issue 20) at `/`: the built files (`VANGNET_WEB_DIR`, default dist/web
 * beside the gateway's build), `/web-config.json` with where to sign in, and the page shell for
 * every other GET outside `/api` and `/.well-known` (the pages route in the browser). Hashed
 * assets are cached for a year, the shell never.
 */
export function webDir(): string {
  return resolve(process.env.VANGNET_WEB_DIR ?? join(__dirname, '..', '..', '..', 'web'));
}

export function webConfig(): { issuer: string; clientId: string } {
  const issuer = process.env.VANGNET_OIDC_ISSUER_URL?.trim() || devIssuerFromEnv();
  return { issuer: issuer.replace(/\/$/, ''), clientId: webClientId() };
}

const outsidePages = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/.well-known/');

export function webPages(app: NestExpressApplication): void {
  if (devIdpEnabled()) authorizationCode(app);
  const dir = webDir();
  const shell = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || outsidePages(req.path)) return next();
    if (req.path === '/web-config.json') {
      res.setHeader('Cache-Control', 'no-cache');
      return void res.json(webConfig());
    }
    files(req, res, () => {
      // A missing asset is a 404, not the shell; any other path is a page of the app.
      if (req.path.startsWith('/assets/') || !existsSync(shell)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      res.sendFile(shell);
    });
  });
}
