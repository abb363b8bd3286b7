import { EXAMPLES, readExample } from '../testdata/examples';
import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import { childElements, parseXml, XmlElement } from '../xml/xml-document';
import { parseMessage } from './parse-message';
import { writeMessage } from './write-message';

// Element names, namespaces and non-whitespace text, in order: what "equivalent XML" means here.
function canonical(el: XmlElement): unknown {
  const kids = childElements(el);
  const text = el.children.filter((c) => c.kind === 'text').map((c) => (c as { value: string }).value).join('');
  return { n: `{${el.uri}}${el.local}`, t: kids.length ? undefined : text.trim(), c: kids.map(canonical) };
}

describe('parseMessage / writeMessage', () => {
  const valid = EXAMPLES.filter((e) => e.xsdValid);

  it.each(valid.map((e) => [e.name]))('should round-trip %s to equal objects and equivalent XML', (name) => {
    const input = readExample(name);
    const sut = parseMessage(input);
    const written = writeMessage(sut);
    expect(parseMessage(written)).toEqual(sut);
    expect(canonical(parseXml(written).root)).toEqual(canonical(parseXml(input.toString('utf8')).root));
  });

  it('should type amounts and volumes as integers and keep codes as strings when reading a 323', () => {
    const sut = parseMessage(readExample('iwmo-3.2/WMO323.xml'));
    if (sut.messageType !== '323' || sut.standard !== 'iwmo') throw new Error('wrong type');
    const line = sut.declaratie.clienten[0].prestaties[0];
    expect(line.ingediendBedrag).toEqual({ bedrag: 5000, debetCredit: 'D' });
    expect(line.geleverdVolume).toBe(4);
    expect(line.eenheid).toBe('04');
    expect(line.productPeriode).toEqual({ begindatum: '2023-04-01', einddatum: '2023-04-30' });
  });

  it('should write CRLF line ends, no BOM and the message prefixes', () => {
    const sut = writeMessage(parseMessage(readExample('iwmo-3.2/WMO315.xml')));
    expect(sut.charCodeAt(0)).not.toBe(0xfeff);
    expect(sut.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(sut).toContain('<wmo315:Bericht xmlns:wmo315="http://www.istandaarden.nl/iwmo/3_2/wmo315/schema" xmlns:iwmo=');
  });

  it('should refuse to write an object that misses a required element', () => {
    const msg = parseMessage(readExample('iwmo-3.2/WMO323.xml'));
    const broken = { ...msg, header: undefined } as unknown as typeof msg;
    expect(() => writeMessage(broken)).toThrow(expect.objectContaining({ code: IstandaardErrorCode.INVALID_MESSAGE_OBJECT }));
  });

  it.each([
    ['MALFORMED_XML', '<a><b></a>'],
    ['UNKNOWN_NAMESPACE', '<Bericht xmlns="urn:other"/>'],
    ['UNKNOWN_NAMESPACE', '<x:Bericht xmlns:x="http://www.istandaarden.nl/iwmo/3_1/wmo301/schema"/>'],
    ['UNKNOWN_MESSAGE_TYPE', '<x:Bericht xmlns:x="http://www.istandaarden.nl/iwmo/3_2/wmo399/schema"/>'],
    ['UNKNOWN_MESSAGE_TYPE', '<x:Header xmlns:x="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"/>'],
    ['FILE_HAS_BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readExample('iwmo-3.2/WMO301.xml')])],
    ['NOT_UTF8', Buffer.from([0x3c, 0x61, 0xff, 0x3e])],
  ])('should throw %s for a bad file', (code, input) => {
    expect(() => parseMessage(input)).toThrow(expect.objectContaining({ code, name: 'IstandaardError' }));
  });

  it('should refuse a file over 25 MB before reading it', () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    let error: unknown;
    try {
      parseMessage(big);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IstandaardError);
    expect((error as IstandaardError).code).toBe(IstandaardErrorCode.FILE_TOO_LARGE);
    expect((error as IstandaardError).rule).toMatch(/^OP179/);
  });

  it('should refuse LF line ends only when asked to check for sending', () => {
    const lf = readExample('iwmo-3.2/WMO315.xml');
    expect(() => parseMessage(lf)).not.toThrow();
    expect(() => parseMessage(lf, { requireCrlf: true })).toThrow(expect.objectContaining({ code: IstandaardErrorCode.NOT_CRLF }));
  });

  describe('writing an object the XSD would refuse', () => {
    const declaration = () => {
      const m = parseMessage(readExample('iwmo-3.2/WMO323.xml'));
      if (m.messageType !== '323' || m.standard !== 'iwmo') throw new Error('not a 323');
      return m;
    };
    const refusal = (write: () => unknown): IstandaardError => {
      try {
        write();
      } catch (e) {
        return e as IstandaardError;
      }
      throw new Error('writeMessage accepted it');
    };

    it('should refuse a code outside its code list and name the field', () => {
      const m = declaration();
      (m.declaratie.clienten[0].prestaties[0] as { eenheid: string }).eenheid = '99';
      const sut = refusal(() => writeMessage(m));
      expect(sut.code).toBe(IstandaardErrorCode.INVALID_MESSAGE_OBJECT);
      expect(sut.message).toContain('/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]/Eenheid');
      expect(sut.message).toContain('"99"');
      expect(sut.field).toBe('declaratie.clienten[0].prestaties[0].eenheid');
    });

    it('should refuse a date that does not exist and name the field', () => {
      const m = declaration();
      m.declaratie.declaratiePeriode.einddatum = '2023-02-30';
      const sut = refusal(() => writeMessage(m));
      expect(sut.code).toBe(IstandaardErrorCode.INVALID_MESSAGE_OBJECT);
      expect(sut.message).toContain('/Bericht/Declaratie/DeclaratiePeriode/Einddatum');
      expect(sut.message).toContain('2023-02-30');
    });

    it.each([
      ['a control character', 'R\u0001X'],
      ['a lone surrogate', 'R\uD800X'],
      ['U+FFFF', 'R\uFFFFX'],
    ])('should refuse %s in a text and name the field', (_name, value) => {
      const m = declaration();
      m.declaratie.clienten[0].prestaties[0].productReferentie.referentieNummer = value;
      const sut = refusal(() => writeMessage(m));
      expect(sut.code).toBe(IstandaardErrorCode.INVALID_MESSAGE_OBJECT);
      expect(sut.message).toContain('/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]/ProductReferentie/ReferentieNummer');
    });

    it.each([
      ['a BSN of eight digits', (m: ReturnType<typeof declaration>) => (m.declaratie.clienten[0].bsn = '12345678'), 'Bsn'],
      ['an amount above its maximum', (m: ReturnType<typeof declaration>) => (m.declaratie.clienten[0].prestaties[0].ingediendBedrag.bedrag = 100_000_000), 'Bedrag'],
      ['a DeclaratieNummer with a space', (m: ReturnType<typeof declaration>) => (m.declaratie.declaratieNummer = 'DN 1'), 'DeclaratieNummer'],
      ['an AGB code of letters', (m: ReturnType<typeof declaration>) => (m.header.afzender = 'ABCDEFGH'), 'Afzender'],
    ])('should refuse %s', (_name, breakIt, element) => {
      const m = declaration();
      breakIt(m);
      const sut = refusal(() => writeMessage(m));
      expect(sut.code).toBe(IstandaardErrorCode.INVALID_MESSAGE_OBJECT);
      expect(sut.message).toMatch(new RegExp(`/${element}\\b`));
    });

    it('should write a multi-line comment with CR/LF only, so the file passes its own sending check and reads back', () => {
      const m = parseMessage(readExample('iwmo-3.2/WMO315.xml'));
      if (m.messageType !== '315') throw new Error('not a 315');
      m.client.commentaar = 'regel een\nregel twee\r\nregel drie\rregel vier';
      const sut = writeMessage(m);
      expect(() => parseMessage(sut, { requireCrlf: true })).not.toThrow();
      expect(sut).toContain('regel een\r\nregel twee\r\nregel drie\r\nregel vier');
      const back = parseMessage(sut);
      if (back.messageType !== '315') throw new Error('not a 315');
      expect(back.client.commentaar).toBe('regel een\nregel twee\nregel drie\nregel vier');
    });
  });
});
