import { EXAMPLES, readExample } from '../testdata/examples';
import { IstandaardErrorCode } from '../files/istandaard.errors';
import { validateMessage } from './validate-message';

describe(validateMessage.name, () => {
  it.each(EXAMPLES.map((e) => [e.name, e]))('should give %s the result SOURCES.md documents', async (_name, example) => {
    const sut = await validateMessage(readExample(example.name));
    expect(sut.levels.xsd.length === 0).toBe(example.xsdValid);
    expect(sut.levels.inMessage.map((f) => f.code)).toEqual(example.stylesheet);
    if (example.xsdValid && example.stylesheet.length === 0) {
      expect(sut.valid).toBe(true);
      expect(sut.levels).toEqual({ xsd: [], inMessage: [], crossMessage: [], external: [] });
      expect(Object.keys(sut.timings)).toEqual(['read', 'xsd', 'inMessage', 'typed', 'crossMessage', 'external']);
    } else expect(sut.valid).toBe(false);
  });

  it('should name the invalid date and its element when JW315 fails the XSD', async () => {
    const sut = await validateMessage(readExample('ijw-3.2/JW315.xml'));
    expect(sut.levels.xsd.map((f) => [f.code, f.retourCode, f.path])).toEqual([
      ['XSD', '0001', '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingEinddatum'],
      ['XSD', '0001', '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]/ToewijzingEinddatum'],
    ]);
    expect(sut.levels.xsd[0].message).toContain('2027-06-31');
    expect(sut.message).toBeUndefined();
    expect(sut.header).toBeDefined();
  });

  it('should reject JW318 for RetourCode where RetourCodes is expected', async () => {
    const sut = await validateMessage(readExample('ijw-3.2/JW318.xml'));
    expect(sut.levels.xsd[0].path).toMatch(/RetourCode$/);
  });

  it('should run the service’s external checks as level 4 with their own codes', async () => {
    const sut = await validateMessage(readExample('iwmo-3.2/WMO323.xml'), {
      externalChecks: [() => [{ code: 'TR418', retourCode: '0611', path: '/Bericht/Declaratie', message: 'tarief wijkt af' }]],
    });
    expect(sut.levels.external).toEqual([{ level: 'external', code: 'TR418', retourCode: '0611', path: '/Bericht/Declaratie', message: 'tarief wijkt af' }]);
    expect(sut.valid).toBe(false);
  });

  it.each([
    ['FILE_HAS_BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readExample('iwmo-3.2/WMO301.xml')])],
    ['FILE_TOO_LARGE', Buffer.alloc(30 * 1024 * 1024, 0x20)],
    ['MALFORMED_XML', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>')],
    ['UNKNOWN_NAMESPACE', Buffer.from('<Bericht xmlns="urn:x"/>')],
    ['UNKNOWN_MESSAGE_TYPE', Buffer.from('<m:Bericht xmlns:m="http://www.istandaarden.nl/ijw/3_2/jw399/schema"/>')],
  ])('should reject with %s, not crash, for a bad file', async (code, input) => {
    await expect(validateMessage(input)).rejects.toMatchObject({ code: IstandaardErrorCode[code as keyof typeof IstandaardErrorCode] });
  });

  it('should give findings, not a stack overflow, for a message with 2,000 nested elements', async () => {
    const xml = readExample('iwmo-3.2/WMO323.xml').toString('utf8');
    const deep = xml.replace('</wmo323:Bericht>', `<wmo323:X>${'<x>'.repeat(2000)}${'</x>'.repeat(2000)}</wmo323:X></wmo323:Bericht>`);
    const sut = await validateMessage(deep);
    expect(sut.valid).toBe(false);
    expect(sut.levels.xsd.length).toBeGreaterThan(0);
    expect(sut.levels.inMessage).toEqual([
      expect.objectContaining({ level: 'inMessage', code: 'NESTING', retourCode: '0001', path: '/Bericht/X' }),
    ]);
  });
});
