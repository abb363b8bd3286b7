import { checkFile, FileCheckOptions } from '../files/file-checks';
import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';
import type { IstandaardMessage } from '../generated/message-types.generated';
import type { ComplexTypeDef, FieldDef, SchemaModel, SimpleTypeDef } from '../schema/schema-model';
import { childElements, parseXml, pathOf, stringValue, XmlDocument, XmlElement } from '../xml/xml-document';
import { detectMessage, MessageKind } from './message-registry';

export type ParsedMessage = IstandaardMessage;

/** Reads a message file into its typed object. Throws IstandaardError for anything that is not a schema-shaped message. */
export function parseMessage(input: string | Uint8Array, options: FileCheckOptions = {}): ParsedMessage {
  const doc = parseXml(checkFile(input, options));
  return messageFromDocument(doc, detectMessage(doc.root));
}

export function messageFromDocument(doc: XmlDocument, kind: MessageKind): ParsedMessage {
  const { schema, def } = kind;
  const nsOf = (f: { ns: 'message' | 'base' }) => (f.ns === 'message' ? def.namespace : schema.basisNamespace);
  const body = readComplex(doc.root, schema.types[def.root] as ComplexTypeDef, schema, nsOf);
  return { standard: schema.standard, messageType: def.messageType, ...body } as ParsedMessage;
}

/** Only the Header, read on its own: a retour can still be addressed when the rest of the message is invalid. */
export function headerFromDocument(doc: XmlDocument, kind: MessageKind): Record<string, unknown> | undefined {
  const { schema, def } = kind;
  const nsOf: NsOf = (f) => (f.ns === 'message' ? def.namespace : schema.basisNamespace);
  const field = (schema.types[def.root] as ComplexTypeDef).fields.find((f) => f.xml === 'Header');
  const el = childElements(doc.root).find((c) => c.local === 'Header' && c.uri === def.namespace);
  if (!el || !field) return undefined;
  try {
    return readComplex(el, schema.types[field.type] as ComplexTypeDef, schema, nsOf);
  } catch {
    return undefined;
  }
}

type NsOf = (f: { ns: 'message' | 'base' }) => string;

function readComplex(el: XmlElement, type: ComplexTypeDef, schema: SchemaModel, nsOf: NsOf): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Walks the children in place (no element list per element): this runs for every class of a 25 MB message.
  const kids = el.children;
  let i = nextElement(kids, 0);
  for (const f of type.fields) {
    const ns = nsOf(f);
    let count = 0;
    let first: unknown;
    let values: unknown[] | undefined;
    while (i < kids.length) {
      const k = kids[i] as XmlElement;
      if (k.local !== f.xml || k.uri !== ns) break;
      const v = readField(k, f, schema, nsOf);
      if (f.many) (values ??= []).push(v);
      else first = v;
      count++;
      i = nextElement(kids, i + 1);
      if (!f.many) break;
    }
    if (count < f.min) invalid(el, `misses required element ${f.xml}`);
    if (count) out[f.prop] = f.many ? values : first;
  }
  if (i < kids.length) invalid(kids[i] as XmlElement, `is not allowed here`);
  return out;
}

function nextElement(kids: XmlElement['children'], from: number): number {
  let i = from;
  while (i < kids.length && kids[i].kind !== 'element') i++;
  return i;
}

function readField(el: XmlElement, f: FieldDef, schema: SchemaModel, nsOf: NsOf): unknown {
  if (f.wrap) {
    const wrap = f.wrap;
    const items = childElements(el);
    if (items.length === 0) invalid(el, `needs at least one ${wrap.xml}`);
    return items.map((item) => {
      if (item.local !== wrap.xml || item.uri !== nsOf(wrap)) invalid(item, 'is not allowed here');
      return readValue(item, wrap.type, schema, nsOf);
    });
  }
  return readValue(el, f.type, schema, nsOf);
}

function readValue(el: XmlElement, typeKey: string, schema: SchemaModel, nsOf: NsOf): unknown {
  const type = schema.types[typeKey];
  if (type.kind === 'complex') return readComplex(el, type, schema, nsOf);
  if (nextElement(el.children, 0) < el.children.length) invalid(el, 'holds elements where a value belongs');
  return readSimple(el, stringValue(el), type);
}

function readSimple(el: XmlElement, text: string, type: SimpleTypeDef): string | number {
  if (type.base === 'integer') {
    const t = xmlTrim(text);
    if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) invalid(el, `has ${JSON.stringify(text)}, not an integer`);
    return Number(t);
  }
  // Dates and times collapse whitespace in XSD; strings and codes keep the text as written.
  return type.base === 'string' ? text : xmlTrim(text);
}

/** XSD's whitespace collapse strips the four XML whitespace characters, not Unicode spaces. */
const xmlTrim = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

function invalid(el: XmlElement, what: string): never {
  throw new IstandaardError(IstandaardErrorCode.NOT_SCHEMA_VALID, `${pathOf(el)} ${what}`, el.line);
}
