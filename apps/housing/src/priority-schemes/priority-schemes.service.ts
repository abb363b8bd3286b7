import { Injectable } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { IsoDate } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, RegionConfig, toPage } from '@vangnet/platform';
import { HOUSING_POLICY } from '../shared/region-policy';
import { randomBytes, randomUUID } from 'crypto';
import { CreatePrioritySchemeRequest, FactorWeightInput, PrioritySchemeView } from './priority-schemes.dto';
import { PrioritySchemeEntity } from './priority-schemes.entity';
import { PrioritySchemeError, PrioritySchemeErrorCode } from './priority-schemes.errors';
import { PrioritySchemesRepository } from './priority-schemes.repository';
import { schemeInForce, schemeProblems } from './priority-schemes.rules';
import { FactorWeight, PriorityFactor, SchemeRules } from './ranking.rules';

/** A scheme as the waiting list uses it: what is published, and which version it is. */
export interface PublishedScheme extends SchemeRules {
  id: string;
  version: number;
  name: string;
  activeFrom: IsoDate | null;
}

@Injectable()
export class PrioritySchemesService {
  constructor(
    private readonly repo: PrioritySchemesRepository,
    private readonly clock: Clock,
    private readonly region: RegionConfig,
  ) {}

  /** A new version, as a draft: published at once (seed included), in force only once activated. */
  @Transactional()
  async create(caller: Caller, req: CreatePrioritySchemeRequest): Promise<PrioritySchemeView> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    const factors = this.factorsOf(req.factors);
    await this.repo.lockVersions();
    const id = randomUUID();
    await this.repo.insert({ id, version: await this.repo.nextVersion(), name: req.name, seed: req.seed ?? randomBytes(16).toString('hex'), factors, createdBy: actorOf(caller) });
    return this.view(mustExist(await this.repo.find(id), `priority scheme ${id}`), await this.inForceRow());
  }

  /**
   * The factors as a scheme publishes them (ORIGIN_MUNICIPALITY names its municipalities, the
   * region's members by default), refused with each broken rule naming its field.
   */
  factorsOf(input: readonly FactorWeightInput[]): FactorWeight[] {
    const factors: FactorWeight[] = input.map((f) => ({
      factor: f.factor,
      weight: f.weight,
      // The published scheme names the municipalities, so nobody needs the region's configuration to recompute it.
      ...(f.factor === PriorityFactor.ORIGIN_MUNICIPALITY ? { municipalities: [...(f.municipalities ?? this.region.municipalities)].sort() } : f.municipalities ? { municipalities: f.municipalities } : {}),
    }));
    const problems = schemeProblems(factors);
    if (problems.length) throw new ValidationFailedError(problems, 'the scheme breaks a rule');
    return factors;
  }

  /** From `activeFrom` (today or later) the scheme ranks the list; one scheme per start date. */
  @Transactional()
  async activate(caller: Caller, id: string, activeFrom: IsoDate): Promise<PrioritySchemeView> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    await this.repo.lockVersions();
    const scheme = foundOr404(await this.repo.find(id, true), () => PrioritySchemeError.missing(id));
    if (scheme.status === 'ACTIVE') throw PrioritySchemeError.conflict(PrioritySchemeErrorCode.ALREADY_ACTIVE, `scheme ${id} is active from ${scheme.activeFrom}; make a new version to change it`);
    const today = this.clock.today();
    if (activeFrom < today) throw PrioritySchemeError.invalidField(PrioritySchemeErrorCode.ACTIVE_FROM_IN_PAST, 'activeFrom', `a scheme applies from today (${today}) or later, never retroactively`, 422);
    const taken = await this.repo.activeFrom(activeFrom);
    if (taken) {
      throw PrioritySchemeError.conflict(PrioritySchemeErrorCode.ACTIVE_FROM_TAKEN, `version ${taken.version} is active from ${activeFrom}`, [
        { name: 'activeFrom', code: PrioritySchemeErrorCode.ACTIVE_FROM_TAKEN, reason: `version ${taken.version} is active from ${activeFrom}` },
      ]);
    }
    await this.repo.activate(id, activeFrom, actorOf(caller));
    return this.view(mustExist(await this.repo.find(id), `priority scheme ${id}`), await this.inForceRow());
  }

  async get(id: string): Promise<PrioritySchemeView> {
    return this.view(foundOr404(await this.repo.find(id), () => PrioritySchemeError.missing(id)), await this.inForceRow());
  }

  async list(q: { limit?: number; cursor?: string }): Promise<Page<PrioritySchemeView>> {
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ beforeVersion: decodeCursor<{ v: number }>(q.cursor)?.v, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ v: last.version }));
    const inForce = await this.inForceRow();
    return { items: page.items.map((r) => this.view(r, inForce)), nextCursor: page.nextCursor };
  }

  /** The scheme that ranks the list on `on` (today by default); undefined before any is active. */
  async inForce(on: IsoDate = this.clock.today()): Promise<PublishedScheme | undefined> {
    const row = schemeInForce(await this.repo.active(), on);
    return row ? published(row) : undefined;
  }

  async published(id: string): Promise<PublishedScheme> {
    return published(foundOr404(await this.repo.find(id), () => PrioritySchemeError.missing(id)));
  }

  private async inForceRow(): Promise<PrioritySchemeEntity | undefined> {
    return schemeInForce(await this.repo.active(), this.clock.today());
  }

  private view(r: PrioritySchemeEntity, inForce: PrioritySchemeEntity | undefined): PrioritySchemeView {
    return {
      id: r.id,
      version: r.version,
      name: r.name,
      seed: r.seed,
      factors: r.factors,
      status: r.status,
      activeFrom: r.activeFrom,
      inForce: inForce?.id === r.id,
      createdAt: r.createdAt.toISOString(),
      activatedAt: r.activatedAt ? r.activatedAt.toISOString() : null,
    };
  }
}

function published(r: PrioritySchemeEntity): PublishedScheme {
  return { id: r.id, version: r.version, name: r.name, seed: r.seed, factors: r.factors, activeFrom: r.activeFrom };
}
