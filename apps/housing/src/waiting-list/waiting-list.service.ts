import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateWaitingListRequest, WaitingListListQuery, WaitingListView } from './waiting-list.dto';
import { WaitingListEntity } from './waiting-list.entity';
import { WaitingListError } from './waiting-list.errors';
import { WaitingListRepository } from './waiting-list.repository';
import { waitingListProblems } from './waiting-list.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in waiting-list.rules.ts. */
@Injectable()
export class WaitingListService {
  constructor(
    private readonly repo: WaitingListRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateWaitingListRequest): Promise<WaitingListView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = waitingListProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `waiting-list ${id}`));
  }

  async get(caller: Caller, id: string): Promise<WaitingListView> {
    return view(foundOr404(await this.repo.find(id), () => WaitingListError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: WaitingListListQuery): Promise<Page<WaitingListView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: WaitingListEntity): WaitingListView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
