import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateFacilitiesRequest, FacilitiesListQuery, FacilitiesView } from './facilities.dto';
import { FacilitiesEntity } from './facilities.entity';
import { FacilitiesError } from './facilities.errors';
import { FacilitiesRepository } from './facilities.repository';
import { facilitiesProblems } from './facilities.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in facilities.rules.ts. */
@Injectable()
export class FacilitiesService {
  constructor(
    private readonly repo: FacilitiesRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateFacilitiesRequest): Promise<FacilitiesView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = facilitiesProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `facilities ${id}`));
  }

  async get(caller: Caller, id: string): Promise<FacilitiesView> {
    return view(foundOr404(await this.repo.find(id), () => FacilitiesError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: FacilitiesListQuery): Promise<Page<FacilitiesView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: FacilitiesEntity): FacilitiesView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
