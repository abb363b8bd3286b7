import { parseXml } from '../xml/xml-document';
import type { OutNode } from './xpath-evaluator';
import { XsltError, XsltStylesheet } from './xslt-engine';

const sheet = (body: string) =>
  XsltStylesheet.fromText(`<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">${body}</xsl:stylesheet>`);
const text = (out: OutNode[]): string => out.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');
const run = (body: string, xml: string) => text(sheet(body).transform(parseXml(xml)));

describe(XsltStylesheet.name, () => {
  it('should pick the higher priority, and the later template of equal priority, when patterns compete', () => {
    const body = `
      <xsl:template match="/"><xsl:apply-templates select="r/*"/></xsl:template>
      <xsl:template match="*">any </xsl:template>
      <xsl:template match="a">a1 </xsl:template>
      <xsl:template match="a">a2 </xsl:template>
      <xsl:template match="b[@x]" priority="-1">bx </xsl:template>`;
    expect(run(body, '<r><a/><b x="1"/><c/></r>')).toBe('a2 any any ');
  });

  it('should copy text through the built-in rules and pass parameters to named templates', () => {
    const body = `
      <xsl:template match="/"><xsl:apply-templates/><xsl:call-template name="t"><xsl:with-param name="p" select="count(//e)"/></xsl:call-template></xsl:template>
      <xsl:template name="t"><xsl:param name="p">none</xsl:param><xsl:variable name="v"><xsl:value-of select="$p"/>!</xsl:variable>[<xsl:value-of select="$v"/>]</xsl:template>`;
    expect(run(body, '<r><e>x</e><e>y</e></r>')).toBe('xy[2!]');
  });

  it('should keep current() the template node inside predicates and for-each', () => {
    const body = `
      <xsl:template match="/"><xsl:for-each select="r/e"><xsl:value-of select="count(../e[. = current()])"/></xsl:for-each></xsl:template>`;
    expect(run(body, '<r><e>1</e><e>2</e><e>1</e></r>')).toBe('212');
  });

  it.each([
    ['xsl:sort', '<xsl:template match="/"><xsl:for-each select="*"><xsl:sort/></xsl:for-each></xsl:template>'],
    ['xsl:copy-of', '<xsl:template match="/"><xsl:copy-of select="."/></xsl:template>'],
    ['an unknown function', '<xsl:template match="/"><xsl:value-of select="document(\'x\')"/></xsl:template>'],
    ['xsl:key', '<xsl:key name="k" match="*" use="."/>'],
  ])('should refuse a stylesheet that uses %s when it is loaded', (_name, body) => {
    expect(() => sheet(body)).toThrow(XsltError);
  });

  it('should refuse a document nested deeper than it can walk with an XsltError, not a stack overflow', () => {
    const body = '<xsl:template match="*"><xsl:apply-templates/></xsl:template>';
    const deep = `<r>${'<x>'.repeat(3000)}${'</x>'.repeat(3000)}</r>`;
    expect(() => run(body, deep)).toThrow(XsltError);
    expect(run(body, `<r>${'<x>'.repeat(200)}v${'</x>'.repeat(200)}</r>`)).toBe('v');
  });
});
