import { Injectable, Logger } from '@nestjs/common';
import { Caller, JwtVerifier } from '@vangnet/auth';
import { OrgKind } from '@vangnet/contracts';
import { MetricsService } from '@vangnet/observability';
import { problem, sendProblem } from '@vangnet/platform';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { Counter, Histogram } from 'prom-client';
import { PartnerEntity } from '../partners/partners.entity';
import { PARTNER_SCOPES } from '../partners/partners.rules';
import { PartnersService } from '../partners/partners.service';
import { pathOf, ProxyObservation, RefusalReason } from '../proxy/proxy';
import { bodyLimitFor, EdgeConfig, edgeConfigFromEnv } from './edge.config';
import { RateLimiter } from './rate-limiter';

const PARTNER_KINDS: readonly OrgKind[] = [OrgKind.PARTNER, OrgKind.PROVIDER, OrgKind.CORPORATION];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** How long a partner's registry entry is trusted here before it is read again (a change on this replica applies at once). */
const PARTNER_CACHE_MS = 30_000;
const UPSTREAM_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * What the gateway enforces and measures at the edge for the requests it proxies: body-size
 * limits per route, per-partner rate limits (429 with Retry-After), a deactivated partner's
 * tokens refused, and RED metrics per service. Labels carry the service, method, status and
 * reason only: never a path, an organisation or a person.
 */
@Injectable()
export class EdgeService {
  readonly config: EdgeConfig = edgeConfigFromEnv();
  private readonly logger = new Logger('Edge');
  private now: () => number = Date.now;
  private readonly limiter = new RateLimiter(() => this.now());
  private readonly partnerCache = new Map<string, { partner: PartnerEntity | undefined; until: number }>();
  private readonly requests: Counter<'service' | 'method' | 'status'>;
  private readonly errors: Counter<'service' | 'kind'>;
  private readonly refusals: Counter<'service' | 'reason'>;
  private readonly upstream: Histogram<'service' | 'method'>;

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly partners: PartnersService,
    metrics: MetricsService,
  ) {
    partners.onChange((p) => this.partnerCache.delete(p.org));
    const registers = [metrics.registry];
    this.requests = new Counter({ name: 'vangnet_gateway_requests_total', help: 'Requests proxied to a service, by the status it answered (502: it did not answer)', labelNames: ['service', 'method', 'status'], registers });
    this.errors = new Counter({ name: 'vangnet_gateway_upstream_errors_total', help: 'Proxied requests that failed: the service did not answer (unreachable) or answered 5xx', labelNames: ['service', 'kind'], registers });
    this.refusals = new Counter({ name: 'vangnet_gateway_refused_total', help: 'Requests for a service the gateway answered itself (internal_only, body_too_large, rate_limited, partner_inactive, scope_missing)', labelNames: ['service', 'reason'], registers });
    this.upstream = new Histogram({ name: 'vangnet_gateway_upstream_duration_seconds', help: 'Time from sending a request to a service until its response headers', labelNames: ['service', 'method'], buckets: UPSTREAM_BUCKETS, registers });
  }

  /** Tests move time for the rate limiter and the partner cache. */
  setTimeSource(now: () => number): void {
    this.now = now;
  }

  bodyLimit(canonicalPath: string): number {
    return bodyLimitFor(this.config, canonicalPath);
  }

  observe(o: ProxyObservation): void {
    const method = METHODS.has(o.method) ? o.method : 'OTHER';
    this.requests.inc({ service: o.service, method, status: String(o.status) });
    if (o.failed) this.errors.inc({ service: o.service, kind: 'unreachable' });
    else if (o.status >= 500) this.errors.inc({ service: o.service, kind: '5xx' });
    if (o.upstreamSeconds !== undefined) this.upstream.observe({ service: o.service, method }, o.upstreamSeconds);
  }

  refused(service: string, reason: RefusalReason): void {
    this.refusals.inc({ service, reason });
  }

  /**
   * A partner's request (a verified token of an `ORG:`, `AGB:` or `CORP:` organisation) counts
   * against its limit: the registry's, else the gateway's default. Other requests pass; the
   * service checks every token itself.
   */
  admit(req: Request, res: Response, service: string): boolean | Promise<boolean> {
    const auth = req.headers.authorization;
    if (!auth || !/^bearer /i.test(auth)) return true;
    const token = auth.slice(7).trim();
    // A token seen before is decided in this turn (its signature was checked once, ADR 0062);
    // a municipality's token passes on at once, only a partner's waits for the registry.
    const known = this.verifier.cached(token);
    if (known) return PARTNER_KINDS.includes(known.orgKind) ? this.admitPartner(known, token, req, res, service) : true;
    return this.verifier.verify(token).then(
      (caller) => (PARTNER_KINDS.includes(caller.orgKind) ? this.admitPartner(caller, token, req, res, service) : true),
      () => true,
    );
  }

  private async admitPartner(caller: Caller, token: string, req: Request, res: Response, service: string): Promise<boolean> {
    const partner = await this.partner(caller.org);
    if (partner && !partner.active) {
      this.refused(service, 'partner_inactive');
      sendProblem(res, problem(403, 'PARTNER_INACTIVE', `${caller.org} is deactivated in the partner registry`, pathOf(req.originalUrl ?? req.url)));
      return false;
    }
    // A token that carries the registry's scopes (a client-credentials token) reaches only the
    // services it names; other IdPs' scopes (`openid profile`) are not ours to judge.
    const scope = decodeJwt(token).scope;
    const scopes = typeof scope === 'string' ? scope.split(' ') : [];
    if (scopes.some((s) => s in PARTNER_SCOPES) && !scopes.includes(`api.${service}`)) {
      this.refused(service, 'scope_missing');
      sendProblem(res, problem(403, 'SCOPE_MISSING', `the token's scopes do not include api.${service}`, pathOf(req.originalUrl ?? req.url)));
      return false;
    }
    const perMinute = partner?.rateLimitPerMinute ?? this.config.partnerRatePerMinute;
    const taken = this.limiter.take(caller.org, perMinute);
    if (taken.allowed) return true;
    this.refused(service, 'rate_limited');
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    sendProblem(
      res,
      problem(429, 'RATE_LIMITED', `over the limit of ${perMinute} requests a minute for ${caller.org}; retry after ${taken.retryAfterSeconds} s`, pathOf(req.originalUrl ?? req.url), undefined, {
        limitPerMinute: perMinute,
        retryAfterSeconds: taken.retryAfterSeconds,
      }),
    );
    return false;
  }

  private async partner(org: string): Promise<PartnerEntity | undefined> {
    const now = this.now();
    const hit = this.partnerCache.get(org);
    if (hit && hit.until > now) return hit.partner;
    let partner: PartnerEntity | undefined;
    try {
      partner = await this.partners.find(org);
    } catch (e) {
      // The registry unreadable: the default limit applies rather than refusing every partner.
      this.logger.warn(`the partner registry could not be read: ${(e as Error).message}`);
      return hit?.partner;
    }
    if (this.partnerCache.size > 10_000) this.partnerCache.clear();
    this.partnerCache.set(org, { partner, until: now + PARTNER_CACHE_MS });
    return partner;
  }
}
