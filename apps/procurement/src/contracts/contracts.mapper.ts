import { ContractOptionSnapshot, ContractSnapshotV1, TariffPublishedV1 } from '@vangnet/contracts';
import { tariffsInTerm } from './contracts.rules';
import { ContractOptionView, ContractView } from './contracts.dto';
import { ContractRecord, ProductRecord } from './contracts.repository';

const productRef = (p: ProductRecord) => (p.code ? { category: p.category, code: p.code } : { category: p.category });
const termOf = (c: ContractRecord) => ({ start: c.termStart, end: c.termEnd });

/** The contract as stored, as the events carry it. */
export function toSnapshot(c: ContractRecord): ContractSnapshotV1 {
  const s: ContractSnapshotV1 = {
    contractId: c.id,
    reference: c.reference,
    providerAgb: c.providerAgb,
    municipalities: c.municipalities,
    term: termOf(c),
    status: c.status,
    options: c.options.map((o) => {
      const option: ContractOptionSnapshot = { index: o.index, extendsTo: o.extendsTo, decisionDeadline: o.decisionDeadline, status: o.status };
      if (o.decidedOn) option.decidedOn = o.decidedOn;
      return option;
    }),
    products: c.products.map((p) => ({
      product: productRef(p) as ContractSnapshotV1['products'][number]['product'],
      variant: p.variant,
      unit: p.unit,
      crisis: p.crisis,
      tariffs: p.tariffs.map((t) => ({ year: t.year, tariffCents: t.tariffCents })),
      ...(p.indexationBp != null ? { indexationBasisPoints: p.indexationBp } : {}),
    })),
    revision: c.revision,
    subcontractors: c.subcontractors,
  };
  if (c.lot) s.lot = c.lot;
  if (c.roundId) s.roundId = c.roundId;
  if (c.endedOn) s.endedOn = c.endedOn;
  if (c.endReason) s.endReason = c.endReason;
  return s;
}

export function toView(c: ContractRecord): ContractView {
  const s = toSnapshot(c);
  return {
    contractId: c.id,
    reference: c.reference,
    providerAgb: c.providerAgb,
    municipalities: c.municipalities,
    ...(s.lot ? { lot: s.lot } : {}),
    ...(s.roundId ? { roundId: s.roundId } : {}),
    term: s.term as { start: string; end: string },
    initialEnd: c.initialEnd,
    status: c.status,
    options: c.options.map((o) => {
      const v: ContractOptionView = { index: o.index, extendsTo: o.extendsTo, decisionDeadline: o.decisionDeadline, status: o.status };
      if (o.decidedOn) v.decidedOn = o.decidedOn;
      if (o.decidedBy) v.decidedBy = o.decidedBy;
      if (o.evaluation) v.evaluation = o.evaluation;
      return v;
    }),
    products: c.products.map((p) => ({
      id: p.id,
      product: productRef(p),
      variant: p.variant,
      unit: p.unit,
      crisis: p.crisis,
      tariffs: p.tariffs,
      ...(p.indexationBp != null ? { indexationBasisPoints: p.indexationBp } : {}),
      tariffsInTerm: tariffsInTerm({ tariffs: p.tariffs, indexationBp: p.indexationBp }, termOf(c)),
    })),
    subcontractors: c.subcontractors,
    revision: c.revision,
    ...(c.endedOn ? { endedOn: c.endedOn } : {}),
    ...(c.endReason ? { endReason: c.endReason } : {}),
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/**
 * The tariffs (per product and year of the term) that are new or different in `after`: what a
 * TariffPublishedV1 must announce. `before` undefined means everything is new (activation).
 */
export function tariffChanges(before: ContractRecord | undefined, after: ContractRecord): TariffPublishedV1[] {
  const previous = new Map<string, string>();
  if (before) {
    for (const p of before.products) {
      for (const t of tariffsInTerm({ tariffs: p.tariffs, indexationBp: p.indexationBp }, termOf(before))) {
        previous.set(`${p.category}/${p.code}/${t.year}`, `${t.tariffCents}/${t.validFrom}/${t.validTo}`);
      }
    }
  }
  const out: TariffPublishedV1[] = [];
  for (const p of after.products) {
    for (const t of tariffsInTerm({ tariffs: p.tariffs, indexationBp: p.indexationBp }, termOf(after))) {
      if (previous.get(`${p.category}/${p.code}/${t.year}`) === `${t.tariffCents}/${t.validFrom}/${t.validTo}`) continue;
      out.push({
        contractId: after.id,
        providerAgb: after.providerAgb,
        municipalities: after.municipalities,
        product: productRef(p) as TariffPublishedV1['product'],
        variant: p.variant,
        unit: p.unit,
        year: t.year,
        tariffCents: t.tariffCents,
        validFrom: t.validFrom,
        validTo: t.validTo,
        crisis: p.crisis,
      });
    }
  }
  return out;
}

/** Region-wide facts carry no tenant; a contract for one municipality carries it. */
export function envelopeMunicipality(c: { municipalities: string[] }): string | null {
  return c.municipalities.length === 1 ? c.municipalities[0] : null;
}
