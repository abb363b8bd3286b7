import { readExample } from '../testdata/examples';
import { parseMessage, ParsedMessage } from '../message/parse-message';
import { writeMessage } from '../message/write-message';
import { runRuleStylesheet } from '../validation/rule-stylesheet';
import { parseXml } from '../xml/xml-document';
import {
  checkAmounts,
  checkCreditRefersToApprovedDebit,
  checkDeclarationPeriod,
  checkNoDuplicateLines,
  checkNoOverlappingAssignments,
  checkProductPeriods,
  checkVolumeCumulative,
  checkVolumePerLine,
  MessageHistory,
  runCrossMessageRules,
} from './cross-message.rules';

type M<T extends ParsedMessage['messageType']> = Extract<ParsedMessage, { messageType: T; standard: 'iwmo' }>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const wmo301 = () => parseMessage(readExample('iwmo-3.2/WMO301.xml')) as M<'301'>;
const wmo323 = () => parseMessage(readExample('iwmo-3.2/WMO323.xml')) as M<'323'>;
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

/** A 301 assigning product 01A03 to 999900006 under ToewijzingNummer 20072: 4 hours per week through 2023. */
function assignment(overrides: Partial<M<'301'>['client']['toegewezenProducten'][number]> = {}): M<'301'> {
  const m = wmo301();
  m.client.toegewezenProducten = [
    {
      toewijzingNummer: 20072,
      product: { categorie: '01', code: '01A03' },
      toewijzingsdatum: '2022-12-20',
      toewijzingstijd: '10:00:00',
      ingangsdatum: '2023-01-01',
      einddatum: '2023-12-31',
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
      ...overrides,
    },
  ];
  return m;
}

/** A 323 with one debit line on 20072 for April 2023. */
function declaration(line: Partial<M<'323'>['declaratie']['clienten'][number]['prestaties'][number]> = {}, id = '765432198'): M<'323'> {
  const m = wmo323();
  const p = { ...m.declaratie.clienten[0].prestaties[0], ...line };
  m.header.berichtIdentificatie.identificatie = id;
  m.declaratie.clienten = [{ bsn: '999900006', prestaties: [p] }];
  m.declaratie.totaalIngediendBedrag = { totaalBedrag: p.ingediendBedrag.bedrag, debetCredit: p.ingediendBedrag.debetCredit };
  return m;
}

describe('cross-message rules', () => {
  describe(checkNoDuplicateLines.name, () => {
    it('should pass when every key is unique', () => {
      expect(checkNoDuplicateLines(parseMessage(readExample('iwmo-3.2/WMO323.xml')))).toEqual([]);
      expect(checkNoDuplicateLines(parseMessage(readExample('ijw-3.2/JW302.xml')))).toEqual([]);
    });

    it('should report TR101 with both lines, as the stylesheet does, when JW323 repeats a Prestatie', () => {
      const input = readExample('ijw-3.2/JW323.xml');
      const sut = checkNoDuplicateLines(parseMessage(input));
      const stylesheet = runRuleStylesheet('ijw', parseXml(input.toString('utf8')));
      expect(sut.map((f) => [f.code, f.retourCode, f.paths])).toEqual(stylesheet.map((f) => [f.code, f.retourCode, f.paths]));
    });

    it('should find the repeated ReferentieAanbieder in the JW316 example, which no stylesheet checks', () => {
      const sut = checkNoDuplicateLines(parseMessage(readExample('ijw-3.2/JW316.xml')));
      expect(sut.map((f) => [f.code, f.retourCode, f.paths])).toEqual([
        ['TR101', '0001', ['/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]', '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]']],
      ]);
    });
  });

  describe(checkNoOverlappingAssignments.name, () => {
    const twoProducts = (a: object, b: object) => {
      const m = assignment();
      const base = m.client.toegewezenProducten[0];
      m.client.toegewezenProducten = [
        { ...base, ...a },
        { ...base, toewijzingNummer: 20073, ...b },
      ];
      return m;
    };
    const cases: [string, object, object, string[]][] = [
      ['the same product overlaps', {}, {}, ['TR302']],
      ['the same product follows on', { einddatum: '2023-06-30' }, { ingangsdatum: '2023-07-01' }, []],
      ['another product of the category overlaps', {}, { product: { categorie: '01', code: '01A04' } }, []],
      ['one has no code and the category matches', {}, { product: { categorie: '01' } }, ['TR302']],
      ['a deleted assignment overlaps', {}, { einddatum: '2023-01-01', redenWijziging: '13' }, []],
      ['aids (category 12) overlap', { product: { categorie: '12', code: '12A01' } }, { product: { categorie: '12', code: '12A01' } }, []],
    ];

    it.each(cases)('should agree with the stylesheet when %s', (_name, a, b, expected) => {
      const msg = twoProducts(a, b);
      const sut = checkNoOverlappingAssignments(msg);
      expect(codes(sut)).toEqual(expected);
      const stylesheet = runRuleStylesheet('iwmo', parseXml(writeMessage(msg))).filter((f) => f.code === 'TR302');
      expect(codes(stylesheet)).toEqual(expected);
    });
  });

  describe(checkDeclarationPeriod.name, () => {
    const earlier: MessageHistory = { messages: [declaration({}, 'E1')] };

    it('should pass for the calendar month after the previous declaration period', () => {
      const m = declaration({}, 'N1');
      m.declaratie.declaratiePeriode = { begindatum: '2023-05-01', einddatum: '2023-05-31' };
      expect(checkDeclarationPeriod(m, earlier)).toEqual([]);
    });

    it('should fail TR318 with 8214 when the period is not a calendar month', () => {
      const m = declaration({}, 'N1');
      m.declaratie.declaratiePeriode = { begindatum: '2023-05-02', einddatum: '2023-05-31' };
      expect(checkDeclarationPeriod(m, { messages: [] }).map((f) => [f.code, f.retourCode])).toEqual([['TR318', '8214']]);
    });

    it('should fail TR318 when the period repeats or precedes the previous one', () => {
      expect(codes(checkDeclarationPeriod(declaration({}, 'N1'), earlier))).toEqual(['TR318']);
    });
  });

  describe(checkProductPeriods.name, () => {
    it('should pass when the product period lies in the current or an earlier month', () => {
      expect(checkProductPeriods(declaration({ productPeriode: { begindatum: '2023-03-01', einddatum: '2023-03-31' } }))).toEqual([]);
    });

    it.each([
      ['a later month', { begindatum: '2023-05-01', einddatum: '2023-05-31' }],
      ['two months', { begindatum: '2023-03-15', einddatum: '2023-04-15' }],
    ])('should fail TR319 with 9319 when the product period spans %s', (_n, productPeriode) => {
      expect(checkProductPeriods(declaration({ productPeriode })).map((f) => [f.code, f.retourCode])).toEqual([['TR319', '9319']]);
    });
  });

  describe(checkVolumePerLine.name, () => {
    const history: MessageHistory = { messages: [assignment({ product: { categorie: '02', code: '02A01' } })] };

    it('should pass when April’s hours fit 4 hours a week', () => {
      expect(checkVolumePerLine(declaration({ geleverdVolume: 17 }), history)).toEqual([]);
    });

    it('should fail TR321 with 9321 when a line exceeds the weekly volume over its period', () => {
      // 30 days × 4 h / 7 = 17.1 h
      expect(checkVolumePerLine(declaration({ geleverdVolume: 18 }), history).map((f) => [f.code, f.retourCode])).toEqual([['TR321', '9321']]);
    });

    it('should compare minutes with an hour volume in minutes', () => {
      expect(checkVolumePerLine(declaration({ geleverdVolume: 1020, eenheid: '01' }), history)).toEqual([]);
      expect(codes(checkVolumePerLine(declaration({ geleverdVolume: 1040, eenheid: '01' }), history))).toEqual(['TR321']);
    });

    it('should allow household help per week up to 6× the volume in a month (IV077)', () => {
      const help: MessageHistory = { messages: [assignment()] };
      expect(checkVolumePerLine(declaration({ geleverdVolume: 24 }), help)).toEqual([]);
      expect(codes(checkVolumePerLine(declaration({ geleverdVolume: 25 }), help))).toEqual(['TR321']);
    });
  });

  describe(checkVolumeCumulative.name, () => {
    // 10 hours in total for the assignment.
    const total = assignment({ omvang: { volume: 10, eenheid: '04', frequentie: '6' } });
    const march = declaration({ productReferentie: { referentieNummer: 'RN-M' }, geleverdVolume: 6, productPeriode: { begindatum: '2023-03-01', einddatum: '2023-03-31' } }, 'E1');

    it('should pass while the sum stays within the assigned total', () => {
      expect(checkVolumeCumulative(declaration({ geleverdVolume: 4 }), { messages: [total, march] })).toEqual([]);
    });

    it('should fail TR322 with 9322 when earlier lines and this one exceed it together', () => {
      const sut = checkVolumeCumulative(declaration({ geleverdVolume: 5 }), { messages: [total, march] });
      expect(sut.map((f) => [f.code, f.retourCode])).toEqual([['TR322', '9322']]);
    });

    it('should not count an earlier line that was rejected or credited', () => {
      const rejected = answer(march, ['RN-M']);
      expect(checkVolumeCumulative(declaration({ geleverdVolume: 5 }), { messages: [total, march, rejected] })).toEqual([]);
    });
  });

  describe(checkCreditRefersToApprovedDebit.name, () => {
    const debit = declaration({ productReferentie: { referentieNummer: 'RN001' } }, 'D1');
    const credit = () =>
      declaration({ productReferentie: { referentieNummer: 'RN009', vorigReferentieNummer: 'RN001' }, ingediendBedrag: { bedrag: 5000, debetCredit: 'C' } }, 'C1');

    it('should pass when the credit refers to an approved debit line', () => {
      expect(checkCreditRefersToApprovedDebit(credit(), { messages: [debit, answer(debit, [])] })).toEqual([]);
    });

    it.each([
      ['no debit is known', [] as ParsedMessage[]],
      ['the debit has no answer yet', [debit]],
      ['the debit was rejected', [debit, answer(debit, ['RN001'])]],
    ])('should fail TR323 with 8017 when %s', (_n, messages) => {
      expect(checkCreditRefersToApprovedDebit(credit(), { messages }).map((f) => [f.code, f.retourCode])).toEqual([['TR323', '8017']]);
    });

    it('should fail TR323 when the credit’s period differs from the debit’s', () => {
      const c = credit();
      c.declaratie.clienten[0].prestaties[0].productPeriode = { begindatum: '2023-03-01', einddatum: '2023-03-31' };
      expect(codes(checkCreditRefersToApprovedDebit(c, { messages: [debit, answer(debit, [])] }))).toEqual(['TR323']);
    });
  });

  describe(checkAmounts.name, () => {
    it('should pass when the amount is volume × tariff', () => {
      expect(checkAmounts(declaration({ geleverdVolume: 4, productTarief: 1250, ingediendBedrag: { bedrag: 5000, debetCredit: 'D' } }))).toEqual([]);
    });

    it('should fail TR346 with 9346 when it is not', () => {
      const sut = checkAmounts(declaration({ geleverdVolume: 4, productTarief: 1250, ingediendBedrag: { bedrag: 5001, debetCredit: 'D' } }));
      expect(sut.map((f) => [f.code, f.retourCode])).toEqual([['TR346', '9346']]);
    });

    it('should price minutes against an hour tariff as tariff × minutes ÷ 60, rounded half up', () => {
      const line = (minutes: number, bedrag: number) =>
        declaration({ geleverdVolume: minutes, eenheid: '01', productTarief: 1999, ingediendBedrag: { bedrag, debetCredit: 'D' } });
      const hourly = { minutesAgainstHourTariff: () => true };
      expect(checkAmounts(line(30, 1000), hourly)).toEqual([]); // 999.5 → 1000
      expect(checkAmounts(line(45, 1499), hourly)).toEqual([]); // 1499.25 → 1499
      expect(codes(checkAmounts(line(30, 999), hourly))).toEqual(['TR346']);
    });

    it('should not check amounts in euros (unit 83)', () => {
      expect(checkAmounts(declaration({ eenheid: '83', ingediendBedrag: { bedrag: 1, debetCredit: 'D' } }))).toEqual([]);
    });
  });

  describe(runCrossMessageRules.name, () => {
    it('should skip the rules that need earlier messages when no history is given', () => {
      const c = declaration({ productReferentie: { referentieNummer: 'X', vorigReferentieNummer: 'Y' }, ingediendBedrag: { bedrag: 5000, debetCredit: 'C' } });
      expect(runCrossMessageRules(c)).toEqual([]);
      expect(codes(runCrossMessageRules(c, { messages: [] }))).toEqual(['TR323']);
    });
  });
});

/** A 325 answering `declaration`, rejecting the lines with these ReferentieNummers. */
function answer(declaration: M<'323'>, rejected: string[]): ParsedMessage {
  const lines = declaration.declaratie.clienten.flatMap((c) =>
    c.prestaties.filter((p) => rejected.includes(p.productReferentie.referentieNummer)).map((p) => ({ bsn: c.bsn, p })),
  );
  return {
    standard: 'iwmo',
    messageType: '325',
    header: {
      berichtCode: '485',
      berichtVersie: 3,
      berichtSubversie: 2,
      afzender: declaration.header.ontvanger,
      ontvanger: declaration.header.afzender,
      berichtIdentificatie: { identificatie: 'A1', dagtekening: '2023-05-10' },
      xsdVersie: { basisschemaXsdVersie: '1.0.0', berichtXsdVersie: '1.0.0' },
      declaratieIdentificatie: clone(declaration.header.berichtIdentificatie),
      xsdVersieDeclaratie: clone(declaration.header.xsdVersie),
      retourCodes: ['0200'],
    },
    declaratieAntwoord: {
      declaratieNummer: declaration.declaratie.declaratieNummer,
      totaalIngediendBedrag: declaration.declaratie.totaalIngediendBedrag,
      totaalToegekendBedrag: { totaalBedrag: 0, debetCredit: 'D' },
      ...(lines.length ? { clienten: lines.map(({ bsn, p }) => ({ bsn, prestaties: [{ ...p, productCode: p.productCode ?? '', retourCodes: ['9321' as const] }], retourCodes: ['0200' as const] })) } : {}),
      retourCodes: ['0200'],
    },
  };
}
