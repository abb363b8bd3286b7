import { AddressKind, ChangeReason, EndReason, Frequency, PersonIdentityReply, RequestRejectionReason, Sex, Unit } from '@vangnet/contracts';
import { validateMessage, writeMessage } from '@vangnet/istandaarden';
import { build319 } from '../requests/requests.rules';
import { correspondenceAddresses } from '../shared/correspondence';
import { AssignmentTerms, build301, currentAssignments, redenWijzigingOf } from './assignments.rules';

const person = (o: Partial<PersonIdentityReply> = {}): PersonIdentityReply => ({
  bsn: '999900006',
  birthDate: '1967-08-13',
  sex: Sex.MALE,
  name: { familyName: { name: 'Wit', prefix: 'de' }, givenNames: 'Tim', initials: 'T' },
  address: { kind: AddressKind.BRP, street: 'Breestraat', houseNumber: 12, postcode: '2311CS', city: 'Leiden', countryCode: 'NL' },
  safetyFlag: false,
  ...o,
});

const anAssignment = (o: Partial<AssignmentTerms> = {}): AssignmentTerms => ({
  assignmentNumber: 4711,
  category: '02',
  productCode: '02A01',
  volume: { amount: 3, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
  budgetCents: null,
  startDate: '2026-10-01',
  endDate: '2027-09-30',
  endReason: null,
  changeReason: null,
  assignedAt: new Date('2026-11-20T09:30:00Z'),
  ...o,
});

const header = { standard: 'iwmo' as const, sender: '0546', providerAgb: '12345678', identificatie: 'VN0000000001', dagtekening: '2026-11-20' };

/** Every message type the exchange writes validates with zero findings at XSD and stylesheet level. */
async function findings(xml: string) {
  const r = await validateMessage(xml, { requireCrlf: true });
  return [...r.levels.xsd, ...r.levels.inMessage];
}

describe('the 301', () => {
  it('should validate with zero findings for a client with an address, an ended assignment and a request reference', async () => {
    const msg = build301({
      ...header,
      identity: person(),
      assignments: [anAssignment(), anAssignment({ assignmentNumber: 4712, productCode: '02A02', endDate: '2026-12-31', endReason: EndReason.MOVED_TO_OTHER_MUNICIPALITY, providerReference: 'REQ-1' })],
    });
    const xml = writeMessage(msg);
    expect(xml).toContain('<wmo301:RedenWijziging>07</wmo301:RedenWijziging>');
    expect(xml).toContain('<wmo301:ReferentieAanbieder>REQ-1</wmo301:ReferentieAanbieder>');
    await expect(findings(xml)).resolves.toEqual([]);
  });

  it('should send the municipality’s postal address as correspondence address for a client without one (TR006)', async () => {
    const msg = build301({ ...header, identity: person({ address: undefined, birthDate: undefined }), assignments: [anAssignment()], correspondence: correspondenceAddresses({})['GM0546'] });
    const xml = writeMessage(msg);
    expect(xml).toContain('<wmo301:Organisatie>Gemeente Leiden</wmo301:Organisatie>');
    expect(xml).toContain('<iwmo:DatumGebruik>3</iwmo:DatumGebruik>');
    await expect(findings(xml)).resolves.toEqual([]);
  });

  it('should write an iJw 301 with the youth standard’s codes', async () => {
    const msg = build301({ ...header, standard: 'ijw', identity: person(), assignments: [anAssignment({ category: '45', productCode: '45A01' })] });
    await expect(findings(writeMessage(msg))).resolves.toEqual([]);
  });

  it('should carry no Omvang on an aspecific assignment (a category without code)', () => {
    const xml = writeMessage(build301({ ...header, identity: person(), assignments: [anAssignment({ productCode: null, budgetCents: 120_000 })] }));
    expect(xml).not.toContain('Omvang');
    expect(xml).toContain('<wmo301:Budget>120000</wmo301:Budget>');
  });

  it('should never date the assignment after the message (TR134)', () => {
    const xml = writeMessage(build301({ ...header, identity: person(), assignments: [anAssignment({ assignedAt: new Date('2026-12-24T10:00:00Z') })] }));
    expect(xml).toContain('<wmo301:Toewijzingsdatum>2026-11-20</wmo301:Toewijzingsdatum>');
  });
});

describe('assignment rules', () => {
  it('should keep current assignments and the one just ended, in number order', () => {
    const rows = [
      { assignmentNumber: 3, endDate: null },
      { assignmentNumber: 1, endDate: '2026-10-31' },
      { assignmentNumber: 2, endDate: '2026-11-01' },
    ];
    expect(currentAssignments(rows, '2026-11-20', 2).map((r) => r.assignmentNumber)).toEqual([2, 3]);
  });

  it('should give the change reason access gave, else one matching the end', () => {
    expect(redenWijzigingOf({ endDate: null, endReason: null, changeReason: ChangeReason.CONTRACT_CHANGE })).toBe('03');
    expect(redenWijzigingOf({ endDate: '2026-12-31', endReason: EndReason.DECEASED, changeReason: null })).toBe('02');
    expect(redenWijzigingOf({ endDate: '2026-12-31', endReason: EndReason.DELIVERED_AS_PLANNED, changeReason: null })).toBe('05');
    expect(redenWijzigingOf({ endDate: null, endReason: null, changeReason: null })).toBeUndefined();
  });
});

describe('the 319', () => {
  it('should validate with zero findings refused (with its reason) and under investigation', async () => {
    const refused = writeMessage(build319({ ...header, providerReference: 'REQ-1', answer: '1', rejectionReason: RequestRejectionReason.NO_CONTRACT }));
    expect(refused).toContain('<wmo319:RedenAfwijzingVerzoek>3</wmo319:RedenAfwijzingVerzoek>');
    await expect(findings(refused)).resolves.toEqual([]);
    const interim = writeMessage(build319({ ...header, standard: 'ijw', providerReference: 'REQ-2', answer: '2' }));
    expect(interim).not.toContain('RedenAfwijzingVerzoek');
    await expect(findings(interim)).resolves.toEqual([]);
  });
});
