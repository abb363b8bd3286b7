import { readFileSync } from 'fs';
import { join } from 'path';
import { isRetourCode, RetourCode } from '@vangnet/contracts';
import { IJW_RULES, IWMO_RULES } from '../generated/rules.generated';
import { SCHEMAS } from '../message/message-registry';
import type { Standard } from '../schema/schema-model';
import { pathOf, XmlDocument, XmlElement } from '../xml/xml-document';
import type { OutNode } from '../xslt/xpath-evaluator';
import { MAX_TEMPLATE_DEPTH, XsltStylesheet } from '../xslt/xslt-engine';
import { resourcesDir } from '../resources';
import type { Finding } from './finding';

const REPORT_NS = 'http://www.istandaarden.nl/validatie/1_1/rapport/schema';
const RULES = { iwmo: IWMO_RULES, ijw: IJW_RULES };
const loaded = new Map<Standard, XsltStylesheet>();

export function ruleStylesheet(standard: Standard): XsltStylesheet {
  let sheet = loaded.get(standard);
  if (!sheet) {
    sheet = XsltStylesheet.fromText(readFileSync(join(resourcesDir(), SCHEMAS[standard].xslt), 'utf8'));
    loaded.set(standard, sheet);
  }
  return sheet;
}

export interface ReportEntry {
  code: string;
  retourCode?: string;
  locations: string[];
  details?: string;
}

/** Nesting no iWmo/iJw message comes near (the deepest class is about ten levels down). */
export const MAX_NESTING = 256;

/**
 * Level 2: the shipped stylesheet, run as it is, and its n:Rapport read back as findings. A message
 * nested deeper than MAX_NESTING is not run through it (templates recurse per level): it gets one
 * NESTING finding on the class that holds the nesting, beside the XSD level's own refusal.
 */
export function runRuleStylesheet(standard: Standard, doc: XmlDocument): Finding[] {
  if (doc.depth > Math.min(MAX_NESTING, MAX_TEMPLATE_DEPTH)) {
    let top: XmlElement = doc.deepest;
    while (top.parent?.kind === 'element' && top.parent.parent?.kind === 'element') top = top.parent;
    return [
      {
        level: 'inMessage',
        code: 'NESTING',
        retourCode: '0001',
        path: pathOf(top),
        message: `elements nest ${doc.depth} levels deep, more than the ${MAX_NESTING} a message may have; the rule stylesheet was not run`,
      },
    ];
  }
  return readReport(ruleStylesheet(standard).transform(doc)).map((e) => {
    const fromReport = e.retourCode && isRetourCode(e.retourCode) ? e.retourCode : undefined;
    const fromRules = RULES[standard][e.code]?.retourCode;
    const retourCode: RetourCode = fromReport ?? (fromRules && isRetourCode(fromRules) ? fromRules : '0001');
    return {
      level: 'inMessage',
      code: e.code,
      retourCode,
      path: e.locations[0] ?? '/Bericht',
      ...(e.locations.length > 1 ? { paths: e.locations } : {}),
      message: e.details ?? RULES[standard][e.code]?.title ?? e.code,
    };
  });
}

export function readReport(out: OutNode[]): ReportEntry[] {
  const el = (nodes: OutNode[], name: string) =>
    nodes.filter((n): n is Exclude<OutNode, string> => typeof n !== 'string' && n.uri === REPORT_NS && n.name.endsWith(`:${name}`) || (typeof n !== 'string' && n.uri === REPORT_NS && n.name === name));
  const text = (n: Exclude<OutNode, string>): string => n.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');
  const rapport = el(out, 'Rapport')[0];
  if (!rapport) throw new Error('the rule stylesheet produced no Rapport');
  const fouten = el(rapport.children, 'Fouten')[0];
  return (fouten ? el(fouten.children, 'Fout') : []).map((f) => {
    const code = el(f.children, 'Code')[0];
    const retour = el(f.children, 'Retourcode')[0];
    const details = el(f.children, 'Details')[0];
    return {
      code: code ? text(code) : 'FOUT',
      ...(retour ? { retourCode: text(retour) } : {}),
      locations: el(f.children, 'Locatie').map(text),
      ...(details ? { details: text(details) } : {}),
    };
  });
}
