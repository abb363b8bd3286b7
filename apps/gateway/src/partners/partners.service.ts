import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { actorOf, Caller } from '@vangnet/auth';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, Clock, mustExist, RegionConfig } from '@vangnet/platform';
import { ChangePartnerRequest, NewPartnerClientView, PartnerClientView, PartnerRevisionView, PartnerView, RegisterPartnerRequest } from './partners.dto';
import { PartnerClientEntity, PartnerEntity } from './partners.entity';
import { PartnerError, PartnerErrorCode } from './partners.errors';
import { publishRevision } from './partners.announcer';
import { checkPartner, partnerKindOf, partnerSnapshot } from './partners.rules';
import { PartnersRepository } from './partners.repository';

const REGISTRY = 'the partner registry';

/**
 * The region's partner registry (ARCHITECTURE §6): kept by a region.administrator acting for every
 * member municipality, with If-Match and an audit record per revision; each revision is published
 * once through the outbox as gateway.partner.registered.v1 (revision 1) or gateway.partner.changed.v1
 * (region-wide: the envelope's municipality is null).
 */
@Injectable()
export class PartnersService {
  private readonly listeners: Array<(p: PartnerEntity) => void> = [];

  constructor(
    private readonly partners: PartnersRepository,
    private readonly outbox: Outbox,
    private readonly region: RegionConfig,
    private readonly clock: Clock,
  ) {}

  /** Told of every committed-to-be revision (the rate limiter and client store drop what they cached). */
  onChange(listener: (p: PartnerEntity) => void): void {
    this.listeners.push(listener);
  }

  async list(): Promise<PartnerView[]> {
    return (await this.partners.all()).map(partnerView);
  }

  async get(org: string): Promise<PartnerView> {
    partnerKindOf(org);
    const p = await this.partners.find(org);
    if (!p) throw PartnerError.missing(org);
    return partnerView(p);
  }

  /** The partner as stored, or undefined (for tokens and limits; no view). */
  async find(org: string): Promise<PartnerEntity | undefined> {
    return (await this.partners.find(org)) ?? undefined;
  }

  async history(org: string): Promise<PartnerRevisionView[]> {
    await this.get(org);
    return (await this.partners.history(org)).map((r) => ({
      revision: r.revision,
      name: r.name,
      scopes: r.scopes,
      accessTeamFor: r.accessTeamFor,
      active: r.active,
      rateLimitPerMinute: r.rateLimitPerMinute,
      changedBy: r.changedBy,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  @Transactional()
  async register(caller: Caller, req: RegisterPartnerRequest): Promise<PartnerView> {
    const kind = partnerKindOf(req.org);
    const accessTeamFor = req.accessTeamFor ?? [];
    checkPartner(kind, req.scopes, accessTeamFor, this.region.municipalities);
    this.region.requireWholeRegion(caller, REGISTRY);
    const added = await this.partners.insert({ org: req.org, kind, name: req.name, scopes: req.scopes, accessTeamFor, rateLimitPerMinute: req.rateLimitPerMinute ?? null });
    if (!added) throw new PartnerError(PartnerErrorCode.PARTNER_EXISTS, `${req.org} is registered already; change it with PUT and If-Match`, 409);
    return partnerView(await this.announce(caller, req.org));
  }

  /** A whole new state of the partner; `If-Match` with its ETag is required. */
  @Transactional()
  async change(caller: Caller, org: string, req: ChangePartnerRequest, ifMatch: string | undefined): Promise<PartnerView> {
    const kind = partnerKindOf(org);
    const accessTeamFor = req.accessTeamFor ?? [];
    checkPartner(kind, req.scopes, accessTeamFor, this.region.municipalities);
    this.region.requireWholeRegion(caller, REGISTRY);
    const existing = await this.partners.find(org, true);
    if (!existing) throw PartnerError.missing(org);
    checkIfMatch(ifMatch, existing.revision, true);
    const next = { name: req.name, scopes: req.scopes, accessTeamFor, active: req.active, rateLimitPerMinute: req.rateLimitPerMinute ?? null };
    if (
      next.name === existing.name &&
      sameSet(next.scopes, existing.scopes) &&
      sameSet(next.accessTeamFor, existing.accessTeamFor) &&
      next.active === existing.active &&
      next.rateLimitPerMinute === existing.rateLimitPerMinute
    ) {
      throw nothingToChange();
    }
    await this.partners.update(org, next);
    return partnerView(await this.announce(caller, org));
  }

  /** A new OAuth2 client for an active partner; its secret is in this answer only. */
  @Transactional()
  async createClient(caller: Caller, org: string): Promise<NewPartnerClientView> {
    partnerKindOf(org);
    this.region.requireWholeRegion(caller, REGISTRY);
    const partner = await this.partners.find(org, true);
    if (!partner) throw PartnerError.missing(org);
    if (!partner.active) throw new PartnerError(PartnerErrorCode.PARTNER_INACTIVE, `${org} is deactivated; activate it before giving it a client`, 409);
    const clientSecret = randomBytes(32).toString('base64url');
    const client = await this.partners.insertClient({ clientId: `vgc_${randomBytes(12).toString('hex')}`, org, secretHash: hashSecret(clientSecret), createdBy: actorOf(caller) });
    return { ...clientView(client), clientSecret };
  }

  async clients(org: string): Promise<PartnerClientView[]> {
    await this.get(org);
    return (await this.partners.clientsOf(org)).map(clientView);
  }

  @Transactional()
  async revokeClient(caller: Caller, org: string, clientId: string): Promise<void> {
    partnerKindOf(org);
    this.region.requireWholeRegion(caller, REGISTRY);
    if (!(await this.partners.revokeClient(org, clientId, actorOf(caller)))) {
      throw new PartnerError(PartnerErrorCode.CLIENT_NOT_FOUND, `${org} has no active client ${clientId}`, 404);
    }
  }

  /** The active partner whose active client this is, when the secret is right; undefined otherwise. */
  async authenticate(clientId: string, clientSecret: string): Promise<PartnerEntity | undefined> {
    if (!/^vgc_[0-9a-f]{24}$/.test(clientId)) return undefined;
    const client = await this.partners.findClient(clientId);
    const expected = Buffer.from(client?.secretHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(hashSecret(clientSecret), 'hex');
    const match = timingSafeEqual(expected, given);
    if (!client || !match || client.revokedAt) return undefined;
    const partner = await this.partners.find(client.org);
    return partner?.active ? partner : undefined;
  }

  /** Audits and publishes the partner's current revision in the caller's transaction. */
  private async announce(caller: Caller, org: string): Promise<PartnerEntity> {
    const p = mustExist(await this.partners.find(org), `partner ${org}`);
    await this.partners.audit({
      org,
      revision: p.revision,
      name: p.name,
      scopes: p.scopes,
      accessTeamFor: p.accessTeamFor,
      active: p.active,
      rateLimitPerMinute: p.rateLimitPerMinute,
      changedBy: actorOf(caller),
    });
    await publishRevision(this.outbox, p);
    await this.partners.markAnnounced(org, this.clock.now());
    for (const l of this.listeners) l(p);
    return p;
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function clientView(c: PartnerClientEntity): PartnerClientView {
  return { clientId: c.clientId, org: c.org, createdBy: c.createdBy, createdAt: c.createdAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null };
}

function nothingToChange(): PartnerError {
  return new PartnerError(PartnerErrorCode.NOTHING_TO_CHANGE, 'the change changes nothing', 422);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function partnerView(p: PartnerEntity): PartnerView {
  return {
    ...partnerSnapshot(p),
    rateLimitPerMinute: p.rateLimitPerMinute,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
