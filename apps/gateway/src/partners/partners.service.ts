import { Injectable } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, mustExist, RegionConfig } from '@vangnet/platform';
import { ChangePartnerRequest, PartnerRevisionView, PartnerView, RegisterPartnerRequest } from './partners.dto';
import { PartnerEntity } from './partners.entity';
import { PartnerError, PartnerErrorCode } from './partners.errors';
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
    return partnerView(await this.announce(caller, req.org, PARTNER_REGISTERED_V1));
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
    return partnerView(await this.announce(caller, org, PARTNER_CHANGED_V1));
  }

  /** Audits and publishes the partner's current revision in the caller's transaction. */
  private async announce(caller: Caller, org: string, type: string): Promise<PartnerEntity> {
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
    await this.outbox.publish({ type, data: partnerSnapshot(p), municipality: null });
    for (const l of this.listeners) l(p);
    return p;
  }
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
