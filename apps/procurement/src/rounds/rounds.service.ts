import { Injectable } from '@nestjs/common';
import { Caller, NON_PERSONAL_DATA, requireActFor, tenantScopeOf } from '@vangnet/auth';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateRoundRequest, RoundView } from './rounds.dto';
import { RoundEntity } from './rounds.entity';
import { RoundError, RoundErrorCode } from './rounds.errors';
import { RoundsRepository } from './rounds.repository';
import { duplicateLot, roundVisible } from './rounds.rules';

// A procurement round (aanbesteding) groups the contracts a region awards together, per lot.
@Injectable()
export class RoundsService {
  constructor(private readonly repo: RoundsRepository) {}

  @Transactional()
  async create(input: CreateRoundRequest, caller: Caller): Promise<RoundView> {
    requireActFor(caller, input.municipalities, 'municipalities');
    const dup = duplicateLot(input.lots);
    if (dup) throw new RoundError(RoundErrorCode.DUPLICATE_LOT, dup.reason, 400, [dup]);
    const id = randomUUID();
    const lots = input.lots.map((l) => ({ code: l.code, name: l.name }));
    if (!(await this.repo.insert({ id, name: input.name, municipalities: input.municipalities, lots, publishedOn: input.publishedOn ?? null }))) {
      throw RoundError.nameTaken(input.name);
    }
    return toView(mustExist(await this.repo.find(id), 'the round just created'));
  }

  async list(caller: Caller): Promise<{ items: RoundView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return { items: (await this.repo.list(scope.providerAgb === undefined ? scope.municipalities : undefined)).map(toView) };
  }

  async get(id: string, caller: Caller): Promise<RoundView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return toView(foundOr404(await this.repo.find(id), () => RoundError.missing(id), (r) => roundVisible(scope, r)));
  }

  /** The round as stored, for a contract that names it (no scope: the contract's own checks apply). */
  async find(id: string): Promise<RoundView | undefined> {
    const round = await this.repo.find(id);
    return round ? toView(round) : undefined;
  }
}

function toView(r: RoundEntity): RoundView {
  return { id: r.id, name: r.name, municipalities: r.municipalities, lots: r.lots, publishedOn: r.publishedOn };
}
