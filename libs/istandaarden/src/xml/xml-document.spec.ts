import { IstandaardErrorCode } from '../files/istandaard.errors';
import { childElements, parseXml, pathOf, stringValue } from './xml-document';

describe(parseXml.name, () => {
  it('should resolve namespaces, decode entities and CDATA and normalise CR/LF', () => {
    const sut = parseXml('<?xml version="1.0"?>\r\n<a:r xmlns:a="urn:a" x="1&amp;2"><a:b>x &lt; y&#65;<![CDATA[<z>]]></a:b><c>l1\r\nl2</c><!-- c --><?p d?></a:r>');
    expect(sut.root).toMatchObject({ uri: 'urn:a', local: 'r', prefix: 'a' });
    expect(sut.root.attributes[0]).toMatchObject({ local: 'x', value: '1&2' });
    const [b, c] = childElements(sut.root);
    expect(stringValue(b)).toBe('x < yA<z>');
    expect(stringValue(c)).toBe('l1\nl2');
    expect(c.uri).toBe('');
    expect(sut.root.children.map((n) => n.kind)).toEqual(['element', 'element', 'comment', 'pi']);
  });

  it('should accept whitespace before the > of an end tag and share the name strings', () => {
    const sut = parseXml('<x:r xmlns:x="u"><x:e></x:e \r\n><x:e/></x:r\t>');
    const [a, b] = childElements(sut.root);
    expect(a.key).toBe('u|e');
    expect(b.key).toBe(a.key);
    expect(a.attributes).toEqual([]);
  });

  it('should number lines and give paths in the stylesheet’s form', () => {
    const sut = parseXml('<r>\n<e/>\n<e>\n<f/></e></r>');
    const [, second] = childElements(sut.root);
    expect(second.line).toBe(3);
    expect(pathOf(childElements(second)[0])).toBe('/r/e[2]/f');
  });

  it('should parse a large file written on one line in linear time, as fast as the formatted one', () => {
    // Line counting used to scan ahead to the next newline for every tag: quadratic on one line.
    const item = (i: number) => `<e n="${i}"><f>v${i}</f><g/><!-- c --><?p x?><![CDATA[d]]></e>`;
    const items = Array.from({ length: 12_000 }, (_, i) => item(i));
    const oneLine = `<?xml version="1.0"?><r>${items.join('')}</r>`;
    const formatted = `<?xml version="1.0"?>\r\n<r>\r\n${items.join('\r\n')}\r\n</r>\r\n`;
    const time = (text: string) => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        parseXml(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(formatted); // warm-up
    const formattedMs = time(formatted);
    const oneLineMs = time(oneLine);
    expect(oneLine.length).toBeGreaterThan(700_000);
    expect(oneLineMs).toBeLessThan(formattedMs * 3 + 100);
    const doc = parseXml(formatted);
    const last = childElements(doc.root)[11_999];
    expect(last.line).toBe(12_002);
    expect(childElements(parseXml(oneLine).root)[11_999].line).toBe(1);
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['an end tag that only starts like the open one', '<ab></a>'],
    ['an end tag longer than the open one', '<x:a xmlns:x="u"></x:ab>'],
    ['an end tag with another prefix', '<x:a xmlns:x="u" xmlns:y="u"></y:a>'],
    ['an empty tag name', '<a><></a>'],
    ['a second root', '<a/><b/>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>a & b</a>'],
    ['an undeclared prefix', '<x:a/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['an unquoted attribute', '<a b=1/>'],
    ['text after the root', '<a/>x'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ['no root at all', '   '],
  ])('should refuse %s with MALFORMED_XML', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(expect.objectContaining({ code: IstandaardErrorCode.MALFORMED_XML }));
  });
});
