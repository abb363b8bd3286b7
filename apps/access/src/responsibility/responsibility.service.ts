import { Injectable } from '@nestjs/common';
import { Caller, requireActFor } from '@vangnet/auth';
import { DomainError } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { RuleSetRequest, RuleSetView } from './responsibility.dto';
import { ResponsibilityErrorCode } from './responsibility.errors';
import { ResponsibilityRepository } from './responsibility.repository';
import { determineResponsibility, ResponsibilityAnswer, ResponsibilityQuestion, ResponsibilityRuleSet } from './responsibility.rules';

const CACHE_MS = 30_000;

function ruleSetView(r: RuleSetView): RuleSetView {
  return {
    id: r.id,
    validFrom: r.validFrom,
    regime: r.regime,
    centralMunicipality: r.centralMunicipality,
    originPeriodMonths: r.originPeriodMonths,
    safetyNetMunicipality: r.safetyNetMunicipality,
    protectedHousingCategories: r.protectedHousingCategories,
    shelterCategories: r.shelterCategories,
    note: r.note,
    createdBy: r.createdBy,
  };
}

/**
 * The stored, dated rule sets (versioned by validFrom, never changed retroactively) and the
 * determination of the paying municipality with them.
 */
@Injectable()
export class ResponsibilityService {
  private cache?: { at: number; ruleSets: ResponsibilityRuleSet[] };

  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly clock: Clock,
  ) {}

  async ruleSets(): Promise<ResponsibilityRuleSet[]> {
    // Rule sets start after the day they are stored, so a cache of seconds can never give a wrong answer for today.
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      this.cache = { at: Date.now(), ruleSets: await this.repository.all() };
    }
    return this.cache.ruleSets;
  }

  async determine(q: Omit<ResponsibilityQuestion, 'ruleSets'>): Promise<ResponsibilityAnswer> {
    return determineResponsibility({ ...q, ruleSets: await this.ruleSets() });
  }

  async list(): Promise<RuleSetView[]> {
    return (await this.repository.all()).map(ruleSetView);
  }

  @Transactional()
  async add(caller: Caller, req: RuleSetRequest): Promise<RuleSetView> {
    requireActFor(caller, req.centralMunicipality, 'centralMunicipality');
    const today = this.clock.today();
    if (req.validFrom <= today) {
      throw DomainError.invalidField(ResponsibilityErrorCode.RULE_SET_RETROACTIVE, 'validFrom', `a rule set starts after today (${today}); it never changes the past`, 422);
    }
    const protectedHousing: string[] = req.protectedHousingCategories ?? ['15', '18'];
    const shelter: string[] = req.shelterCategories ?? ['16', '17'];
    const both = protectedHousing.find((c) => shelter.includes(c));
    if (both) throw DomainError.invalidField(ResponsibilityErrorCode.CATEGORY_IN_BOTH, 'shelterCategories', `category ${both} cannot be both protected housing and shelter`);
    const row: RuleSetView = {
      id: randomUUID(),
      validFrom: req.validFrom,
      regime: req.regime,
      centralMunicipality: req.centralMunicipality,
      originPeriodMonths: req.originPeriodMonths,
      safetyNetMunicipality: req.safetyNetMunicipality ?? null,
      protectedHousingCategories: [...protectedHousing],
      shelterCategories: [...shelter],
      note: req.note ?? null,
      createdBy: `${caller.org}/${caller.sub}`,
    };
    if (!(await this.repository.insert(row))) {
      throw DomainError.conflict(ResponsibilityErrorCode.RULE_SET_EXISTS, `a rule set starting ${req.validFrom} exists`, [
        { name: 'validFrom', code: ResponsibilityErrorCode.RULE_SET_EXISTS, reason: 'one rule set per start date' },
      ]);
    }
    this.cache = undefined;
    return row;
  }
}
