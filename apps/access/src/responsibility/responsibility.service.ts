import { Injectable } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { addDays, DomainError } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, RegionConfig } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { MandateRequest, MandateView, RuleSetRequest, RuleSetView } from './responsibility.dto';
import { DecisionMandateEntity, ResponsibilityRuleSetEntity } from './responsibility.entity';
import { ResponsibilityErrorCode } from './responsibility.errors';
import { ResponsibilityRepository } from './responsibility.repository';
import { RegionDataKind } from '../region-data/region-data.entity';
import { RegionDataChanges } from '../region-data/region-data.service';
import { Mandate, overlappingRuleSet, REGIMES_BY_SCOPE, ResponsibilityRuleSet } from './responsibility.rules';

const CACHE_MS = 30_000;

function ruleSetView(r: ResponsibilityRuleSetEntity): RuleSetView {
  return {
    id: r.id,
    scope: r.scope,
    validFrom: r.validFrom,
    validTo: r.validTo,
    regime: r.regime,
    centralMunicipality: r.centralMunicipality,
    protectedHousingCategories: r.protectedHousingCategories,
    shelterCategories: r.shelterCategories,
    note: r.note,
    createdBy: r.createdBy,
    withdrawn: r.withdrawnAt ? { at: r.withdrawnAt.toISOString(), reason: r.withdrawnReason } : null,
  };
}

function mandateView(m: DecisionMandateEntity): MandateView {
  return {
    id: m.id,
    mandatingMunicipality: m.mandatingMunicipality,
    mandatedTeam: m.mandatedTeam,
    scopes: m.scopes,
    validFrom: m.validFrom,
    validTo: m.validTo,
    note: m.note,
    createdBy: m.createdBy,
  };
}

/**
 * The stored, dated rule sets per scope (never changed retroactively; a rule set no law supports is
 * withdrawn, not deleted) and the mandates to decide for another municipality. Both are region-wide
 * data: changed only by a region.administrator acting for every municipality of the region; each
 * row records who added it.
 */
@Injectable()
export class ResponsibilityService {
  private cache?: { at: number; ruleSets: ResponsibilityRuleSet[]; mandates: Mandate[] };

  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly region: RegionConfig,
    private readonly changes: RegionDataChanges,
    private readonly clock: Clock,
  ) {}

  private async load(): Promise<{ ruleSets: ResponsibilityRuleSet[]; mandates: Mandate[] }> {
    // Rule sets start after the day they are stored, so a cache of seconds never gives a wrong answer for today.
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const [ruleSets, mandates] = [await this.repository.all(), await this.repository.allMandates()];
      this.cache = { at: Date.now(), ruleSets, mandates };
    }
    return this.cache;
  }

  async ruleSets(): Promise<ResponsibilityRuleSet[]> {
    return (await this.load()).ruleSets;
  }

  async mandates(): Promise<Mandate[]> {
    return (await this.load()).mandates;
  }

  async list(): Promise<RuleSetView[]> {
    return (await this.repository.all(true)).map(ruleSetView);
  }

  async listMandates(): Promise<MandateView[]> {
    return (await this.repository.allMandates()).map(mandateView);
  }

  /** The lists' ETags (their versions, raised by one per change). */
  ruleSetsVersion(): Promise<number> {
    return this.changes.version(RegionDataKind.RESPONSIBILITY_RULE_SET);
  }

  mandatesVersion(): Promise<number> {
    return this.changes.version(RegionDataKind.MANDATE);
  }

  /** Add a rule set: `If-Match` with the list's ETag; audited (the new set, and the open-ended one it closes). */
  @Transactional()
  async add(caller: Caller, req: RuleSetRequest, ifMatch: string | undefined): Promise<{ view: RuleSetView; version: number }> {
    this.changes.guard(caller, "the region's responsibility rule sets");
    const today = this.clock.today();
    if (req.validFrom <= today) {
      throw DomainError.invalidField(ResponsibilityErrorCode.RULE_SET_RETROACTIVE, 'validFrom', `a rule set starts after today (${today}); it never changes the past`, 422);
    }
    if (req.validTo && req.validTo < req.validFrom) throw DomainError.invalidField(ResponsibilityErrorCode.END_BEFORE_START, 'validTo', 'validTo lies before validFrom', 422);
    if (!REGIMES_BY_SCOPE[req.scope].includes(req.regime)) {
      throw DomainError.invalidField(ResponsibilityErrorCode.REGIME_NOT_IN_SCOPE, 'regime', `${req.scope} takes ${REGIMES_BY_SCOPE[req.scope].join(' or ')}`, 422);
    }
    if (!this.region.isMember(req.centralMunicipality)) {
      throw DomainError.invalidField(ResponsibilityErrorCode.NOT_A_REGION_MUNICIPALITY, 'centralMunicipality', `${req.centralMunicipality} is not a municipality of the region`, 422);
    }
    const protectedHousing: string[] = req.protectedHousingCategories ?? ['15', '18'];
    const shelter: string[] = req.shelterCategories ?? ['16', '17'];
    const both = protectedHousing.find((c) => shelter.includes(c));
    if (both) throw DomainError.invalidField(ResponsibilityErrorCode.CATEGORY_IN_BOTH, 'shelterCategories', `category ${both} cannot be both protected housing and shelter`);
    await this.repository.lock();
    const version = await this.changes.beginListChange(RegionDataKind.RESPONSIBILITY_RULE_SET, ifMatch);
    const existing = await this.repository.all();
    const overlap = overlappingRuleSet(existing, { scope: req.scope, validFrom: req.validFrom, validTo: req.validTo ?? null });
    if (overlap) {
      throw DomainError.conflict(ResponsibilityErrorCode.RULE_SET_OVERLAPS, `the rule set from ${overlap.validFrom}${overlap.validTo ? ` to ${overlap.validTo}` : ''} of ${req.scope} overlaps`, [
        { name: 'validFrom', code: ResponsibilityErrorCode.RULE_SET_OVERLAPS, reason: `overlaps the rule set ${overlap.id} (${overlap.regime}, from ${overlap.validFrom})` },
      ]);
    }
    // The open-ended rule set in force is superseded from the new start.
    await this.repository.closeOpenBefore(req.scope, req.validFrom, addDays(req.validFrom, -1));
    for (const closed of await this.repository.all()) {
      const was = existing.find((e) => e.id === closed.id);
      if (was && was.validTo !== closed.validTo) {
        await this.changes.record(caller, { kind: RegionDataKind.RESPONSIBILITY_RULE_SET, key: closed.id, version, before: ruleSetView({ ...closed, validTo: was.validTo }), after: ruleSetView(closed) });
      }
    }
    const row = {
      id: randomUUID(),
      scope: req.scope,
      validFrom: req.validFrom,
      validTo: req.validTo ?? null,
      regime: req.regime,
      centralMunicipality: req.centralMunicipality,
      originPeriodMonths: 0,
      safetyNetMunicipality: null,
      protectedHousingCategories: [...protectedHousing],
      shelterCategories: [...shelter],
      note: req.note ?? null,
      createdBy: actorOf(caller),
    };
    await this.repository.insert(row);
    this.cache = undefined;
    const view = ruleSetView({ ...row, createdAt: new Date(), withdrawnAt: null, withdrawnReason: null });
    await this.changes.record(caller, { kind: RegionDataKind.RESPONSIBILITY_RULE_SET, key: row.id, version, before: null, after: view });
    return { view, version };
  }

  /** Record a mandate: `If-Match` with the list's ETag; audited. */
  @Transactional()
  async addMandate(caller: Caller, req: MandateRequest, ifMatch: string | undefined): Promise<{ view: MandateView; version: number }> {
    this.changes.guard(caller, "the region's decision mandates");
    if (!this.region.isMember(req.mandatingMunicipality)) {
      throw DomainError.invalidField(ResponsibilityErrorCode.NOT_A_REGION_MUNICIPALITY, 'mandatingMunicipality', `${req.mandatingMunicipality} is not a municipality of the region`, 422);
    }
    if (req.validTo && req.validTo < req.validFrom) throw DomainError.invalidField(ResponsibilityErrorCode.END_BEFORE_START, 'validTo', 'validTo lies before validFrom', 422);
    const version = await this.changes.beginListChange(RegionDataKind.MANDATE, ifMatch);
    const row = {
      id: randomUUID(),
      mandatingMunicipality: req.mandatingMunicipality,
      mandatedTeam: req.mandatedTeam,
      scopes: [...new Set(req.scopes)],
      validFrom: req.validFrom,
      validTo: req.validTo ?? null,
      note: req.note ?? null,
      createdBy: actorOf(caller),
    };
    await this.repository.insertMandate(row);
    this.cache = undefined;
    const view = mandateView({ ...row, createdAt: new Date() });
    await this.changes.record(caller, { kind: RegionDataKind.MANDATE, key: row.id, version, before: null, after: view });
    return { view, version };
  }
}
