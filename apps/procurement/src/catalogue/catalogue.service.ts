import { Injectable } from '@nestjs/common';
import { actorOf, Caller, NON_PERSONAL_DATA, requireActFor, ScopeError, tenantScopeOf } from '@vangnet/auth';
import { CommonErrorCode, DomainError, IsoDate } from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { catalogueKey, ReadModelCache } from '../read-model/read-model.cache';
import { CatalogueEntryRequest, CatalogueView } from './catalogue.dto';
import { CatalogueEntryEntity } from './catalogue.entity';
import { CatalogueError, CatalogueErrorCode } from './catalogue.errors';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueVersion, planCatalogue, planWithdrawal } from './catalogue.rules';

@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly cache: ReadModelCache,
    private readonly clock: Clock,
  ) {}

  async publish(municipality: string, year: number, entries: CatalogueEntryRequest[], caller: Caller): Promise<CatalogueView> {
    requireActFor(caller, municipality, 'municipality');
    const today = this.clock.today();
    return this.cache.write([catalogueKey(municipality)], async () => {
      await this.repo.lock(municipality);
      const existing = (await this.repo.ofYear(municipality, year)).map(versionOf);
      const plan = planCatalogue(existing, entries, year, today);
      if (plan.invalid.length) {
        throw new DomainError(CommonErrorCode.VALIDATION_FAILED, 'the catalogue has invalid entries', 400, plan.invalid);
      }
      if (plan.conflicts.length) {
        // Report the most telling code: a started period wins over an overlap.
        const started = plan.conflicts.find((c) => c.code === CatalogueErrorCode.CATALOGUE_PERIOD_STARTED);
        const first = started ?? plan.conflicts[0];
        throw new CatalogueError(first.code as CatalogueErrorCode, first.reason, 409, plan.conflicts);
      }
      for (const t of plan.truncations) await this.repo.setValidTo(t.id, t.validTo);
      for (const u of plan.updates) await this.repo.update(u.id, u.name, u.unit, u.validTo);
      await this.repo.insert(municipality, year, plan.inserts, actorOf(caller));
      return {
        municipality,
        year,
        entries: (await this.repo.ofYear(municipality, year)).map(versionOf),
        changes: { added: plan.inserts.length, changed: plan.updates.length + plan.truncations.length, unchanged: plan.unchanged },
        ...(plan.initialLoad && plan.inserts.some((e) => e.validFrom <= today) ? { initialLoad: true } : {}),
      };
    });
  }

  async withdraw(municipality: string, year: number, category: string, code: string, from: IsoDate | undefined, caller: Caller): Promise<CatalogueView> {
    requireActFor(caller, municipality, 'municipality');
    const today = this.clock.today();
    const start = from ?? `${year}-01-01`;
    if (Number(start.slice(0, 4)) !== year) throw CatalogueError.invalidField(CatalogueErrorCode.ENTRY_OUTSIDE_YEAR, 'from', `from must lie in ${year}`);
    return this.cache.write([catalogueKey(municipality)], async () => {
      await this.repo.lock(municipality);
      const plan = planWithdrawal((await this.repo.versionsOf(municipality, category, code, year)).map(versionOf), start, today);
      if (!plan) throw new CatalogueError(CatalogueErrorCode.CATALOGUE_ENTRY_NOT_FOUND, `${category}/${code} is not in the ${year} catalogue of ${municipality} from ${start}`, 404);
      if ('conflict' in plan) {
        throw new CatalogueError(CatalogueErrorCode.CATALOGUE_PERIOD_STARTED, plan.conflict, 409, [
          { name: 'from', code: CatalogueErrorCode.CATALOGUE_PERIOD_STARTED, reason: plan.conflict },
        ]);
      }
      await this.repo.delete(plan.deletes);
      if (plan.truncation) await this.repo.setValidTo(plan.truncation.id, plan.truncation.validTo);
      return { municipality, year, entries: (await this.repo.ofYear(municipality, year)).map(versionOf) };
    });
  }

  async get(municipality: string, year: number, date: IsoDate | undefined, caller: Caller): Promise<CatalogueView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    // Providers need every municipality's codes to declare; municipal staff read their own.
    if (scope.providerAgb === undefined && !scope.municipalities.includes(municipality)) {
      throw ScopeError.of('municipality', `this token may not read the catalogue of ${municipality}`);
    }
    return { municipality, year, entries: (await this.repo.ofYear(municipality, year, date)).map(versionOf) };
  }

  /** Every version of every code of a municipality's catalogue, in any year (for the check's read model). */
  allVersionsOf(municipality: string): Promise<Array<{ category: string; code: string; validFrom: IsoDate; validTo: IsoDate }>> {
    return this.repo.allOf(municipality);
  }
}

function versionOf(e: CatalogueEntryEntity): CatalogueVersion {
  return { id: e.id, category: e.category, code: e.code, name: e.name, unit: e.unit, validFrom: e.validFrom, validTo: e.validTo };
}
