import { readFileSync } from 'fs';
import { join } from 'path';
import {
  addressDesignationFromIstandaard,
  addressDesignationToIstandaard,
  addressKindFromIstandaard,
  addressKindToIstandaard,
  birthDatePrecisionFromIstandaard,
  birthDatePrecisionToIstandaard,
  categoryFromIstandaard,
  changeRequestReasonFromIstandaard,
  changeRequestReasonToIstandaard,
  deliveryReportStatusFromIstandaard,
  deliveryReportStatusToIstandaard,
  END_REASON_CODES_OF,
  nameUseFromIstandaard,
  nameUseToIstandaard,
  referrerTypeFromIstandaard,
  referrerTypeToIstandaard,
  requestRejectionReasonFromIstandaard,
  requestRejectionReasonToIstandaard,
  sexFromIstandaard,
  sexToIstandaard,
  changeReasonFromIstandaard,
  changeReasonToIstandaard,
  ChangeReason,
  endReasonFromIstandaard,
  endReasonToIstandaard,
  EndReason,
  frequencyFromIstandaard,
  frequencyToIstandaard,
  unitFromIstandaard,
  unitToIstandaard,
  UnmappableCodeError,
} from './istandaard-mapping';
import {
  AddressDesignation,
  AddressKind,
  BirthDatePrecision,
  ChangeRequestReason,
  DeliveryReportStatus,
  NameUse,
  ReferrerType,
  RequestRejectionReason,
  Sex,
} from './message-codes';
import { Law, ProductCategory } from './product-category';
import { RETOUR_CODES } from './retour-codes';
import { FinancingVariant, Frequency, Unit } from './units';

describe('iStandaard mapping', () => {
  it('should map units both ways, PIECE by financing variant', () => {
    expect(unitToIstandaard(Unit.HOUR)).toBe('04');
    expect(unitToIstandaard(Unit.PIECE, FinancingVariant.OUTPUT)).toBe('82');
    expect(unitToIstandaard(Unit.PIECE, FinancingVariant.EFFORT)).toBe('84');
    for (const code of ['01', '04', '14', '16', '82', '83', '84']) {
      const { unit, variant } = unitFromIstandaard(code);
      expect(unitToIstandaard(unit, variant)).toBe(code);
    }
    expect(() => unitFromIstandaard('99')).toThrow(UnmappableCodeError);
  });

  it('should map frequencies both ways', () => {
    expect(frequencyToIstandaard(Frequency.PER_WEEK)).toBe('2');
    for (const f of Object.values(Frequency)) expect(frequencyFromIstandaard(frequencyToIstandaard(f))).toBe(f);
  });

  it('should map end reasons per law, and change reasons, both ways', () => {
    for (const law of [Law.WMO, Law.JEUGDWET]) {
      for (const r of Object.values(EndReason)) {
        let code: string;
        try {
          code = endReasonToIstandaard(r, law);
        } catch {
          continue; // a reason the other standard has
        }
        expect(endReasonFromIstandaard(code, law)).toBe(r);
      }
    }
    expect(endReasonToIstandaard(EndReason.DELIVERED_AS_PLANNED, Law.JEUGDWET)).toBe('31');
    expect(endReasonToIstandaard(EndReason.MOVED_TO_OTHER_MUNICIPALITY, Law.WMO)).toBe('31');
    expect(() => endReasonToIstandaard(EndReason.MOVED_TO_OTHER_MUNICIPALITY, Law.JEUGDWET)).toThrow(UnmappableCodeError);
    for (const r of Object.values(ChangeReason)) expect(changeReasonFromIstandaard(changeReasonToIstandaard(r))).toBe(r);
  });

  // The shipped schema's code lists are the authority; keep our enums in step with them.
  const schemaCodes = (datatype: string, standard: 'iwmo' | 'ijw' = 'iwmo'): string[] => {
    const csv = readFileSync(join(__dirname, 'testdata', `${standard}-basisschema-enumeraties.csv`), 'utf8');
    return csv
      .split(/\r?\n/)
      .filter((l) => l.startsWith(`${datatype},`))
      .map((l) => l.split(',')[2]);
  };

  it('should know every category, unit, frequency and retour code of the schema', () => {
    for (const c of schemaCodes('LDT_ProductCategorie')) expect(categoryFromIstandaard(c)).toBe(c as ProductCategory);
    for (const c of schemaCodes('LDT_Eenheid')) expect(() => unitFromIstandaard(c)).not.toThrow();
    for (const c of schemaCodes('LDT_Frequentie')) expect(() => frequencyFromIstandaard(c)).not.toThrow();
    for (const c of schemaCodes('LDT_RedenBeeindiging')) expect(() => endReasonFromIstandaard(c)).not.toThrow();
    for (const c of schemaCodes('LDT_RedenWijziging').filter((c) => c !== '01')) {
      expect(() => changeReasonFromIstandaard(c)).not.toThrow();
    }
    expect(Object.keys(RETOUR_CODES).sort()).toEqual(schemaCodes('LDT_RetourCode').sort());
  });

  it('should know every category, unit, frequency and end reason of the iJw schema too', () => {
    for (const c of schemaCodes('LDT_ProductCategorie', 'ijw')) expect(categoryFromIstandaard(c)).toBe(c as ProductCategory);
    for (const c of schemaCodes('LDT_Eenheid', 'ijw')) expect(() => unitFromIstandaard(c)).not.toThrow();
    for (const c of schemaCodes('LDT_Frequentie', 'ijw')) expect(() => frequencyFromIstandaard(c)).not.toThrow();
    for (const c of schemaCodes('LDT_RedenBeeindiging', 'ijw')) expect(() => endReasonFromIstandaard(c, Law.JEUGDWET)).not.toThrow();
  });

  // Each wave-2 list against both schemas: every code of the schema maps to one of our values
  // (except the ones named), and every value of ours to a code of the schema and back.
  const lists: Array<{ datatype: string; to: (v: never) => string; from: (c: string) => string; values: string[]; unused?: string[] }> = [
    { datatype: 'LDT_Geslacht', to: sexToIstandaard as never, from: sexFromIstandaard, values: Object.values(Sex) },
    { datatype: 'LDT_NaamGebruik', to: nameUseToIstandaard as never, from: nameUseFromIstandaard, values: Object.values(NameUse), unused: ['6'] },
    { datatype: 'LDT_AdresSoort', to: addressKindToIstandaard as never, from: addressKindFromIstandaard, values: Object.values(AddressKind) },
    { datatype: 'LDT_AanduidingWoonadres', to: addressDesignationToIstandaard as never, from: addressDesignationFromIstandaard, values: Object.values(AddressDesignation) },
    { datatype: 'LDT_TypeVerwijzer', to: referrerTypeToIstandaard as never, from: referrerTypeFromIstandaard, values: Object.values(ReferrerType) },
    { datatype: 'LDT_RedenVerzoek', to: changeRequestReasonToIstandaard as never, from: changeRequestReasonFromIstandaard, values: Object.values(ChangeRequestReason) },
    { datatype: 'LDT_RedenAfwijzingVerzoek', to: requestRejectionReasonToIstandaard as never, from: requestRejectionReasonFromIstandaard, values: Object.values(RequestRejectionReason) },
    { datatype: 'LDT_StatusAanlevering', to: deliveryReportStatusToIstandaard as never, from: deliveryReportStatusFromIstandaard, values: Object.values(DeliveryReportStatus), unused: ['9'] },
  ];

  it.each(lists.flatMap((l) => (['iwmo', 'ijw'] as const).map((standard) => ({ ...l, standard }))))(
    'should map $datatype both ways, in step with the $standard schema',
    ({ datatype, to, from, values, unused = [], standard }) => {
      const codes = schemaCodes(datatype, standard);
      expect(codes.length).toBeGreaterThan(0);
      for (const c of codes.filter((c) => !unused.includes(c))) expect(to(from(c) as never)).toBe(c);
      for (const v of values) expect(codes).toContain(to(v as never));
      for (const c of unused) expect(() => from(c)).toThrow(UnmappableCodeError);
    },
  );

  it('should map birth date precision, a full date without a code', () => {
    expect(birthDatePrecisionToIstandaard(BirthDatePrecision.FULL)).toBeUndefined();
    expect(birthDatePrecisionFromIstandaard(undefined)).toBe(BirthDatePrecision.FULL);
    for (const c of schemaCodes('LDT_DatumGebruik')) expect(birthDatePrecisionToIstandaard(birthDatePrecisionFromIstandaard(c))).toBe(c);
    expect(() => birthDatePrecisionFromIstandaard('4')).toThrow(UnmappableCodeError);
  });

  it('should list every end-reason code of each law', () => {
    expect([...END_REASON_CODES_OF[Law.WMO]].sort()).toEqual(schemaCodes('LDT_RedenBeeindiging').sort());
    expect([...END_REASON_CODES_OF[Law.JEUGDWET]].sort()).toEqual(schemaCodes('LDT_RedenBeeindiging', 'ijw').sort());
  });
});
