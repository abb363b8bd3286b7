import { Injectable } from '@nestjs/common';
import { DomainError } from '@vangnet/contracts';
import { actorOf, Caller, NON_PERSONAL_DATA, tenantScopeOf } from '@vangnet/auth';
import { checkIfMatch, decodeCursor, foundOr404, mustExist, Page, PageQuery, RegionConfig, toPage } from '@vangnet/platform';
import { providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { CreateProviderRequest, ProviderAuditView, ProviderListQuery, ProviderView, UpdateProviderRequest } from './providers.dto';
import { ProviderAuditAction, ProviderAuditEntity, ProviderEntity, ProviderSnapshot } from './providers.entity';
import { ProviderError, ProviderErrorCode } from './providers.errors';
import { ProvidersRepository } from './providers.repository';
import { patchProvider, providerVisible } from './providers.rules';

/** What the 403 names when a token does not act for the whole region. */
const REGISTER = 'the region’s provider register';

/**
 * The region's provider register: region-wide master data (ARCHITECTURE §6, issue 13 O3, ADR 0027).
 * Registered and changed only by a contract manager acting for every member municipality (the
 * regional procurement team), a change only under If-Match, and every registration and change
 * audited in its own transaction (who, when, before and after).
 */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly repo: ProvidersRepository,
    private readonly cache: ReadModelCache,
    private readonly region: RegionConfig,
  ) {}

  async create(input: CreateProviderRequest, caller: Caller): Promise<ProviderView> {
    this.region.requireWholeRegion(caller, REGISTER);
    // The check may have cached "unknown provider" for this AGB code.
    return this.cache.write([providerKey(input.agb)], async () => {
      if (!(await this.repo.insert({ agb: input.agb, kvk: input.kvk, name: input.name, kind: input.kind, contact: { ...(input.contact ?? {}) } }))) {
        const reason = `provider ${input.agb} is already registered`;
        throw new ProviderError(ProviderErrorCode.PROVIDER_EXISTS, reason, 409, [{ name: 'agb', code: ProviderErrorCode.PROVIDER_EXISTS, reason }]);
      }
      const stored = mustExist(await this.repo.find(input.agb), 'the provider just registered');
      await this.repo.audit({ agb: stored.agb, version: stored.version, action: ProviderAuditAction.REGISTERED, ...changedBy(caller), before: null, after: snapshotOf(stored) });
      return toView(stored);
    });
  }

  /** A change: If-Match with the provider's ETag is required (428 without, 412 when stale). */
  async update(agb: string, input: UpdateProviderRequest, ifMatch: string | undefined, caller: Caller): Promise<ProviderView> {
    this.region.requireWholeRegion(caller, REGISTER);
    return this.cache.write([providerKey(agb)], async () => {
      const current = foundOr404(await this.repo.find(agb, true), () => ProviderError.missing(agb));
      checkIfMatch(ifMatch, current.version, true);
      await this.repo.update(agb, patchProvider(current, input));
      const stored = mustExist(await this.repo.find(agb), 'the provider just updated');
      await this.repo.audit({ agb, version: stored.version, action: ProviderAuditAction.CHANGED, ...changedBy(caller), before: snapshotOf(current), after: snapshotOf(stored) });
      return toView(stored);
    });
  }

  /** The provider's audit, newest first (auditors and contract managers of any member municipality: providers are region-wide). */
  async audit(agb: string, q: PageQuery): Promise<Page<ProviderAuditView>> {
    if (!(await this.repo.exists(agb))) throw ProviderError.missing(agb);
    const limit = q.limit ?? 100;
    const before = decodeCursor<{ id: string }>(q.cursor)?.id;
    if (before !== undefined && !/^[0-9]{1,19}$/.test(String(before))) throw DomainError.invalidField('INVALID_CURSOR', 'cursor', 'cursor is not one this API gave out');
    const rows = await this.repo.auditOf(agb, { before: before === undefined ? undefined : String(before), limit });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toAuditView), nextCursor: page.nextCursor };
  }

  async get(agb: string, caller: Caller): Promise<ProviderView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return toView(foundOr404(await this.repo.find(agb), () => ProviderError.missing(agb), (p) => providerVisible(scope, p.agb)));
  }

  async list(q: ProviderListQuery, caller: Caller): Promise<Page<ProviderView>> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const limit = q.limit ?? 100;
    const after = decodeCursor<{ agb: string }>(q.cursor)?.agb;
    const rows = await this.repo.list({ kind: q.kind, name: q.name, onlyAgb: scope.providerAgb, after, limit });
    const page = toPage(rows, limit, (last) => ({ agb: last.agb }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  /** Is this AGB code registered? (Other features ask before they name a provider.) */
  isRegistered(agb: string): Promise<boolean> {
    return this.repo.exists(agb);
  }

  /** The register's names of these providers, by AGB code (organisations, not persons: anyone may read them). */
  namesOf(agbs: string[]): Promise<Map<string, string>> {
    return this.repo.names([...new Set(agbs)]);
  }

  /** Of these AGB codes, the ones that are not registered, in the order given. */
  async unregistered(agbs: string[]): Promise<string[]> {
    const known = new Set(await this.repo.registered(agbs));
    return agbs.filter((agb) => !known.has(agb));
  }
}

function changedBy(caller: Caller): Pick<ProviderAuditEntity, 'changedBy' | 'changedByOrg'> {
  return { changedBy: actorOf(caller), changedByOrg: caller.org };
}

function snapshotOf(p: ProviderEntity): ProviderSnapshot {
  return { agb: p.agb, kvk: p.kvk, name: p.name, kind: p.kind, contact: p.contact, version: p.version };
}

function toAuditView(a: ProviderAuditEntity): ProviderAuditView {
  return { id: String(a.id), agb: a.agb, version: a.version, action: a.action, changedBy: a.changedBy, changedByOrg: a.changedByOrg, changedAt: a.changedAt, before: a.before, after: a.after };
}

function toView(p: ProviderEntity): ProviderView {
  return { agb: p.agb, kvk: p.kvk, name: p.name, kind: p.kind, contact: p.contact, version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt };
}
