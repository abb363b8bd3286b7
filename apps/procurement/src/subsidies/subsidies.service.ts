import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireActFor, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { CommonErrorCode, DomainError, SUBSIDY_GRANTED_V1, SubsidyGrantedV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { ProvidersService } from '../providers/providers.service';
import { GrantSubsidyRequest, SubsidyQuery, SubsidyView } from './subsidies.dto';
import { SubsidyError, SubsidyErrorCode } from './subsidies.errors';
import { SubsidiesRepository, SubsidyRecord } from './subsidies.repository';
import { planGrant } from './subsidies.rules';

// Subsidies: lump-sum grants to organisations per year, with conditions and instalments that finance pays.
@Injectable()
export class SubsidiesService {
  constructor(
    private readonly repo: SubsidiesRepository,
    private readonly providers: ProvidersService,
    private readonly outbox: Outbox,
  ) {}

  async grant(input: GrantSubsidyRequest, caller: Caller): Promise<SubsidyView> {
    requireActFor(caller, input.municipality, 'municipality');
    const plan = planGrant(input, randomUUID());
    if (!('grant' in plan)) throw new DomainError(CommonErrorCode.VALIDATION_FAILED, plan.problems[0].reason, 400, plan.problems);
    return this.store(plan.grant, actorOf(caller));
  }

  async get(id: string, caller: Caller): Promise<SubsidyView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const visible = (s: SubsidyRecord) => scopeAllows(scope, { providerAgb: s.organisationAgb, municipalities: [s.municipality] });
    return toView(foundOr404(await this.repo.find(id), () => SubsidyError.missing(id), visible));
  }

  async list(q: SubsidyQuery, caller: Caller): Promise<{ items: SubsidyView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const asked = narrowToScope(scope, { providerAgb: q.organisationAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [] };
    return { items: (await this.repo.list({ municipalities: asked.municipalities, year: q.year, organisationAgb: asked.providerAgb })).map(toView) };
  }

  /** The grant, its instalments and the event finance pays from, in one transaction. */
  @Transactional()
  private async store(grant: SubsidyGrantedV1, createdBy: string): Promise<SubsidyView> {
    if (!(await this.providers.isRegistered(grant.organisationAgb))) {
      throw SubsidyError.invalidField(SubsidyErrorCode.UNKNOWN_PROVIDER, 'organisationAgb', `organisation ${grant.organisationAgb} is not registered`, 422);
    }
    const { instalments, subsidyId, reference, ...rest } = grant;
    if (!(await this.repo.insert({ id: subsidyId, reference: reference ?? null, ...rest, createdBy }, instalments))) throw SubsidyError.referenceTaken(reference);
    await this.outbox.publish({ type: SUBSIDY_GRANTED_V1, data: grant, municipality: grant.municipality });
    return toView(mustExist(await this.repo.find(subsidyId), 'the subsidy just granted'));
  }
}

function toView(s: SubsidyRecord): SubsidyView {
  return {
    subsidyId: s.id,
    ...(s.reference != null ? { reference: s.reference } : {}),
    organisationAgb: s.organisationAgb,
    municipality: s.municipality,
    year: s.year,
    amountCents: s.amountCents,
    purpose: s.purpose,
    conditions: s.conditions,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    instalments: s.instalments.map((i) => ({ seq: i.seq, dueDate: i.dueDate, amountCents: i.amountCents })),
  };
}
