import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateNominationsRequest, NominationsListQuery, NominationsView } from './nominations.dto';
import { NominationsEntity } from './nominations.entity';
import { NominationsError } from './nominations.errors';
import { NominationsRepository } from './nominations.repository';
import { nominationsProblems } from './nominations.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in nominations.rules.ts. */
@Injectable()
export class NominationsService {
  constructor(
    private readonly repo: NominationsRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateNominationsRequest): Promise<NominationsView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = nominationsProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `nominations ${id}`));
  }

  async get(caller: Caller, id: string): Promise<NominationsView> {
    return view(foundOr404(await this.repo.find(id), () => NominationsError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: NominationsListQuery): Promise<Page<NominationsView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: NominationsEntity): NominationsView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
