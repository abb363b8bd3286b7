import {
  categoryFromIstandaard,
  debitCreditFromIstandaard,
  DebitCredit,
  FinancingVariant,
  Frequency,
  frequencyFromIstandaard,
  frequencyToIstandaard,
  ProductCategory,
  Unit,
  unitFromIstandaard,
  unitToIstandaard,
} from '@vangnet/contracts';

// Message fields ↔ our wire values, always through the one mapping in libs/contracts
// (ARCHITECTURE §2). iWmo/iJw 3.2 carry no delivery form: see isExchangedInIstandaard there.

export interface WireVolume {
  volume: number;
  unit: Unit;
  variant?: FinancingVariant;
  frequency: Frequency;
}

/** CDT_Omvang → volume, unit (PIECE with its financing variant) and frequency. */
export function omvangToWire(omvang: { volume: number; eenheid: string; frequentie: string }): WireVolume {
  const { unit, variant } = unitFromIstandaard(omvang.eenheid);
  return { volume: omvang.volume, unit, ...(variant ? { variant } : {}), frequency: frequencyFromIstandaard(omvang.frequentie) };
}

export function omvangFromWire(v: WireVolume): { volume: number; eenheid: string; frequentie: string } {
  return { volume: v.volume, eenheid: unitToIstandaard(v.unit, v.variant), frequentie: frequencyToIstandaard(v.frequency) };
}

export interface WireDeclarationLine {
  category: ProductCategory;
  productCode?: string;
  volume: number;
  unit: Unit;
  variant?: FinancingVariant;
  tariffCents?: number;
  amountCents: number;
  debitCredit: DebitCredit;
}

/** A 323/325 Prestatie's money and volume in wire terms (cents stay cents). */
export function prestatieToWire(p: {
  productCategorie: string;
  productCode?: string;
  geleverdVolume: number;
  eenheid: string;
  productTarief?: number;
  ingediendBedrag: { bedrag: number; debetCredit: string };
}): WireDeclarationLine {
  const { unit, variant } = unitFromIstandaard(p.eenheid);
  return {
    category: categoryFromIstandaard(p.productCategorie),
    ...(p.productCode !== undefined ? { productCode: p.productCode } : {}),
    volume: p.geleverdVolume,
    unit,
    ...(variant ? { variant } : {}),
    ...(p.productTarief !== undefined ? { tariffCents: p.productTarief } : {}),
    amountCents: p.ingediendBedrag.bedrag,
    debitCredit: debitCreditFromIstandaard(p.ingediendBedrag.debetCredit),
  };
}
