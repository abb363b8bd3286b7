import {
  addressDesignationToIstandaard,
  AddressKind,
  addressKindToIstandaard,
  BirthDatePrecision,
  birthDatePrecisionToIstandaard,
  ChangeReason,
  changeReasonToIstandaard,
  EndReason,
  FinancingVariant,
  Frequency,
  IsoDate,
  NameUse,
  nameUseToIstandaard,
  PersonIdentityReply,
  sexToIstandaard,
  Unit,
} from '@vangnet/contracts';
import { IstandaardMessage, omvangFromWire } from '@vangnet/istandaarden';
import type { CorrespondenceAddress } from '../shared/correspondence';
import type { AssignmentEntity } from './assignments.entity';

/** An assignment as the 301 carries it (one ToegewezenProduct). */
export interface AssignmentTerms {
  assignmentNumber: number;
  category: string;
  productCode: string | null;
  volume: { amount: number; unit: Unit; frequency: Frequency; variant?: FinancingVariant } | null;
  budgetCents: number | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: EndReason | null;
  changeReason: ChangeReason | null;
  assignedAt: Date;
  /** The provider's ReferentieAanbieder when the assignment answers its request (TR359). */
  providerReference?: string;
}

/**
 * The assignments a 301 carries: "always all current assignments of the client with the
 * provider" (iWmo/iJw 3.2, 301 "volledige toewijzing"): those not ended before today, and the one
 * that just changed or ended, so the provider learns its end.
 */
export function currentAssignments<T extends { assignmentNumber: number; endDate: string | null }>(rows: T[], today: IsoDate, touched: number): T[] {
  return rows.filter((r) => r.endDate === null || r.endDate >= today || r.assignmentNumber === touched).sort((a, b) => a.assignmentNumber - b.assignmentNumber);
}

/**
 * WMO002/JZ002 RedenWijziging for an assignment whose end was set: the change reason access gave,
 * else the one that matches the end. An end for a reason the code list has no own code for is a
 * shortening after reassessment (05).
 */
export function redenWijzigingOf(a: Pick<AssignmentTerms, 'endDate' | 'endReason' | 'changeReason'>): string | undefined {
  if (a.changeReason) return changeReasonToIstandaard(a.changeReason);
  if (!a.endDate || !a.endReason) return undefined;
  const byEnd: Partial<Record<EndReason, ChangeReason>> = {
    [EndReason.DECEASED]: ChangeReason.CLIENT_DECEASED,
    [EndReason.MOVED_TO_OTHER_MUNICIPALITY]: ChangeReason.MOVED_TO_OTHER_MUNICIPALITY,
    [EndReason.OUTFLOW_OTHER_DOMAIN]: ChangeReason.OUTFLOW_OTHER_DOMAIN,
    [EndReason.PROVIDER_SWITCH]: ChangeReason.PROVIDER_SWITCH,
    [EndReason.CHANGE_REQUEST]: ChangeReason.INITIATED_BY_PROVIDER,
    [EndReason.ENDED_BY_PROVIDER]: ChangeReason.INITIATED_BY_PROVIDER,
  };
  return changeReasonToIstandaard(byEnd[a.endReason] ?? ChangeReason.REASSESSMENT_SHORTENING);
}

/** Amsterdam wall-clock date and time of an instant: Toewijzingsdatum and Toewijzingstijd. */
// One formatter for every call: building one costs more than formatting (a 301 history has thousands).
const AMSTERDAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export function amsterdamDateTime(at: Date): { date: IsoDate; time: string } {
  const parts = AMSTERDAM.formatToParts(at);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  return { date: `${p('year')}-${p('month')}-${p('day')}`, time: `${p('hour')}:${p('minute')}:${p('second')}` };
}

/** The read model's row as the 301 carries it. */
export function termsOf(r: AssignmentEntity, providerReference?: string): AssignmentTerms {
  return {
    assignmentNumber: r.assignmentNumber,
    category: r.category,
    productCode: r.productCode,
    volume: r.volume as AssignmentTerms['volume'],
    budgetCents: r.budgetCents,
    startDate: r.startDate,
    endDate: r.endDate,
    endReason: r.endReason as EndReason | null,
    changeReason: r.changeReason as ChangeReason | null,
    assignedAt: r.assignedAt,
    ...(providerReference ? { providerReference } : {}),
  };
}

/** One ToegewezenProduct of a 301, as the assignment stands. */
export function toegewezenProduct(a: AssignmentTerms, dagtekening: IsoDate): Record<string, unknown> {
  const at = amsterdamDateTime(a.assignedAt);
  // TR134: never after the message's Dagtekening (the business date may be fixed behind the wall clock).
  if (at.date > dagtekening) at.date = dagtekening;
  const reden = redenWijzigingOf(a);
  return {
    toewijzingNummer: a.assignmentNumber,
    ...(a.providerReference ? { referentieAanbieder: a.providerReference } : {}),
    product: { categorie: a.category, ...(a.productCode ? { code: a.productCode } : {}) },
    toewijzingsdatum: at.date,
    toewijzingstijd: at.time,
    ingangsdatum: a.startDate,
    ...(a.endDate ? { einddatum: a.endDate } : {}),
    ...(reden ? { redenWijziging: reden } : {}),
    // An aspecific assignment (a category without a product code) carries no Omvang (CS343, 9412).
    ...(a.volume && a.productCode ? { omvang: omvangFromWire({ volume: a.volume.amount, unit: a.volume.unit, frequency: a.volume.frequency, ...(a.volume.variant ? { variant: a.volume.variant } : {}) }) } : {}),
    ...(a.budgetCents !== null && !(a.volume && a.productCode) ? { budget: a.budgetCents } : {}),
  };
}

/**
 * The 301s as the cross-message rules read them (ToewijzingNummer, product, period, volume and
 * the client's BSN), from the assignments as they stand: what the last 301 of each carried, held
 * ones included. Cheaper than reading back every 301 file of a provider; `bsnOf` gives the BSN of
 * an assignment's client (the declaration names it; the read model keeps only the pseudonym).
 */
export function sentAssignments(
  standard: 'iwmo' | 'ijw',
  rows: Array<AssignmentTerms & { personPseudonym: string }>,
  bsnOf: (pseudonym: string) => string | undefined,
  dagtekening: IsoDate,
): IstandaardMessage[] {
  const byClient = new Map<string, { bsn: string; products: Record<string, unknown>[] }>();
  for (const r of rows) {
    const bsn = bsnOf(r.personPseudonym);
    if (!bsn) continue;
    const entry = byClient.get(bsn) ?? { bsn, products: [] };
    entry.products.push(toegewezenProduct(r, dagtekening));
    byClient.set(bsn, entry);
  }
  return [...byClient.values()].map(
    (c) =>
      ({
        standard,
        messageType: '301',
        header: { berichtIdentificatie: { identificatie: 'READMODEL', dagtekening } },
        client: { bsn: c.bsn, toegewezenProducten: c.products },
      }) as unknown as IstandaardMessage,
  );
}

const XSD_VERSIE = { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' };

/** The 301 (toewijzing) of a client's current assignments with one provider, sent by the paying municipality. */
export function build301(input: {
  standard: 'iwmo' | 'ijw';
  /** The paying municipality's four-digit code (Afzender). */
  sender: string;
  providerAgb: string;
  identificatie: string;
  dagtekening: IsoDate;
  identity: PersonIdentityReply;
  assignments: AssignmentTerms[];
  /** The paying municipality's postal address, for a client whose own is not known (TR006). */
  correspondence?: CorrespondenceAddress;
}): IstandaardMessage {
  const { identity } = input;
  const name = identity.name;
  const datumGebruik = identity.birthDate ? birthDatePrecisionToIstandaard(identity.birthDatePrecision ?? BirthDatePrecision.FULL) : birthDatePrecisionToIstandaard(BirthDatePrecision.UNKNOWN);
  // TR006: a Contact needs a phone number, or a house number with a postcode.
  const address = identity.address && identity.address.houseNumber !== undefined && identity.address.postcode ? identity.address : undefined;
  const fallback = input.correspondence;
  const client = {
    bsn: identity.bsn,
    // A birth date not known at all is written as 1 January 1900 with DatumGebruik 3 (COD170).
    geboortedatum: { datum: identity.birthDate ?? '1900-01-01', ...(datumGebruik ? { datumGebruik } : {}) },
    geslacht: sexToIstandaard(identity.sex),
    naam: {
      geslachtsnaam: { achternaam: name.familyName.name, ...(name.familyName.prefix ? { voorvoegsel: name.familyName.prefix } : {}) },
      ...(name.partnerName ? { partnernaam: { achternaam: name.partnerName.name, ...(name.partnerName.prefix ? { voorvoegsel: name.partnerName.prefix } : {}) } } : {}),
      ...(name.givenNames ? { voornamen: name.givenNames } : {}),
      ...(name.initials ? { voorletters: name.initials } : {}),
      naamGebruik: nameUseToIstandaard(name.nameUse ?? NameUse.OWN),
    },
    contactgegevens: [
      address
        ? {
            soort: addressKindToIstandaard(address.kind),
            adres: {
              ...(address.houseNumber !== undefined
                ? {
                    huis: {
                      huisnummer: address.houseNumber,
                      ...(address.houseLetter ? { huisletter: address.houseLetter } : {}),
                      ...(address.houseNumberAddition ? { huisnummerToevoeging: address.houseNumberAddition } : {}),
                      ...(address.designation ? { aanduidingWoonadres: addressDesignationToIstandaard(address.designation) } : {}),
                    },
                  }
                : {}),
              ...(address.postcode ? { postcode: address.postcode.replace(/\s/g, '') } : {}),
              ...(address.street ? { straatnaam: address.street } : {}),
              ...(address.city ? { plaatsnaam: address.city } : {}),
              landCode: address.countryCode ?? 'NL',
            },
          }
        : fallback
          ? {
              soort: addressKindToIstandaard(AddressKind.CORRESPONDENCE),
              adres: { huis: { huisnummer: fallback.houseNumber }, postcode: fallback.postcode, straatnaam: fallback.street, plaatsnaam: fallback.city, landCode: 'NL' },
              organisatie: fallback.organisation,
            }
          : // No address and no correspondence address configured: the kind only (the provider's stylesheet will say TR006).
            { soort: addressKindToIstandaard(AddressKind.CORRESPONDENCE) },
    ],
    toegewezenProducten: input.assignments.map((a) => toegewezenProduct(a, input.dagtekening)),
  };
  return {
    standard: input.standard,
    messageType: '301',
    header: {
      berichtCode: input.standard === 'iwmo' ? '414' : '436',
      berichtVersie: 3,
      berichtSubversie: 2,
      afzender: input.sender,
      ontvanger: input.providerAgb,
      berichtIdentificatie: { identificatie: input.identificatie, dagtekening: input.dagtekening },
      xsdVersie: XSD_VERSIE,
    },
    client,
  } as unknown as IstandaardMessage;
}

