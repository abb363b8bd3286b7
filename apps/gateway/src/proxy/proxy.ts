import { Logger } from '@nestjs/common';
import { SERVICES, ServiceName } from '@vangnet/contracts';
import { DEFAULT_PORTS, problem, sendProblem } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import type { Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'http';
import { createProxyMiddleware, RequestHandler } from 'http-proxy-middleware';
import type { Socket } from 'net';

/** Every service but the gateway itself (the registry in libs/contracts is the one list). */
export const PROXIED_SERVICES: ServiceName[] = SERVICES.filter((s) => s !== 'gateway');

/** Where each service lives: VANGNET_<SERVICE>_URL, else localhost on its default port. */
export function serviceTargets(): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const s of PROXIED_SERVICES) {
    const env = `VANGNET_${s.toUpperCase().replace(/-/g, '_')}_URL`;
    targets[`/api/${s}`] = (process.env[env] ?? `http://127.0.0.1:${DEFAULT_PORTS[s]}`).replace(/\/$/, '');
  }
  return targets;
}

const logger = new Logger('Proxy');

/** The path of a request target, without the query (and without scheme and host in absolute form). */
export function pathOf(url: string | undefined): string {
  let u = url ?? '';
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(u);
  if (absolute) u = u.slice(absolute[0].length) || '/';
  const end = u.search(/[?#]/);
  return end < 0 ? u : u.slice(0, end);
}

/**
 * One origin for partners: `/api/<service>/...` streams through to the service unchanged (the
 * service checks the token itself). Bodies are not parsed here, so bulk uploads pass as they are.
 */
export function serviceProxy(): RequestHandler {
  const targets = serviceTargets();
  const prefixes = Object.keys(targets);
  // Route on the path alone: `/api/access?x=1` is access's, and so is an absolute-form target
  // (`GET http://host/api/access/...`), which `originForm` has already rewritten.
  const targetFor = (url: string | undefined) => {
    const path = pathOf(url);
    return prefixes.find((p) => path === p || path.startsWith(`${p}/`));
  };
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    pathFilter: (_path, req) => targetFor(req.url) !== undefined,
    router: (req) => targets[targetFor(req.url) as string],
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 120_000,
    on: {
      proxyReq: (proxyReq, req) => {
        if (!req.headers['x-correlation-id']) proxyReq.setHeader('x-correlation-id', randomUUID());
      },
      error: (err, req, res) => {
        const path = pathOf((req as Request).originalUrl ?? req.url);
        const service = targetFor(req.url)?.slice('/api/'.length) ?? 'the service';
        // The cause (a refused connection, a reset, an address) stays in the log, not in the answer.
        logger.warn(`${service} did not answer ${req.method} ${path}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
        if ('writeHead' in res && !(res as ServerResponse).headersSent) {
          sendProblem(res as unknown as Response, problem(502, 'SERVICE_UNAVAILABLE', `${service} did not answer`, path));
        } else {
          (res as Socket).destroy?.();
        }
      },
    },
  });
}
