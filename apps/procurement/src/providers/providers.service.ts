import { Injectable } from '@nestjs/common';
import { Caller, NON_PERSONAL_DATA, tenantScopeOf } from '@vangnet/auth';
import { checkIfMatch, decodeCursor, Page, toPage } from '@vangnet/platform';
import { providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { CreateProviderRequest, ProviderListQuery, ProviderView, UpdateProviderRequest } from './providers.dto';
import { ProviderError, ProviderErrorCode } from './providers.errors';
import { ProvidersRepository } from './providers.repository';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly repo: ProvidersRepository,
    private readonly cache: ReadModelCache,
  ) {}

  async create(input: CreateProviderRequest): Promise<ProviderView> {
    // The check may have cached "unknown provider" for this AGB code.
    return this.cache.write([providerKey(input.agb)], async () => {
      const created = await this.repo.insert({ agb: input.agb, kvk: input.kvk, name: input.name, kind: input.kind, contact: { ...(input.contact ?? {}) } });
      if (!created) {
        const reason = `provider ${input.agb} is already registered`;
        throw new ProviderError(ProviderErrorCode.PROVIDER_EXISTS, reason, 409, [{ name: 'agb', code: ProviderErrorCode.PROVIDER_EXISTS, reason }]);
      }
      return created;
    });
  }

  async update(agb: string, input: UpdateProviderRequest, ifMatch: string | undefined): Promise<ProviderView> {
    return this.cache.write([providerKey(agb)], async () => {
      const current = await this.repo.find(agb, true);
      if (!current) throw ProviderError.notFound(ProviderErrorCode.PROVIDER_NOT_FOUND, `provider ${agb} is not registered`);
      checkIfMatch(ifMatch, current.version);
      return this.repo.update(agb, {
        kvk: input.kvk ?? current.kvk,
        name: input.name ?? current.name,
        kind: input.kind ?? current.kind,
        contact: input.contact ? { ...input.contact } : current.contact,
      });
    });
  }

  async get(agb: string, caller: Caller): Promise<ProviderView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const p = scope.providerAgb !== undefined && scope.providerAgb !== agb ? undefined : await this.repo.find(agb);
    if (!p) throw ProviderError.notFound(ProviderErrorCode.PROVIDER_NOT_FOUND, `provider ${agb} is not registered`);
    return p;
  }

  async list(q: ProviderListQuery, caller: Caller): Promise<Page<ProviderView>> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const limit = q.limit ?? 100;
    const after = decodeCursor<{ agb: string }>(q.cursor)?.agb;
    const rows = await this.repo.list({ kind: q.kind, name: q.name, onlyAgb: scope.providerAgb !== undefined ? scope.providerAgb : undefined, after, limit });
    return toPage(rows, limit, (last) => ({ agb: last.agb }));
  }
}
