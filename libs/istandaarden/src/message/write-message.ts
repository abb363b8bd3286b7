import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import { facetsFor, simpleValueProblem } from '../schema/facets';
import type { ComplexTypeDef, SchemaModel, SimpleTypeDef } from '../schema/schema-model';
import { messageKind } from './message-registry';
import type { ParsedMessage } from './parse-message';

const CRLF = '\r\n';

/**
 * Writes a typed message as the technical rules want a file: UTF-8 (the caller encodes the string
 * without BOM), CR/LF line ends (also inside a multi-line text), the message's own prefix (wmo301,
 * jw323…) and iwmo/ijw for the basisschema. An object the XSD would refuse (a missing element, a
 * code outside its list, a date that does not exist, a character XML cannot carry, a value against
 * its pattern, length or range) is refused with INVALID_MESSAGE_OBJECT naming the element's path
 * and the object's property (`error.field`), so nothing invalid is ever sent.
 */
export function writeMessage(message: ParsedMessage): string {
  const { schema, def } = messageKind(message.standard, message.messageType);
  const w: Writer = {
    schema,
    prefixOf: (f) => (f.ns === 'message' ? def.prefix : schema.basisPrefix),
    facets: facetsFor(schema),
    out: [
      `<?xml version="1.0" encoding="UTF-8"?>${CRLF}`,
      `<${def.prefix}:Bericht xmlns:${def.prefix}="${def.namespace}" xmlns:${schema.basisPrefix}="${schema.basisNamespace}">${CRLF}`,
    ],
  };
  writeComplex(w, message as unknown as Record<string, unknown>, schema.types[def.root] as ComplexTypeDef, 1, '/Bericht', '');
  w.out.push(`</${def.prefix}:Bericht>${CRLF}`);
  return w.out.join('');
}

interface Writer {
  schema: SchemaModel;
  prefixOf: (f: { ns: 'message' | 'base' }) => string;
  facets: ReturnType<typeof facetsFor>;
  out: string[];
}

/** `Client[2]` when the element repeats, the stylesheet's path form. */
const seg = (name: string, i: number, count: number) => (count > 1 ? `${name}[${i + 1}]` : name);
const prop = (field: string, name: string) => (field ? `${field}.${name}` : name);

function writeComplex(w: Writer, obj: Record<string, unknown>, type: ComplexTypeDef, depth: number, path: string, field: string): void {
  const indent = '\t'.repeat(depth);
  for (const f of type.fields) {
    const value = obj[f.prop];
    const here = prop(field, f.prop);
    const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    if (!present) {
      if (f.min > 0) invalid(`${path}/${f.xml} is required`, here);
      continue;
    }
    const name = `${w.prefixOf(f)}:${f.xml}`;
    if (f.wrap) {
      if (!Array.isArray(value)) invalid(`${path}/${f.xml} must be an array of ${f.wrap.xml}`, here);
      w.out.push(`${indent}<${name}>${CRLF}`);
      const inner = `${w.prefixOf(f.wrap)}:${f.wrap.xml}`;
      for (let i = 0; i < value.length; i++) {
        writeElement(w, inner, value[i], f.wrap.type, depth + 1, `${path}/${f.xml}/${seg(f.wrap.xml, i, value.length)}`, `${here}[${i}]`);
      }
      w.out.push(`${indent}</${name}>${CRLF}`);
    } else if (f.many) {
      if (!Array.isArray(value)) invalid(`${path}/${f.xml} must be an array`, here);
      for (let i = 0; i < value.length; i++) writeElement(w, name, value[i], f.type, depth, `${path}/${seg(f.xml, i, value.length)}`, `${here}[${i}]`);
    } else {
      writeElement(w, name, value, f.type, depth, `${path}/${f.xml}`, here);
    }
  }
}

function writeElement(w: Writer, name: string, value: unknown, typeKey: string, depth: number, path: string, field: string): void {
  const indent = '\t'.repeat(depth);
  const type = w.schema.types[typeKey];
  if (type.kind === 'complex') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(`${path} must be an object`, field);
    w.out.push(`${indent}<${name}>${CRLF}`);
    writeComplex(w, value as Record<string, unknown>, type, depth + 1, path, field);
    w.out.push(`${indent}</${name}>${CRLF}`);
    return;
  }
  const text = simpleText(value, type, path, field);
  // What a reader gets back: XML turns every CR/LF and lone CR into LF.
  const read = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  if (type.fixed !== undefined && read !== type.fixed) invalid(`${path} must be ${type.fixed}, got ${JSON.stringify(value)}`, field);
  const facets = w.facets.get(typeKey);
  const problem = facets ? simpleValueProblem(read, facets) : undefined;
  if (problem) invalid(`${path} ${problem}`, field);
  w.out.push(`${indent}<${name}>${escapeText(read)}</${name}>${CRLF}`);
}

function simpleText(value: unknown, type: SimpleTypeDef, path: string, field: string): string {
  if (type.base === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(`${path} must be an integer, got ${JSON.stringify(value)}`, field);
    return String(value);
  }
  if (typeof value !== 'string') invalid(`${path} must be a string, got ${JSON.stringify(value)}`, field);
  return value;
}

function invalid(what: string, field: string): never {
  throw new IstandaardError(IstandaardErrorCode.INVALID_MESSAGE_OBJECT, `${what} (${field})`, undefined, field);
}

/** Escapes text content; a line break is written as CR/LF (OP192.4), which a reader turns back into LF. */
export function escapeText(s: string): string {
  return s.replace(/[&<>]|\r\n?|\n/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : CRLF));
}
