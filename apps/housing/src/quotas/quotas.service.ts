import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, ReadRule, requireActFor, tenantScopeOf } from '@vangnet/auth';
import { OrgKind } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { decodeCursor, mustExist, Page, toPage } from '@vangnet/platform';
import { PutQuotaRequest, QuotaListQuery, QuotaView } from './quotas.dto';
import { QuotaEntity } from './quotas.entity';
import { QuotaError, QuotaErrorCode } from './quotas.errors';
import { QuotaKey, QuotasRepository } from './quotas.repository';
import { quotaProblems, remaining } from './quotas.rules';

/** Quotas are agreements, not personal data: municipal tokens read their municipalities', a corporation its own. */
const QUOTA_READERS: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], ownOnly: [OrgKind.CORPORATION] };

@Injectable()
export class QuotasService {
  constructor(private readonly repo: QuotasRepository) {}

  /** Set a corporation's quota for a municipality and year (created or changed). */
  @Transactional()
  async put(caller: Caller, req: PutQuotaRequest): Promise<{ view: QuotaView; created: boolean }> {
    requireActFor(caller, req.municipality, 'municipality');
    const existing = await this.repo.find(req, true);
    if (!existing) {
      await this.repo.insert({ corporation: req.corporation, municipality: req.municipality, year: req.year, homes: req.homes, updatedBy: actorOf(caller) });
    } else {
      const problems = quotaProblems(req.homes, existing.used);
      if (problems.length) throw new QuotaError(QuotaErrorCode.QUOTA_BELOW_USED, problems[0].reason, 422, problems);
      await this.repo.setHomes(req, req.homes, actorOf(caller));
    }
    return { view: view(mustExist(await this.repo.find(req), 'quota')), created: !existing };
  }

  async list(caller: Caller, q: QuotaListQuery): Promise<Page<QuotaView>> {
    const scope = tenantScopeOf(caller, QUOTA_READERS);
    let municipalities: string[] | undefined;
    let corporation = q.corporation;
    if (scope.corporation !== undefined) {
      if (q.corporation && q.corporation !== scope.corporation) return { items: [], nextCursor: null };
      corporation = scope.corporation;
      municipalities = q.municipality ? [q.municipality] : undefined;
    } else {
      municipalities = mustExist(narrowToScope(scope, { municipalities: q.municipality ? [q.municipality] : undefined }), 'scope').municipalities;
    }
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities, corporation, year: q.year, after: decodeCursor<QuotaKey & Record<string, unknown>>(q.cursor), limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ corporation: last.corporation, municipality: last.municipality, year: last.year }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /**
   * A nomination under the quota takes one home: NO_QUOTA when the corporation has none for the
   * municipality and year, QUOTA_EXHAUSTED when every home is taken (422, naming `corporation`).
   */
  async consume(k: QuotaKey): Promise<void> {
    const quota = await this.repo.find(k, true);
    if (!quota) {
      throw new QuotaError(QuotaErrorCode.NO_QUOTA, `corporation ${k.corporation} has no quota for ${k.municipality} in ${k.year}`, 422, [
        { name: 'corporation', code: QuotaErrorCode.NO_QUOTA, reason: `no quota for ${k.municipality} in ${k.year}` },
      ]);
    }
    if (!(await this.repo.consume(k))) {
      throw new QuotaError(
        QuotaErrorCode.QUOTA_EXHAUSTED,
        `the ${quota.homes} homes of corporation ${k.corporation}'s quota for ${k.municipality} in ${k.year} are all nominated`,
        422,
        [{ name: 'corporation', code: QuotaErrorCode.QUOTA_EXHAUSTED, reason: `quota ${k.year} for ${k.municipality} used up (${quota.used} of ${quota.homes})` }],
        { homes: quota.homes, used: quota.used, year: k.year },
      );
    }
  }

  /** A declined or withdrawn nomination gives its home back. */
  async release(k: QuotaKey): Promise<void> {
    await this.repo.release(k);
  }
}

function view(q: QuotaEntity): QuotaView {
  return { corporation: q.corporation, municipality: q.municipality, year: q.year, homes: q.homes, used: q.used, remaining: remaining(q), version: q.version };
}
