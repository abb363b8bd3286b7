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

/**
 * One origin for partners: `/api/<service>/...` streams through to the service unchanged (the
 * service checks the token itself). Bodies are not parsed here, so bulk uploads pass as they are.
 */
export function serviceProxy(): RequestHandler {
  const targets = serviceTargets();
  const prefixes = Object.keys(targets);
  const targetFor = (path: string) => prefixes.find((p) => path === p || path.startsWith(`${p}/`));
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    pathFilter: (path) => targetFor(path) !== undefined,
    router: (req) => targets[targetFor(req.url ?? '') as string],
    changeOrigin: false,
    xfwd: true,
    proxyTimeout: 120_000,
    on: {
      proxyReq: (proxyReq, req) => {
        if (!req.headers['x-correlation-id']) proxyReq.setHeader('x-correlation-id', randomUUID());
      },
      error: (err, req, res) => {
        const path = (req as Request).originalUrl ?? req.url;
        const service = targetFor(req.url ?? '')?.slice('/api/'.length) ?? 'the service';
        if ('writeHead' in res && !(res as ServerResponse).headersSent) {
          sendProblem(res as unknown as Response, problem(502, 'SERVICE_UNAVAILABLE', `${service} did not answer: ${(err as Error).message}`, path));
        } else {
          (res as Socket).destroy?.();
        }
      },
    },
  });
}
