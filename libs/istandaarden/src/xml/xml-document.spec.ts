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

  it('should number lines and give paths in the stylesheet’s form', () => {
    const sut = parseXml('<r>\n<e/>\n<e>\n<f/></e></r>');
    const [, second] = childElements(sut.root);
    expect(second.line).toBe(3);
    expect(pathOf(childElements(second)[0])).toBe('/r/e[2]/f');
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
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
