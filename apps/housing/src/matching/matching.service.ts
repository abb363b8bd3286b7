import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateMatchingRequest, MatchingListQuery, MatchingView } from './matching.dto';
import { MatchingEntity } from './matching.entity';
import { MatchingError } from './matching.errors';
import { MatchingRepository } from './matching.repository';
import { matchingProblems } from './matching.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in matching.rules.ts. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly repo: MatchingRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateMatchingRequest): Promise<MatchingView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = matchingProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `matching ${id}`));
  }

  async get(caller: Caller, id: string): Promise<MatchingView> {
    return view(foundOr404(await this.repo.find(id), () => MatchingError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: MatchingListQuery): Promise<Page<MatchingView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: MatchingEntity): MatchingView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
