import { Injectable } from '@nestjs/common';
import { catalogueKeyOf } from '../catalogue/catalogue.rules';
import { CatalogueService } from '../catalogue/catalogue.service';
import { effectivePeriod } from '../client-stops/client-stops.rules';
import { ClientStopsService } from '../client-stops/client-stops.service';
import { ContractsService } from '../contracts/contracts.service';
import { ProvidersService } from '../providers/providers.service';
import { catalogueKey, providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { CatalogueCheckView, ProviderCheckView } from './check.rules';

/** Loads what the check needs through the features that own it (their services), kept in the read-model cache. */
@Injectable()
export class CheckReadModel {
  constructor(
    private readonly cache: ReadModelCache,
    private readonly providers: ProvidersService,
    private readonly contracts: ContractsService,
    private readonly stops: ClientStopsService,
    private readonly catalogue: CatalogueService,
  ) {}

  /** Cached views only, without waiting: undefined when either needs loading. */
  peek(agb: string, municipality: string | undefined): { view: ProviderCheckView; catalogue: CatalogueCheckView | undefined } | undefined {
    const view = this.cache.peek<ProviderCheckView>(providerKey(agb));
    if (!view) return undefined;
    if (municipality === undefined) return { view, catalogue: undefined };
    const catalogue = this.cache.peek<CatalogueCheckView>(catalogueKey(municipality));
    return catalogue ? { view, catalogue } : undefined;
  }

  provider(agb: string): Promise<ProviderCheckView> {
    return this.cache.get(providerKey(agb), () => this.loadProvider(agb));
  }

  catalogueOf(municipality: string): Promise<CatalogueCheckView> {
    return this.cache.get(catalogueKey(municipality), () => this.loadCatalogue(municipality));
  }

  private async loadProvider(agb: string): Promise<ProviderCheckView> {
    if (!(await this.providers.isRegistered(agb))) return { agb, known: false, contracts: [], stops: [] };
    const [contracts, stops] = await Promise.all([this.contracts.ofProvider(agb), this.stops.ofProvider(agb)]);
    return {
      agb,
      known: true,
      contracts: contracts.map((c) => ({
        id: c.id,
        reference: c.reference,
        status: c.status,
        start: c.termStart,
        end: c.termEnd,
        municipalities: c.municipalities,
        products: c.products.map((p) => ({
          category: p.category,
          code: p.code,
          variant: p.variant,
          unit: p.unit,
          crisis: p.crisis,
          tariffs: p.tariffs,
          indexationBp: p.indexationBp,
        })),
      })),
      stops: stops.flatMap((s) => {
        const eff = effectivePeriod(s);
        return eff ? [{ id: s.id, municipality: s.municipality, ...eff }] : [];
      }),
    };
  }

  private async loadCatalogue(municipality: string): Promise<CatalogueCheckView> {
    const map = new Map<string, Array<{ from: string; to: string }>>();
    for (const e of await this.catalogue.allVersionsOf(municipality)) {
      const k = catalogueKeyOf(e.category, e.code);
      map.set(k, [...(map.get(k) ?? []), { from: e.validFrom, to: e.validTo }]);
    }
    return map;
  }
}
