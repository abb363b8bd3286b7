import { Injectable } from '@nestjs/common';
import { Caller, NON_PERSONAL_DATA, tenantScopeOf } from '@vangnet/auth';
import { checkIfMatch, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { CreateProviderRequest, ProviderListQuery, ProviderView, UpdateProviderRequest } from './providers.dto';
import { ProviderEntity } from './providers.entity';
import { ProviderError, ProviderErrorCode } from './providers.errors';
import { ProvidersRepository } from './providers.repository';
import { patchProvider, providerVisible } from './providers.rules';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly repo: ProvidersRepository,
    private readonly cache: ReadModelCache,
  ) {}

  async create(input: CreateProviderRequest): Promise<ProviderView> {
    // The check may have cached "unknown provider" for this AGB code.
    return this.cache.write([providerKey(input.agb)], async () => {
      if (!(await this.repo.insert({ agb: input.agb, kvk: input.kvk, name: input.name, kind: input.kind, contact: { ...(input.contact ?? {}) } }))) {
        const reason = `provider ${input.agb} is already registered`;
        throw new ProviderError(ProviderErrorCode.PROVIDER_EXISTS, reason, 409, [{ name: 'agb', code: ProviderErrorCode.PROVIDER_EXISTS, reason }]);
      }
      return toView(mustExist(await this.repo.find(input.agb), 'the provider just registered'));
    });
  }

  async update(agb: string, input: UpdateProviderRequest, ifMatch: string | undefined): Promise<ProviderView> {
    return this.cache.write([providerKey(agb)], async () => {
      const current = foundOr404(await this.repo.find(agb, true), () => ProviderError.missing(agb));
      checkIfMatch(ifMatch, current.version);
      await this.repo.update(agb, patchProvider(current, input));
      return toView(mustExist(await this.repo.find(agb), 'the provider just updated'));
    });
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

  /** Of these AGB codes, the ones that are not registered, in the order given. */
  async unregistered(agbs: string[]): Promise<string[]> {
    const known = new Set(await this.repo.registered(agbs));
    return agbs.filter((agb) => !known.has(agb));
  }
}

function toView(p: ProviderEntity): ProviderView {
  return { agb: p.agb, kvk: p.kvk, name: p.name, kind: p.kind, contact: p.contact, version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt };
}
