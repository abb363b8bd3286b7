import {
  ContractCheckRefusalCode,
  ContractStatus,
  FinancingVariant,
  isCrisisCategory,
  IsoDate,
  Unit,
  yearOf,
} from '@vangnet/contracts';
import { catalogueHas } from '../catalogue/catalogue.rules';
import { stopBlocks } from '../client-stops/client-stops.rules';
import { tariffForYear } from '../contracts/contracts.rules';

/** What the check knows about one provider: its contracts and client stops (read model). */
export interface ProviderCheckView {
  agb: string;
  known: boolean;
  contracts: ContractCheckView[];
  /** Stops with the days they really block (lifting applied). */
  stops: Array<{ id: string; municipality: string; start: IsoDate; end: IsoDate | null }>;
}

export interface ContractCheckView {
  id: string;
  reference: string;
  status: ContractStatus;
  start: IsoDate;
  end: IsoDate;
  municipalities: string[];
  products: Array<{
    category: string;
    code: string;
    variant: FinancingVariant;
    unit: Unit;
    crisis: boolean;
    tariffs: Array<{ year: number; tariffCents: number }>;
    indexationBp: number | null;
  }>;
}

/** One municipality's catalogue: versions (from..to) per `category/code`. */
export type CatalogueCheckView = ReadonlyMap<string, ReadonlyArray<{ from: IsoDate; to: IsoDate }>>;

export interface CheckQuestion {
  providerAgb: string;
  municipality: string;
  product: { category: string; code?: string };
  date: IsoDate;
}

export type CheckOutcome =
  | { ok: true; contractId: string; variant: FinancingVariant; unit: Unit; tariffCents: number; crisis: boolean; year: number }
  | { ok: false; code: ContractCheckRefusalCode; message: string; clientStopId?: string };

const refuse = (code: ContractCheckRefusalCode, message: string, clientStopId?: string): CheckOutcome =>
  clientStopId ? { ok: false, code, message, clientStopId } : { ok: false, code, message };

/**
 * May this provider deliver this product, paid by this municipality, from this date? The first
 * reason that applies wins, in this order (ADR 0022):
 * UNKNOWN_PROVIDER → NO_CONTRACT (no contract for this provider and municipality at all) →
 * CONTRACT_NOT_ACTIVE (none in force on the date: draft, not started, or over) →
 * PRODUCT_NOT_CONTRACTED (not in a contract in force, or the code is not in the municipality's
 * catalogue on the date) → NO_TARIFF (no tariff for the date's year, nor one indexation derives) →
 * CLIENT_STOP (a stop blocks the date; never for crisis care). `ignoreClientStops` serves
 * procurement.tariff.get, which prices care that was already assigned.
 */
export function evaluateCheck(view: ProviderCheckView, catalogue: CatalogueCheckView, q: CheckQuestion, opts: { ignoreClientStops?: boolean } = {}): CheckOutcome {
  const { providerAgb: agb, municipality, date } = q;
  const code = q.product.code ?? '';
  const label = `${q.product.category}${code ? `/${code}` : ''}`;
  if (!view.known) return refuse(ContractCheckRefusalCode.UNKNOWN_PROVIDER, `provider ${agb} is not registered`);
  const forMunicipality = view.contracts.filter((c) => c.municipalities.includes(municipality));
  if (!forMunicipality.length) return refuse(ContractCheckRefusalCode.NO_CONTRACT, `provider ${agb} has no contract for ${municipality}`);
  const inForce = forMunicipality.filter((c) => c.status !== ContractStatus.DRAFT && c.start <= date && date <= c.end);
  if (!inForce.length) return refuse(ContractCheckRefusalCode.CONTRACT_NOT_ACTIVE, `no contract of provider ${agb} for ${municipality} is in force on ${date}`);

  const match = matchProduct(inForce, q.product.category, code);
  if (match === 'ambiguous') {
    return refuse(ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED, `category ${q.product.category} is contracted per product code: name the code`);
  }
  if (!match) return refuse(ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED, `product ${label} is not contracted with provider ${agb} for ${municipality} on ${date}`);
  if (code && !catalogueHas(catalogue, q.product.category, code, date)) {
    return refuse(ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED, `product code ${label} is not in the catalogue of ${municipality} on ${date}`);
  }
  const { contract, product } = match;
  const year = yearOf(date);
  const tariff = tariffForYear(product, year);
  if (!tariff) return refuse(ContractCheckRefusalCode.NO_TARIFF, `contract ${contract.reference} has no ${year} tariff for ${label}`);
  const crisis = isCrisisCategory(q.product.category) || product.crisis;
  if (!crisis && !opts.ignoreClientStops) {
    const stop = view.stops.find((s) => s.municipality === municipality && stopBlocks(s, date));
    if (stop) return refuse(ContractCheckRefusalCode.CLIENT_STOP, `a client stop for provider ${agb} and ${municipality} applies on ${date}`, stop.id);
  }
  return { ok: true, contractId: contract.id, variant: product.variant, unit: product.unit, tariffCents: tariff.tariffCents, crisis, year };
}

type Match = { contract: ContractCheckView; product: ContractCheckView['products'][number] };

// A named code matches that code, else a product for the whole category. Without a code: the
// whole-category product, else the category's only product; several coded products are ambiguous.
function matchProduct(contracts: ContractCheckView[], category: string, code: string): Match | 'ambiguous' | undefined {
  const inCategory: Match[] = [];
  for (const contract of contracts) for (const product of contract.products) if (product.category === category) inCategory.push({ contract, product });
  if (code) return inCategory.find((m) => m.product.code === code) ?? inCategory.find((m) => m.product.code === '');
  const whole = inCategory.find((m) => m.product.code === '');
  if (whole) return whole;
  if (inCategory.length === 1) return inCategory[0];
  return inCategory.length ? 'ambiguous' : undefined;
}
