import { readFileSync } from 'fs';
import { join } from 'path';
import { resourcesDir } from '../resources';
import { parseXml, XmlElement } from '../xml/xml-document';
import type { SchemaModel } from './schema-model';

// The simple types' facets (enumeration, pattern, length, range) read from the shipped XSDs, keyed
// like the generated schema model's types (`base.LDT_AgbCode`, `wmo323.Declaratie.DeclaratieNummer`),
// so the writer can refuse a value the XSD would refuse, naming the field, before anything is sent.
// Read once per standard, at the first write (a few milliseconds).

const XS = 'http://www.w3.org/2001/XMLSchema';

/** One restriction step; a type's value must pass every step of its chain (XSD §4.3: facets of derived types add up). */
export interface FacetStep {
  enumeration?: string[];
  /** Alternatives of one step (ORed); compiled to anchored JavaScript. */
  patterns?: RegExp[];
  patternSources?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
}

export interface SimpleFacets {
  /** The built-in type at the root of the chain. */
  builtin: 'string' | 'integer' | 'date' | 'time';
  steps: FacetStep[];
}

const cache = new Map<string, Map<string, SimpleFacets>>();

export function facetsFor(schema: SchemaModel): Map<string, SimpleFacets> {
  let table = cache.get(schema.standard);
  if (!table) cache.set(schema.standard, (table = loadFacets(schema)));
  return table;
}

const xsKids = (el: XmlElement, local: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.kind === 'element' && c.uri === XS && c.local === local);
const attr = (el: XmlElement, name: string) => el.attributes.find((a) => a.local === name && a.uri === '')?.value;

function loadFacets(schema: SchemaModel): Map<string, SimpleFacets> {
  const dir = join(resourcesDir(), schema.xsdDir);
  const table = new Map<string, SimpleFacets>();
  const basis = parseXml(readFileSync(join(dir, 'basisschema.xsd'), 'utf8')).root;
  const named = new Map<string, XmlElement>();
  for (const st of xsKids(basis, 'simpleType')) named.set(attr(st, 'name') as string, st);

  const resolve = (restriction: XmlElement, lookup: (local: string) => SimpleFacets | undefined): SimpleFacets | undefined => {
    const base = attr(restriction, 'base') ?? '';
    const colon = base.indexOf(':');
    const local = colon < 0 ? base : base.slice(colon + 1);
    const prefixUri = colon < 0 ? '' : nsOf(restriction, base.slice(0, colon));
    let parent: SimpleFacets | undefined;
    if (prefixUri === XS) {
      const builtin = ({ string: 'string', integer: 'integer', date: 'date', time: 'time' } as const)[local as 'string'];
      if (!builtin) return undefined;
      parent = { builtin, steps: [] };
    } else parent = lookup(local);
    if (!parent) return undefined;
    return { builtin: parent.builtin, steps: [...parent.steps, stepOf(restriction)] };
  };

  const basisFacets = (local: string): SimpleFacets | undefined => {
    const key = `base.${local}`;
    const known = table.get(key);
    if (known) return known;
    const st = named.get(local);
    const restriction = st && xsKids(st, 'restriction')[0];
    const facets = restriction && resolve(restriction, basisFacets);
    if (facets) table.set(key, facets);
    return facets;
  };
  for (const name of named.keys()) basisFacets(name);

  for (const def of schema.messages) {
    const xsd = parseXml(readFileSync(join(dir, def.xsd), 'utf8')).root;
    const scope = def.prefix;
    const own = new Map<string, XmlElement>();
    for (const st of xsKids(xsd, 'simpleType')) own.set(attr(st, 'name') as string, st);
    const lookup = (local: string): SimpleFacets | undefined => {
      const st = own.get(local);
      if (!st) return basisFacets(local);
      const key = `${scope}.${local}`;
      let facets = table.get(key);
      const restriction = xsKids(st, 'restriction')[0];
      if (!facets && restriction && (facets = resolve(restriction, lookup))) table.set(key, facets);
      return facets;
    };
    for (const name of own.keys()) lookup(name);
    for (const ct of xsKids(xsd, 'complexType')) {
      for (const seq of xsKids(ct, 'sequence')) {
        for (const el of xsKids(seq, 'element')) {
          const st = xsKids(el, 'simpleType')[0];
          const restriction = st && xsKids(st, 'restriction')[0];
          const facets = restriction && resolve(restriction, lookup);
          if (facets) table.set(`${scope}.${attr(ct, 'name')}.${attr(el, 'name')}`, facets);
        }
      }
    }
  }
  return table;
}

function nsOf(el: XmlElement, prefix: string): string {
  for (let n: XmlElement | null = el; n; n = n.parent?.kind === 'element' ? n.parent : null) {
    if (prefix in n.ns) return n.ns[prefix];
  }
  return '';
}

function stepOf(restriction: XmlElement): FacetStep {
  const step: FacetStep = {};
  const values = (local: string) => xsKids(restriction, local).map((f) => attr(f, 'value') as string);
  const enums = values('enumeration');
  if (enums.length) step.enumeration = enums;
  const patterns = values('pattern');
  if (patterns.length) {
    step.patternSources = patterns;
    step.patterns = patterns.map(xsdRegex);
  }
  for (const k of ['length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive'] as const) {
    const [v] = values(k);
    if (v !== undefined) step[k] = Number(v);
  }
  return step;
}

/**
 * An XSD regular expression as an anchored JavaScript one. XSD's \s and \S mean the four XML
 * whitespace characters only (Unicode spaces are not \s in XSD); the rest of the syntax the
 * shipped schemas use (classes, quantifiers, groups, ., \d) means the same in both.
 */
export function xsdRegex(source: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const n = source[++i];
      if (n === 's') out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
      else if (n === 'S' && !inClass) out += '[^ \\t\\n\\r]';
      else out += `\\${n}`;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    else if (c === '.' && !inClass) {
      out += '[^\\n\\r]';
      continue;
    }
    out += c;
  }
  return new RegExp(`^(?:${out})$`);
}

/** XML 1.0 §2.2 Char: what a document may contain at all, even escaped. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** Why the value breaks its type, or undefined when the XSD accepts it. `value` is the text as it will be read back. */
export function simpleValueProblem(value: string, facets: SimpleFacets): string | undefined {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) return `holds the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML does not allow`;
  if (facets.builtin === 'date') {
    const m = DATE.exec(value);
    if (!m) return `is ${JSON.stringify(value)}, not a date written YYYY-MM-DD`;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    if (y === 0 || !days || d < 1 || d > days) return `is ${value}, a date that does not exist`;
  }
  if (facets.builtin === 'time') {
    const m = TIME.exec(value);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) return `is ${JSON.stringify(value)}, not a time written hh:mm:ss`;
  }
  const length = [...value].length;
  for (const step of facets.steps) {
    if (step.enumeration && !step.enumeration.includes(value)) {
      const shown = step.enumeration.length > 12 ? `${step.enumeration.slice(0, 12).join(', ')}, …` : step.enumeration.join(', ');
      return `is ${JSON.stringify(value)}, not one of the codes ${shown}`;
    }
    if (step.patterns && !step.patterns.some((p) => p.test(value))) return `is ${JSON.stringify(value)}, which does not match the pattern ${step.patternSources?.join(' | ')}`;
    if (facets.builtin === 'string') {
      if (step.length !== undefined && length !== step.length) return `has ${length} characters where the XSD wants ${step.length}`;
      if (step.minLength !== undefined && length < step.minLength) return `has ${length} characters, fewer than ${step.minLength}`;
      if (step.maxLength !== undefined && length > step.maxLength) return `has ${length} characters, more than ${step.maxLength}`;
    }
    if (facets.builtin === 'integer') {
      const n = Number(value);
      if (step.minInclusive !== undefined && n < step.minInclusive) return `is ${value}, less than ${step.minInclusive}`;
      if (step.maxInclusive !== undefined && n > step.maxInclusive) return `is ${value}, more than ${step.maxInclusive}`;
    }
  }
  return undefined;
}
