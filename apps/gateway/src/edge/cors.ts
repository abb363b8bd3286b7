import { problem, sendProblem } from '@vangnet/platform';
import type { NextFunction, Request, Response } from 'express';

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id, traceparent, tracestate';
const EXPOSED_HEADERS = 'ETag, Location, Retry-After, X-Correlation-Id, Content-Disposition';
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

/**
 * CORS for the configured origins only (`VANGNET_CORS_ORIGINS`), on every route of the gateway.
 * A preflight from another origin is 403; an ordinary request from one gets no CORS headers (the
 * browser keeps the answer from the page). Credentials are bearer tokens, never cookies.
 */
export function corsFor(origins: readonly string[]): (req: Request, res: Response, next: NextFunction) => void {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!allowed.has(origin)) {
      if (preflight) return sendProblem(res, problem(403, 'CORS_ORIGIN_NOT_ALLOWED', 'this origin may not call the API from a browser', req.path));
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      return next();
    }
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
