import { Logger } from '@nestjs/common';
import { SERVICES, ServiceName } from '@vangnet/contracts';
import { DEFAULT_PORTS, problem, sendProblem } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import { Agent as HttpAgent, ClientRequest, IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, request as httpRequest, ServerResponse } from 'http';
import { Agent as HttpsAgent, request as httpsRequest } from 'https';
import { posix } from 'path';
import { context, propagation } from '@opentelemetry/api';

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
 * The path as a service's router would see it, for deciding what the outside may reach: percent
 * escapes decoded, repeated slashes and dot segments resolved, lower case (Express matches routes
 * case-insensitively and ignores a trailing slash).
 */
export function canonicalPath(path: string): string {
  let decoded = path;
  // Twice, so `%252e` cannot hide a dot from a service that decodes once more.
  for (let i = 0; i < 2; i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
  }
  const normal = posix.normalize(decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/'));
  return normal.toLowerCase().replace(/\/+$/, '') || '/';
}

/**
 * A service's OpenAPI pages and Prometheus metrics stay inside the cluster (ARCHITECTURE §5):
 * `/api/<service>/metrics`, `/api/<service>/docs`, `/docs-json`, `/docs/...` are not proxied.
 */
export function isInternalOnly(prefix: string, path: string): boolean {
  return canonicalIsInternalOnly(prefix, canonicalPath(path));
}

function canonicalIsInternalOnly(prefix: string, canonical: string): boolean {
  if (!canonical.startsWith(`${prefix}/`) && canonical !== prefix) return true; // `..` climbed out of the service
  const rest = canonical.slice(prefix.length);
  return /^\/(metrics|docs)(\/|-|\.|$)/.test(rest);
}

/** Connection-level headers (RFC 9110 §7.6.1): never forwarded, in either direction. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || named.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

/** What the proxy tells its observers about one proxied request (RED metrics). */
export interface ProxyObservation {
  service: string;
  method: string;
  status: number;
  /** Seconds from sending the request upstream to its response headers; undefined when it did not answer. */
  upstreamSeconds?: number;
  /** The upstream did not answer (refused, reset, timed out). */
  failed: boolean;
}

/** Why the gateway answered a request for a service itself. */
export type RefusalReason = 'internal_only' | 'body_too_large' | 'rate_limited' | 'partner_inactive' | 'scope_missing';

export interface ServiceProxyOptions {
  targets?: Record<string, string>;
  /** Milliseconds an upstream may take to answer before the request is given up (502). */
  timeoutMs?: number;
  /** The most bytes a request body to this (canonical) path may have: 413 above it, declared or streamed. */
  bodyLimit?: (canonicalPath: string) => number;
  /** How a body limit reads in the 413's detail. */
  describeLimit?: (bytes: number) => string;
  /** Called before forwarding; may answer itself (429, 403) and return false to stop. A plain boolean saves a turn of the event loop. */
  admit?: (req: Request, res: Response, service: string) => boolean | Promise<boolean>;
  /** Called once per proxied request when it ends. */
  observe?: (o: ProxyObservation) => void;
  /** Called when the gateway answers a request for a service itself. */
  refused?: (service: string, reason: RefusalReason) => void;
}

/**
 * One origin for partners: `/api/<service>/...` streams through to the service (the service
 * checks the token itself), on node:http with a keep-alive agent per upstream. Bodies are not
 * parsed here, so bulk uploads pass as they are; hop-by-hop headers are dropped, `X-Forwarded-*`
 * set and the W3C trace context (`traceparent`, `tracestate`) continued from the gateway's span.
 */
export function serviceProxy(options: ServiceProxyOptions = {}): (req: Request, res: Response, next: NextFunction) => void {
  const targets = options.targets ?? serviceTargets();
  const timeoutMs = options.timeoutMs ?? 120_000;
  // Per prefix, once: the service, where it lives and its keep-alive agent.
  const upstreams = new Map<string, Upstream>();
  for (const [prefix, target] of Object.entries(targets)) {
    const url = new URL(target);
    const https = url.protocol === 'https:';
    const Agent = https ? HttpsAgent : HttpAgent;
    upstreams.set(prefix, {
      service: prefix.slice('/api/'.length),
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      send: https ? httpsRequest : httpRequest,
      agent: new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 256, maxFreeSockets: 32 }),
    });
  }
  const prefixes = [...upstreams.keys()];
  // Route on the path alone: `/api/access?x=1` is access's, and so is an absolute-form target
  // (`GET http://host/api/access/...`), which `originForm` has already rewritten.
  const prefixOf = (path: string) => prefixes.find((p) => path === p || path.startsWith(`${p}/`));

  return (req, res, next) => {
    const path = pathOf(req.url);
    const prefix = prefixOf(path);
    if (!prefix) return next();
    const upstream = upstreams.get(prefix) as Upstream;
    const service = upstream.service;
    const canonical = canonicalPath(path);
    if (canonicalIsInternalOnly(prefix, canonical)) {
      options.refused?.(service, 'internal_only');
      return sendProblem(res, problem(404, 'NOT_FOUND', 'no such route on the gateway', path));
    }
    const limit = options.bodyLimit?.(canonical) ?? Infinity;
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      options.refused?.(service, 'body_too_large');
      const size = options.describeLimit?.(limit) ?? `${limit} bytes`;
      // The rest of the body is not read: the connection closes after this answer.
      res.setHeader('Connection', 'close');
      sendProblem(res, problem(413, 'PAYLOAD_TOO_LARGE', `the body is larger than this route takes: at most ${size} (${limit} bytes)`, path, undefined, { limitBytes: limit }));
    };
    if (declared > limit) return tooLarge();
    const go = () => forward(req, res, { upstream, timeoutMs, limit, tooLarge, observe: options.observe });
    const admitted = options.admit ? options.admit(req, res, service) : true;
    if (admitted === true) return go();
    if (admitted === false) return;
    admitted.then(
      (yes) => {
        if (yes) go();
      },
      (e: unknown) => next(e),
    );
  };
}

/** A service behind the gateway, resolved once. */
interface Upstream {
  service: string;
  protocol: string;
  hostname: string;
  port: string;
  send: typeof httpRequest;
  agent: HttpAgent;
}

interface Forwarding {
  upstream: Upstream;
  timeoutMs: number;
  /** Body bytes allowed; a streamed body that passes it is cut off with `tooLarge`. */
  limit: number;
  tooLarge: () => void;
  observe?: (o: ProxyObservation) => void;
}

function forward(req: Request, res: Response, { upstream: target, timeoutMs, limit, tooLarge, observe }: Forwarding): void {
  const { service, agent, send } = target;
  const headers = withoutHopByHop(req.headers);
  const remote = req.socket.remoteAddress ?? '';
  const priorFor = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = priorFor ? `${String(priorFor)}, ${remote}` : remote;
  headers['x-forwarded-proto'] = req.headers['x-forwarded-proto'] ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  if (req.headers.host) headers['x-forwarded-host'] = req.headers['x-forwarded-host'] ?? req.headers.host;
  if (!headers['x-correlation-id']) headers['x-correlation-id'] = randomUUID();
  // The trace continues from the gateway's own span of this request (the tracing middleware's):
  // the service's span is its child, not a sibling hanging off the caller's. Without a span (no
  // tracing) the caller's `traceparent` goes on as it came.
  propagation.inject(context.active(), headers);
  // A body of unknown length goes on chunked; one of known length keeps its Content-Length.
  const started = process.hrtime.bigint();
  let done = false;
  const finish = (status: number, failed: boolean, upstreamSeconds?: number) => {
    if (done) return;
    done = true;
    observe?.({ service, method: req.method, status, failed, upstreamSeconds });
  };
  const length = req.headers['content-length'];
  const bodiless = (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
  // A kept-alive connection the service closed just as it was reused fails with a reset before
  // any answer: a request without a body that changes nothing is sent once more, on a new one.
  const retriable = bodiless && ['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  let cutOff = false;
  let current: ClientRequest | undefined;
  // The client went away before the answer was complete: stop the upstream request too.
  res.once('close', () => {
    if (!res.writableFinished) current?.destroy();
  });

  const attempt = (mayRetry: boolean) => {
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
      agent,
      timeout: timeoutMs,
    });
    current = upstream;
    upstream.on('response', (answer: IncomingMessage) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = answer.statusCode ?? 502;
      res.writeHead(status, answer.statusMessage, withoutHopByHop(answer.headers));
      answer.pipe(res as unknown as ServerResponse);
      answer.on('error', () => res.destroy());
      res.once('close', () => finish(status, false, seconds));
    });
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('upstream timed out'), { code: 'ETIMEDOUT' })));
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (cutOff) return;
      if (mayRetry && upstream.reusedSocket && err.code === 'ECONNRESET' && !res.headersSent && !res.destroyed) return attempt(false);
      // The cause (a refused connection, a reset, an address) stays in the log, not in the answer.
      logger.warn(`${service} did not answer ${req.method} ${path(req)}: ${err.code ?? err.message}`);
      finish(502, true);
      if (!res.headersSent) {
        sendProblem(res, problem(502, 'SERVICE_UNAVAILABLE', `${service} did not answer`, path(req)));
      } else {
        res.destroy();
      }
    });
    if (bodiless) {
      upstream.end();
      return;
    }
    if (Number.isFinite(limit)) {
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received <= limit || cutOff) return;
        cutOff = true;
        req.unpipe(upstream);
        upstream.destroy();
        finish(413, false);
        if (!res.headersSent) tooLarge();
        else res.destroy();
      });
    }
    req.pipe(upstream);
  };
  attempt(retriable);
}

const path = (req: Request) => pathOf(req.originalUrl ?? req.url);
