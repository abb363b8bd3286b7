import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireActFor, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import {
  addDays,
  addMonths,
  CommonErrorCode,
  CONTRACT_ACTIVATED_V1,
  CONTRACT_CHANGED_V1,
  CONTRACT_ENDED_V1,
  ContractOptionStatus,
  ContractStatus,
  daysBetween,
  DomainError,
  InvalidParam,
  IsoDate,
  OPTION_DEADLINE_APPROACHING_V1,
  OptionDeadlineApproachingV1,
  TARIFF_PUBLISHED_V1,
} from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { checkIfMatch, Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { ProvidersService } from '../providers/providers.service';
import { providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { RoundsService } from '../rounds/rounds.service';
import { productsOverlap, shapeProblems, tariffForYear, yearStartInTerm } from './contracts.rules';
import {
  ContractListQuery,
  ContractView,
  CreateContractRequest,
  EndContractRequest,
  ExtensionDecision,
  ExtensionRequest,
  OptionDeadlineView,
  SetTariffRequest,
} from './contracts.dto';
import { ContractError, ContractErrorCode } from './contracts.errors';
import { envelopeMunicipality, tariffChanges, toSnapshot, toView } from './contracts.mapper';
import { ContractRecord, ContractsRepository } from './contracts.repository';

/** How far ahead an option's decision deadline is announced. */
export const OPTION_NOTICE_MONTHS = 3;

@Injectable()
export class ContractsService {
  constructor(
    private readonly repo: ContractsRepository,
    private readonly providers: ProvidersService,
    private readonly rounds: RoundsService,
    private readonly outbox: Outbox,
    private readonly cache: ReadModelCache,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateContractRequest, caller: Caller): Promise<ContractView> {
    requireActFor(caller, input.municipalities, 'municipalities');
    const problems = shapeProblems(input);
    if (problems.length) throw new DomainError(CommonErrorCode.VALIDATION_FAILED, 'the contract has invalid fields', 400, problems);
    return this.cache.write([providerKey(input.providerAgb)], async () => {
      await this.repo.lockProvider(input.providerAgb);
      if (!(await this.providers.isRegistered(input.providerAgb))) {
        throw ContractError.field(ContractErrorCode.UNKNOWN_PROVIDER, 'providerAgb', `provider ${input.providerAgb} is not registered`);
      }
      const subcontractors = input.subcontractors ?? [];
      const unknownSubs = await this.providers.unregistered(subcontractors);
      if (unknownSubs.length) {
        throw new ContractError(
          ContractErrorCode.UNKNOWN_PROVIDER,
          `subcontractor(s) ${unknownSubs.join(', ')} not registered`,
          422,
          unknownSubs.map((agb) => ({ name: `subcontractors[${subcontractors.indexOf(agb)}]`, code: ContractErrorCode.UNKNOWN_PROVIDER, reason: `provider ${agb} is not registered` })),
        );
      }
      if (input.roundId) await this.checkRound(input, input.roundId);
      await this.checkOverlap(
        input.providerAgb,
        input.municipalities,
        input.term.start,
        input.term.end,
        input.products.map((p) => ({ category: p.product.category, code: p.product.code ?? '' })),
        null,
      );
      const status = input.draft ? ContractStatus.DRAFT : ContractStatus.ACTIVE;
      const id = await this.repo.insert({
        reference: input.reference,
        providerAgb: input.providerAgb,
        roundId: input.roundId ?? null,
        lot: input.lot ?? null,
        termStart: input.term.start,
        termEnd: input.term.end,
        status,
        subcontractors: input.subcontractors ?? [],
        municipalities: [...input.municipalities].sort(),
        options: input.options ?? [],
        products: input.products.map((p) => ({
          category: p.product.category,
          code: p.product.code ?? '',
          variant: p.variant,
          unit: p.unit,
          crisis: p.crisis ?? false,
          indexationBp: p.indexationBasisPoints ?? null,
          tariffs: p.tariffs,
        })),
        createdBy: actorOf(caller),
      });
      if (!id) {
        throw new ContractError(ContractErrorCode.CONTRACT_REFERENCE_EXISTS, `a contract with reference ${input.reference} exists`, 409, [
          { name: 'reference', code: ContractErrorCode.CONTRACT_REFERENCE_EXISTS, reason: 'the reference is taken' },
        ]);
      }
      const created = await this.load(id);
      if (status === ContractStatus.ACTIVE) await this.publishActivated(created);
      return toView(created);
    });
  }

  async activate(id: string, caller: Caller, ifMatch: string | undefined): Promise<ContractView> {
    return this.change(id, caller, ifMatch, async (c) => {
      if (c.status !== ContractStatus.DRAFT) throw new ContractError(ContractErrorCode.CONTRACT_NOT_DRAFT, `contract ${c.reference} is ${c.status}, not DRAFT`, 409);
      await this.checkOverlap(c.providerAgb, c.municipalities, c.termStart, c.termEnd, c.products, c.id);
      await this.repo.update(c.id, { status: ContractStatus.ACTIVE });
      const after = await this.load(c.id);
      await this.publishActivated(after);
      return after;
    });
  }

  /** Set a product's tariff for a year; a tariff already in force cannot change (no retroactive tariffs). */
  async setTariff(id: string, input: SetTariffRequest, caller: Caller, ifMatch: string | undefined): Promise<ContractView> {
    const today = this.clock.today();
    return this.change(id, caller, ifMatch, async (c) => {
      if (c.status === ContractStatus.ENDED) throw new ContractError(ContractErrorCode.CONTRACT_ENDED, `contract ${c.reference} has ended`, 409);
      const code = input.product.code ?? '';
      const product = c.products.find((p) => p.category === input.product.category && p.code === code);
      if (!product) {
        throw ContractError.field(ContractErrorCode.PRODUCT_NOT_IN_CONTRACT, 'product', `contract ${c.reference} does not contract ${input.product.category}/${code || '*'}`);
      }
      const lastYear = Number((c.options.length ? c.options[c.options.length - 1].extendsTo : c.termEnd).slice(0, 4));
      const lastPossible = Math.max(lastYear, Number(c.termEnd.slice(0, 4)));
      if (input.year < Number(c.termStart.slice(0, 4)) || input.year > lastPossible) {
        throw ContractError.field(ContractErrorCode.TARIFF_YEAR_OUTSIDE_TERM, 'year', `the term with its options runs from ${c.termStart.slice(0, 4)} to ${lastPossible}`, 400);
      }
      const current = tariffForYear({ tariffs: product.tariffs, indexationBp: product.indexationBp }, input.year);
      if (current?.tariffCents === input.tariffCents && !current.derived) return c;
      const inForceFrom = yearStartInTerm(input.year, c.termStart);
      if (c.status === ContractStatus.ACTIVE && current && inForceFrom <= today) {
        throw ContractError.field(
          ContractErrorCode.TARIFF_PERIOD_STARTED,
          'year',
          `the ${input.year} tariff has been in force since ${inForceFrom}; it cannot change (today is ${today})`,
          409,
        );
      }
      await this.repo.setTariff(product.id, input.year, input.tariffCents);
      await this.repo.update(c.id, {});
      return this.publishChanged(c);
    });
  }

  /** Exercise or decline an option, with the evaluation the decision rests on. */
  async decideExtension(id: string, input: ExtensionRequest, caller: Caller, ifMatch: string | undefined): Promise<ContractView> {
    const today = this.clock.today();
    return this.change(id, caller, ifMatch, async (c) => {
      if (c.status === ContractStatus.DRAFT) throw new ContractError(ContractErrorCode.CONTRACT_IS_DRAFT, `contract ${c.reference} is a draft`, 409);
      if (c.status === ContractStatus.ENDED) throw new ContractError(ContractErrorCode.CONTRACT_ENDED, `contract ${c.reference} has ended`, 409);
      const option = c.options.find((o) => o.index === input.optionIndex);
      if (!option) throw ContractError.field(ContractErrorCode.OPTION_NOT_FOUND, 'optionIndex', `contract ${c.reference} has no option ${input.optionIndex}`);
      if (option.status !== ContractOptionStatus.OPEN) {
        throw ContractError.field(ContractErrorCode.OPTION_ALREADY_DECIDED, 'optionIndex', `option ${option.index} was ${option.status.toLowerCase()} on ${option.decidedOn}`, 409);
      }
      const actor = actorOf(caller);
      if (input.decision === ExtensionDecision.DECLINE) {
        await this.repo.decideOption(c.id, option.index, ContractOptionStatus.DECLINED, today, actor, input.evaluation);
        await this.repo.declineOpenOptions(c.id, option.index + 1, today, actor);
      } else {
        const earlier = c.options.find((o) => o.index < option.index && o.status !== ContractOptionStatus.EXERCISED);
        if (earlier) {
          throw ContractError.field(ContractErrorCode.OPTION_OUT_OF_ORDER, 'optionIndex', `option ${earlier.index} comes first and is ${earlier.status.toLowerCase()}`, 409);
        }
        if (option.decisionDeadline < today) {
          throw ContractError.field(ContractErrorCode.OPTION_DEADLINE_PASSED, 'optionIndex', `the deadline to exercise option ${option.index} was ${option.decisionDeadline}`);
        }
        if (c.termEnd < c.initialEnd || option.extendsTo <= c.termEnd) {
          throw new ContractError(ContractErrorCode.CONTRACT_ENDED, `contract ${c.reference} was ended early on ${c.termEnd}; it cannot be extended`, 409);
        }
        const from = c.termEnd;
        await this.checkOverlap(c.providerAgb, c.municipalities, from, option.extendsTo, c.products, c.id);
        await this.repo.decideOption(c.id, option.index, ContractOptionStatus.EXERCISED, today, actor, input.evaluation);
        await this.repo.update(c.id, { termEnd: option.extendsTo });
      }
      return this.publishChanged(c);
    });
  }

  /** End a contract early (today or later); the ended event follows when its last day has passed. */
  async end(id: string, input: EndContractRequest, caller: Caller, ifMatch: string | undefined): Promise<ContractView> {
    const today = this.clock.today();
    return this.change(id, caller, ifMatch, async (c) => {
      if (c.status === ContractStatus.DRAFT) throw new ContractError(ContractErrorCode.CONTRACT_IS_DRAFT, `contract ${c.reference} is a draft`, 409);
      if (c.status === ContractStatus.ENDED) throw new ContractError(ContractErrorCode.CONTRACT_ENDED, `contract ${c.reference} has ended`, 409);
      if (input.endDate < today) throw ContractError.field(ContractErrorCode.END_DATE_IN_PAST, 'endDate', `a contract cannot end retroactively (today is ${today})`);
      if (input.endDate < c.termStart || input.endDate > c.termEnd) {
        throw ContractError.field(ContractErrorCode.END_DATE_OUTSIDE_TERM, 'endDate', `the end date must lie in the term ${c.termStart} – ${c.termEnd}`);
      }
      await this.repo.update(c.id, { termEnd: input.endDate, endReason: input.reason });
      await this.repo.declineOpenOptions(c.id, 1, today, actorOf(caller));
      return this.publishChanged(c);
    });
  }

  async get(id: string, caller: Caller): Promise<{ view: ContractView; revision: number }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const c = foundOr404(await this.repo.find(id), () => ContractError.missing(id), (r) => scopeAllows(scope, { providerAgb: r.providerAgb, municipalities: r.municipalities }));
    return { view: toView(c), revision: c.revision };
  }

  async list(q: ContractListQuery, caller: Caller): Promise<Page<ContractView>> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const limit = q.limit ?? 50;
    const asked = narrowToScope(scope, { providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [], nextCursor: null };
    const { providerAgb, municipalities } = asked;
    const rows = await this.repo.list({
      providerAgb,
      municipalities,
      status: q.status,
      reference: q.reference,
      category: q.category,
      activeOn: q.activeOn,
      after: decodeCursor<{ ref: string }>(q.cursor)?.ref,
      limit,
    });
    const page = toPage(rows, limit, (last) => ({ ref: last.reference }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  /** Every contract of a provider with its products and tariffs, by start of term (for the check's read model). */
  ofProvider(agb: string): Promise<ContractRecord[]> {
    return this.repo.byProvider(agb);
  }

  /** Open options whose decision is due within `withinDays` (overdue ones included). */
  async optionDeadlines(withinDays: number, caller: Caller): Promise<{ items: OptionDeadlineView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const today = this.clock.today();
    const until = addDays(today, withinDays);
    const rows = await this.repo.openOptionsDueBy(
      until,
      scope.providerAgb !== undefined ? { providerAgb: scope.providerAgb } : { municipalities: scope.municipalities },
    );
    return {
      items: rows.map((r) => ({
        contractId: r.contractId,
        reference: r.reference,
        providerAgb: r.providerAgb,
        municipalities: r.municipalities,
        optionIndex: r.index,
        decisionDeadline: r.decisionDeadline,
        extendsTo: r.extendsTo,
        daysLeft: daysBetween(today, r.decisionDeadline),
        overdue: r.decisionDeadline < today,
        notified: r.notifiedAt != null,
      })),
    };
  }

  /** Announce every open option whose decision deadline comes within three months, once each. */
  async announceOptionDeadlines(today: IsoDate): Promise<number> {
    // Announcing changes nothing the check reads: no read-model keys.
    return this.cache.write([], async () => {
      const due = await this.repo.claimDueOptions(today, addMonths(today, OPTION_NOTICE_MONTHS));
      await this.outbox.publishAll(
        due.map((o) => ({
          type: OPTION_DEADLINE_APPROACHING_V1,
          municipality: envelopeMunicipality(o),
          data: {
            contractId: o.contractId,
            reference: o.reference,
            providerAgb: o.providerAgb,
            municipalities: o.municipalities,
            optionIndex: o.index,
            decisionDeadline: o.decisionDeadline,
            extendsTo: o.extendsTo,
          } satisfies OptionDeadlineApproachingV1,
        })),
      );
      return due.length;
    });
  }

  /** Mark contracts whose last day has passed as ended, and say so. */
  async endExpired(today: IsoDate): Promise<number> {
    const expired = await this.repo.expired(today);
    let n = 0;
    for (const { id, providerAgb } of expired) {
      await this.cache.write([providerKey(providerAgb)], async () => {
        const c = await this.repo.find(id, true);
        if (!c || c.status !== ContractStatus.ACTIVE || c.termEnd >= today) return;
        await this.repo.update(c.id, { status: ContractStatus.ENDED, endedOn: c.termEnd });
        const after = await this.load(c.id);
        await this.outbox.publish({ type: CONTRACT_ENDED_V1, data: toSnapshot(after), municipality: envelopeMunicipality(after) });
        n++;
      });
    }
    return n;
  }

  // One contract change: lock, scope and If-Match, the change, then the read model's invalidation.
  private async change(id: string, caller: Caller, ifMatch: string | undefined, work: (c: ContractRecord) => Promise<ContractRecord>): Promise<ContractView> {
    const peek = foundOr404(await this.repo.find(id), () => ContractError.missing(id));
    requireActFor(caller, peek.municipalities, 'municipalities');
    return this.cache.write([providerKey(peek.providerAgb)], async () => {
      await this.repo.lockProvider(peek.providerAgb);
      const c = foundOr404(await this.repo.find(id, true), () => ContractError.missing(id));
      checkIfMatch(ifMatch, c.revision);
      return toView(await work(c));
    });
  }

  /** A contract this request has just written or locked. */
  private async load(id: string): Promise<ContractRecord> {
    return mustExist(await this.repo.find(id), `contract ${id}`);
  }

  private async publishActivated(c: ContractRecord): Promise<void> {
    await this.outbox.publish({ type: CONTRACT_ACTIVATED_V1, data: toSnapshot(c), municipality: envelopeMunicipality(c) });
    await this.publishTariffs(undefined, c);
  }

  private async publishChanged(before: ContractRecord): Promise<ContractRecord> {
    const after = await this.load(before.id);
    if (after.status !== ContractStatus.DRAFT) {
      await this.outbox.publish({ type: CONTRACT_CHANGED_V1, data: toSnapshot(after), municipality: envelopeMunicipality(after) });
      await this.publishTariffs(before, after);
    }
    return after;
  }

  private async publishTariffs(before: ContractRecord | undefined, after: ContractRecord): Promise<void> {
    const municipality = envelopeMunicipality(after);
    await this.outbox.publishAll(tariffChanges(before, after).map((data) => ({ type: TARIFF_PUBLISHED_V1, data, municipality })));
  }

  private async checkRound(input: CreateContractRequest, roundId: string): Promise<void> {
    const round = await this.rounds.find(roundId);
    if (!round) throw ContractError.field(ContractErrorCode.UNKNOWN_ROUND, 'roundId', `round ${roundId} does not exist`);
    if (input.lot && !round.lots.some((l) => l.code === input.lot)) {
      throw ContractError.field(ContractErrorCode.LOT_NOT_IN_ROUND, 'lot', `round "${round.name}" has no lot ${input.lot}`);
    }
    const outside = input.municipalities.map((m, i) => ({ m, i })).filter(({ m }) => !round.municipalities.includes(m));
    if (outside.length) {
      throw new ContractError(
        ContractErrorCode.MUNICIPALITY_NOT_IN_ROUND,
        `round "${round.name}" was not held for ${outside.map((o) => o.m).join(', ')}`,
        422,
        outside.map(({ m, i }) => ({ name: `municipalities[${i}]`, code: ContractErrorCode.MUNICIPALITY_NOT_IN_ROUND, reason: `${m} is not in the round` })),
      );
    }
  }

  /** One provider, municipality and product have one contract at a time (409 naming each colliding product). */
  private async checkOverlap(
    agb: string,
    municipalities: string[],
    start: IsoDate,
    end: IsoDate,
    products: Array<{ category: string; code: string }>,
    excludeId: string | null,
  ): Promise<void> {
    const existing = await this.repo.overlapping(agb, municipalities, start, end, excludeId);
    const problems: InvalidParam[] = [];
    products.forEach((p, i) => {
      const hit = existing.find((e) => productsOverlap(e, p));
      if (hit) {
        problems.push({
          name: `products[${i}].product`,
          code: ContractErrorCode.CONTRACT_OVERLAP,
          reason: `contract ${hit.reference} already covers ${hit.category}/${hit.code || '*'} for ${hit.municipality} from ${hit.termStart} to ${hit.termEnd}`,
        });
      }
    });
    if (problems.length) throw new ContractError(ContractErrorCode.CONTRACT_OVERLAP, problems[0].reason, 409, problems);
  }
}
