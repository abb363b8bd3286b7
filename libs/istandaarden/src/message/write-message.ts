import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import type { ComplexTypeDef, SchemaModel, SimpleTypeDef } from '../schema/schema-model';
import { messageKind } from './message-registry';
import type { ParsedMessage } from './parse-message';

const CRLF = '\r\n';

/**
 * Writes a typed message as the technical rules want a file: UTF-8 (the caller encodes the string
 * without BOM), CR/LF line ends, the message's own prefix (wmo301, jw323…) and iwmo/ijw for the basisschema.
 */
export function writeMessage(message: ParsedMessage): string {
  const { schema, def } = messageKind(message.standard, message.messageType);
  const prefixOf = (f: { ns: 'message' | 'base' }) => (f.ns === 'message' ? def.prefix : schema.basisPrefix);
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>${CRLF}`,
    `<${def.prefix}:Bericht xmlns:${def.prefix}="${def.namespace}" xmlns:${schema.basisPrefix}="${schema.basisNamespace}">${CRLF}`,
  ];
  writeComplex(parts, message as unknown as Record<string, unknown>, schema.types[def.root] as ComplexTypeDef, schema, prefixOf, 1, 'Bericht');
  parts.push(`</${def.prefix}:Bericht>${CRLF}`);
  return parts.join('');
}

type PrefixOf = (f: { ns: 'message' | 'base' }) => string;

function writeComplex(out: string[], obj: Record<string, unknown>, type: ComplexTypeDef, schema: SchemaModel, prefixOf: PrefixOf, depth: number, path: string): void {
  const indent = '\t'.repeat(depth);
  for (const f of type.fields) {
    const value = obj[f.prop];
    const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    if (!present) {
      if (f.min > 0) invalid(`${path}/${f.xml} is required`);
      continue;
    }
    const name = `${prefixOf(f)}:${f.xml}`;
    if (f.wrap) {
      if (!Array.isArray(value)) invalid(`${path}/${f.xml} must be an array of ${f.wrap.xml}`);
      out.push(`${indent}<${name}>${CRLF}`);
      const inner = `${prefixOf(f.wrap)}:${f.wrap.xml}`;
      for (const item of value) writeElement(out, inner, item, f.wrap.type, schema, prefixOf, depth + 1, `${path}/${f.xml}/${f.wrap.xml}`);
      out.push(`${indent}</${name}>${CRLF}`);
    } else if (f.many) {
      if (!Array.isArray(value)) invalid(`${path}/${f.xml} must be an array`);
      for (const item of value) writeElement(out, name, item, f.type, schema, prefixOf, depth, `${path}/${f.xml}`);
    } else {
      writeElement(out, name, value, f.type, schema, prefixOf, depth, `${path}/${f.xml}`);
    }
  }
}

function writeElement(out: string[], name: string, value: unknown, typeKey: string, schema: SchemaModel, prefixOf: PrefixOf, depth: number, path: string): void {
  const indent = '\t'.repeat(depth);
  const type = schema.types[typeKey];
  if (type.kind === 'complex') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(`${path} must be an object`);
    out.push(`${indent}<${name}>${CRLF}`);
    writeComplex(out, value as Record<string, unknown>, type, schema, prefixOf, depth + 1, path);
    out.push(`${indent}</${name}>${CRLF}`);
    return;
  }
  out.push(`${indent}<${name}>${escapeText(simpleText(value, type, path))}</${name}>${CRLF}`);
}

function simpleText(value: unknown, type: SimpleTypeDef, path: string): string {
  if (type.base === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(`${path} must be an integer, got ${JSON.stringify(value)}`);
    return String(value);
  }
  if (typeof value !== 'string') invalid(`${path} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function invalid(what: string): never {
  throw new IstandaardError(IstandaardErrorCode.INVALID_MESSAGE_OBJECT, what);
}

export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}
