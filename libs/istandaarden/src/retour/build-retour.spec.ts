import { addDays } from '@vangnet/contracts';
import { readExample } from '../testdata/examples';
import { MESSAGE_TYPES } from '../message/message-registry';
import { parseMessage, ParsedMessage } from '../message/parse-message';
import { writeMessage } from '../message/write-message';
import type { Standard } from '../schema/schema-model';
import { validateMessage, ValidationReport } from '../validation/validate-message';
import { buildRetour } from './build-retour';

const OPTIONS = { identificatie: 'R0001', dagtekening: '2023-08-14' };

// A valid heenbericht of every type for both standards: the examples, with the three known-bad
// ones repaired the way their finding says.
function heen(standard: Standard, type: string): ParsedMessage {
  const dir = standard === 'iwmo' ? 'iwmo-3.2/WMO' : 'ijw-3.2/JW';
  if (standard === 'ijw' && type === '315') return parseMessage(readExample('ijw-3.2/variants/JW315_2023-dates.xml'));
  const m = parseMessage(readExample(`${dir}${type}.xml`));
  if (m.messageType === '317') {
    // WMO317 fails TR380 (start not after Dagtekening), JW317 fails CS003 (end before start).
    const dagtekening = m.header.berichtIdentificatie.dagtekening;
    for (const p of m.client.verzoek.nieuweProducten ?? []) {
      p.gewensteIngangsdatum = addDays(dagtekening, 30);
      if (p.einddatum !== undefined) p.einddatum = addDays(dagtekening, 365);
    }
  }
  if (m.messageType === '323' && m.standard === 'ijw') {
    m.declaratie.clienten[1].prestaties.splice(2, 1); // JW323 repeats a line (TR101)
    let sum = 0;
    for (const c of m.declaratie.clienten) for (const p of c.prestaties) sum += p.ingediendBedrag.bedrag;
    m.declaratie.totaalIngediendBedrag.totaalBedrag = sum;
  }
  return m;
}

const HEEN = ['301', '305', '307', '315', '317', '319', '323'];

async function accepted(m: ParsedMessage): Promise<ValidationReport> {
  const report = await validateMessage(writeMessage(m));
  expect({ xsd: report.levels.xsd, inMessage: report.levels.inMessage }).toEqual({ xsd: [], inMessage: [] });
  return report;
}

describe(buildRetour.name, () => {
  const cases = (['iwmo', 'ijw'] as const).flatMap((s) => HEEN.map((t) => [s, t] as const));

  it.each(cases)('should write a %s %s and its retour that pass the XSD and the stylesheet', async (standard, type) => {
    const report = await accepted(heen(standard, type));
    const sut = buildRetour(report, OPTIONS);
    const retourReport = await accepted(sut);
    expect(retourReport.message).toEqual(sut);
  });

  it('should cover all 14 message types of each standard', () => {
    const retours = ['302', '306', '308', '316', '318', '320', '325'];
    expect([...HEEN, ...retours].sort()).toEqual([...MESSAGE_TYPES].sort());
  });

  it('should answer an accepted 301 with 0200 and no client (OP065)', async () => {
    const sut = buildRetour(await validateMessage(readExample('iwmo-3.2/WMO301.xml')), OPTIONS);
    expect(sut.messageType).toBe('302');
    if (sut.messageType !== '302') throw new Error('not a 302');
    expect(sut.header.retourCodes).toEqual(['0200']);
    expect(sut.header.identificatieRetour).toBe('R0001');
    expect(sut.client).toBeUndefined();
  });

  it('should put 0001 on the rejected class when an in-message rule fails (WMO317, TR380)', async () => {
    const report = await validateMessage(readExample('iwmo-3.2/WMO317.xml'));
    const sut = buildRetour(report, OPTIONS);
    if (sut.messageType !== '318') throw new Error('not a 318');
    expect(sut.header.retourCodes).toEqual(['0001']); // TR380 names the Dagtekening in the Header too
    expect(sut.client?.verzoek.nieuweProducten?.[0].retourCodes).toEqual(['0001']);
    expect(sut.client?.retourCodes).toEqual(['0200']);
    await accepted(sut);
  });

  it('should reject the whole message with 0001 in the header when the XSD fails (JW315)', async () => {
    const sut = buildRetour(await validateMessage(readExample('ijw-3.2/JW315.xml')), OPTIONS);
    if (sut.messageType !== '316') throw new Error('not a 316');
    expect(sut.header.retourCodes).toEqual(['0001']);
    expect(sut.client).toBeUndefined();
    await accepted(sut);
  });

  it('should list only the rejected lines in a 325, with the totals that explain them (TR342)', async () => {
    const report = await validateMessage(readExample('ijw-3.2/JW323.xml'));
    const sut = buildRetour(report, { identificatie: 'A0001', dagtekening: addDays(report.message!.header.berichtIdentificatie.dagtekening, 3) });
    if (sut.messageType !== '325' || sut.standard !== 'ijw') throw new Error('not a 325');
    const answer = sut.declaratieAntwoord!;
    // The original line stands; its repeat is refused.
    const lines = answer.clienten!.flatMap((c) => c.prestaties);
    expect(lines.map((p) => [p.productReferentie.referentieNummer, p.retourCodes])).toEqual([['RN004', ['0001']]]);
    let rejected = 0;
    for (const p of lines) rejected += p.ingediendBedrag.bedrag;
    expect(answer.totaalToegekendBedrag.totaalBedrag).toBe(answer.totaalIngediendBedrag.totaalBedrag - rejected);
    expect(sut.header.declaratieIdentificatie).toEqual(report.message!.header.berichtIdentificatie);
    await accepted(sut);
  });

  it('should carry the cross-message rule’s own code (9346) on a line whose amount is wrong', async () => {
    const m = heen('iwmo', '323');
    if (m.messageType !== '323') throw new Error('not a 323');
    m.declaratie.clienten[0].prestaties[0].ingediendBedrag.bedrag = 5001;
    m.declaratie.totaalIngediendBedrag.totaalBedrag += 1;
    const sut = buildRetour(await validateMessage(writeMessage(m)), OPTIONS);
    if (sut.messageType !== '325') throw new Error('not a 325');
    expect(sut.declaratieAntwoord!.clienten!.map((c) => c.prestaties.map((p) => p.retourCodes))).toEqual([[['9346']]]);
    expect(sut.declaratieAntwoord!.totaalToegekendBedrag).toEqual({ totaalBedrag: 58001 - 5001, debetCredit: 'D' });
  });

  it('should reject only the line when its finding also names the declaration period (TR319, TR342)', async () => {
    const m = heen('iwmo', '323');
    if (m.messageType !== '323' || m.standard !== 'iwmo') throw new Error('not a 323');
    let lines = 0;
    for (const c of m.declaratie.clienten) lines += c.prestaties.length;
    expect(lines).toBeGreaterThan(1);
    const bad = m.declaratie.clienten[0].prestaties[0];
    // Delivered in the month after the declaration period: TR319 names the line and DeclaratiePeriode/Einddatum.
    bad.productPeriode = { begindatum: addDays(m.declaratie.declaratiePeriode.einddatum, 1), einddatum: addDays(m.declaratie.declaratiePeriode.einddatum, 2) };
    const report = await validateMessage(writeMessage(m));
    const tr319 = report.levels.inMessage.find((f) => f.code === 'TR319');
    expect(tr319?.paths?.some((p) => p.startsWith('/Bericht/Declaratie/DeclaratiePeriode'))).toBe(true);
    const sut = buildRetour(report, OPTIONS);
    if (sut.messageType !== '325' || sut.standard !== 'iwmo') throw new Error('not a 325');
    const answer = sut.declaratieAntwoord!;
    expect(answer.retourCodes).toEqual(['0200']);
    expect(sut.header.retourCodes).toEqual(['0200']);
    const rejected = answer.clienten!.flatMap((c) => c.prestaties);
    expect(rejected.map((p) => [p.productReferentie.referentieNummer, p.retourCodes])).toEqual([[bad.productReferentie.referentieNummer, ['9319']]]);
    expect(answer.totaalToegekendBedrag.totaalBedrag).toBe(answer.totaalIngediendBedrag.totaalBedrag - bad.ingediendBedrag.bedrag);
    await accepted(sut);
  });

  it('should still reject the whole declaration when its total is wrong (TR358 names the total and every line)', async () => {
    const m = heen('iwmo', '323');
    if (m.messageType !== '323') throw new Error('not a 323');
    m.declaratie.totaalIngediendBedrag.totaalBedrag += 1;
    const sut = buildRetour(await validateMessage(writeMessage(m)), OPTIONS);
    if (sut.messageType !== '325') throw new Error('not a 325');
    expect(sut.declaratieAntwoord!.retourCodes).toEqual(['0001']);
    expect(sut.declaratieAntwoord!.totaalToegekendBedrag.totaalBedrag).toBe(0);
  });
});
