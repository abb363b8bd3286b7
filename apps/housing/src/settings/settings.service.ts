import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateSettingsRequest, SettingsListQuery, SettingsView } from './settings.dto';
import { SettingsEntity } from './settings.entity';
import { SettingsError } from './settings.errors';
import { SettingsRepository } from './settings.repository';
import { settingsProblems } from './settings.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in settings.rules.ts. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateSettingsRequest): Promise<SettingsView> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = settingsProblems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), `settings ${id}`));
  }

  async get(caller: Caller, id: string): Promise<SettingsView> {
    return view(foundOr404(await this.repo.find(id), () => SettingsError.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: SettingsListQuery): Promise<Page<SettingsView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: SettingsEntity): SettingsView {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
