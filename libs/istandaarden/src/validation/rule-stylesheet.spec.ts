import { EXAMPLES, readExample } from '../testdata/examples';
import { detectMessage } from '../message/message-registry';
import { parseXml } from '../xml/xml-document';
import { runRuleStylesheet } from './rule-stylesheet';

describe(runRuleStylesheet.name, () => {
  // Expected codes are SOURCES.md's xsltproc results; the engine gave byte-for-byte the same
  // findings as xsltproc on every example when it was measured (docs/adr/0010).
  it.each(EXAMPLES.map((e) => [e.name, e.stylesheet]))('should report %s as xsltproc does: %j', (name, codes) => {
    const doc = parseXml(readExample(name).toString('utf8'));
    const sut = runRuleStylesheet(detectMessage(doc.root).standard, doc);
    expect(sut.map((f) => f.code)).toEqual(codes);
  });

  it('should name both duplicate lines and their retour code when TR101 fails in JW323', () => {
    const doc = parseXml(readExample('ijw-3.2/JW323.xml').toString('utf8'));
    const [sut] = runRuleStylesheet('ijw', doc);
    expect(sut).toEqual({
      level: 'inMessage',
      code: 'TR101',
      retourCode: '0001',
      path: '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[2]',
      paths: ['/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[2]', '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]'],
      message: 'Binnen een bericht zijn dubbele regels niet toegestaan.',
    });
  });
});
