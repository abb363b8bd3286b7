import { Unit } from '@vangnet/contracts';

// Which contract tariff prices a provision in a year (ADR 0026, 0041): pure, over the tariffs
// finance knows (its read model of procurement's tariffs).

/** A contract tariff for a product in a year, as a provision is priced with it. */
export interface TariffQuote {
  tariffCents: number;
  /** The unit the tariff is for. */
  unit: Unit;
  variant?: string | null;
  contractId?: string | null;
}

/** What of a provision version decides its tariff (a version of commitments' facts has these fields). */
export interface TariffSubject {
  providerAgb: string | null;
  /** The paying municipality: the contract must be one of its. */
  responsibleMunicipality: string;
  category: string;
  productCode: string | null;
  contractId: string | null;
}

/** A contract tariff for one product and year, as procurement published it (or answered it). */
export interface TariffRow {
  contractId: string;
  providerAgb: string;
  municipalities: string[];
  category: string;
  /** '' when the contracted product has no product code. */
  code: string;
  year: number;
  unit: Unit;
  variant: string;
  tariffCents: number;
  source: 'EVENT' | 'RPC';
}

export interface TariffKey {
  providerAgb: string;
  municipality: string;
  category: string;
  code: string;
  year: number;
  contractId: string | null;
}

/** A tariff the read model lacks: procurement is asked for it. */
export interface TariffNeed {
  key: TariffKey;
  /** The day to ask the tariff for (the first day in that year the provision runs). */
  date: string;
}

export function tariffKeyOf(v: TariffSubject, year: number): TariffKey | undefined {
  if (!v.providerAgb) return undefined;
  return {
    providerAgb: v.providerAgb,
    municipality: v.responsibleMunicipality,
    category: v.category,
    code: v.productCode ?? '',
    year,
    contractId: v.contractId,
  };
}

export function tariffKeyString(k: TariffKey): string {
  return `${k.providerAgb}|${k.municipality}|${k.category}|${k.code}|${k.year}|${k.contractId ?? ''}`;
}

/**
 * The tariffs finance knows, indexed for lookups: the paying (responsible) municipality must be
 * one of the contract's; the provision's own contract wins, else the lowest contract id (stable).
 * A tariff for a product code wins over one for its whole category (a contracted product without
 * a code covers every code of the category).
 */
export class TariffBook {
  private readonly index = new Map<string, TariffRow[]>();

  constructor(rows: Iterable<TariffRow> = []) {
    for (const r of rows) this.add(r);
  }

  add(r: TariffRow): void {
    const k = `${r.providerAgb}|${r.category}|${r.code}|${r.year}`;
    const list = this.index.get(k) ?? [];
    const i = list.findIndex((x) => x.contractId === r.contractId);
    if (i >= 0) {
      // An answer for one more municipality widens what is known of the same contract tariff.
      const merged = r.source === 'RPC' && list[i].source === 'RPC' ? [...new Set([...list[i].municipalities, ...r.municipalities])] : r.municipalities;
      list[i] = { ...r, municipalities: merged };
    }
    else list.push(r);
    list.sort((a, b) => (a.contractId < b.contractId ? -1 : 1));
    this.index.set(k, list);
  }

  find(k: TariffKey): TariffRow | undefined {
    const exact = this.pick(k, k.code);
    return exact || k.code === '' ? exact : this.pick(k, '');
  }

  private pick(k: TariffKey, code: string): TariffRow | undefined {
    const list = this.index.get(`${k.providerAgb}|${k.category}|${code}|${k.year}`);
    if (!list) return undefined;
    const eligible = list.filter((r) => r.municipalities.includes(k.municipality));
    return eligible.find((r) => r.contractId === k.contractId) ?? eligible[0];
  }

  quote(v: TariffSubject, year: number): TariffQuote | undefined {
    const key = tariffKeyOf(v, year);
    const row = key && this.find(key);
    return row ? { tariffCents: row.tariffCents, unit: row.unit, variant: row.variant, contractId: row.contractId } : undefined;
  }
}
