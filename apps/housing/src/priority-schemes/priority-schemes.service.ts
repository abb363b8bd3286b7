import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreatePrioritySchemesRequest, PrioritySchemesListQuery, PrioritySchemesView } from './priority-schemes.dto';
import { PrioritySchemesEntity } from './priority-schemes.entity';
import { PrioritySchemesError } from './priority-schemes.errors';
import { PrioritySchemesRepository } from './priority-schemes.repository';
import { prioritySchemesProblems } from './priority-schemes.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in priority-schemes.rules.ts. */
@Injectable()
export class PrioritySchemesService {
  constructor(
    private readonly repo: PrioritySchemesRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreatePrioritySchemesRequest): Promise<PrioritySchemesView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = prioritySchemesProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `priority-schemes ${id}`));
  }

  async get(caller: Caller, id: string): Promise<PrioritySchemesView> {
    return view(foundOr404(await this.repo.find(id), () => PrioritySchemesError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: PrioritySchemesListQuery): Promise<Page<PrioritySchemesView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: PrioritySchemesEntity): PrioritySchemesView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
