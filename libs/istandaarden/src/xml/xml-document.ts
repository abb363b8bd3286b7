import { SaxesParser } from 'saxes';
import { IstandaardError, IstandaardErrorCode } from '../files/istandaard.errors';

// A small read-only DOM in XPath's data model (document, element, attribute, text, comment, PI),
// built once per message and shared by the typed parser, the rule stylesheet and the error paths.
// Every node carries its document order, so node-set unions and sorts are integer comparisons.

export type XmlNode = XmlDocument | XmlElement | XmlAttribute | XmlText | XmlComment | XmlPi;

interface NodeBase {
  parent: XmlDocument | XmlElement | null;
  order: number;
}

export interface XmlDocument extends NodeBase {
  kind: 'document';
  children: XmlNode[];
  root: XmlElement;
}

export interface XmlElement extends NodeBase {
  kind: 'element';
  uri: string;
  local: string;
  prefix: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Position among the parent's children (the sibling axes index with it). */
  index: number;
  line: number;
  /** Namespace bindings declared on this element. */
  ns: Record<string, string>;
  /** `{uri}local`, built once: template lookup keys on it. */
  key: string;
  /** Per-name dispatch table a stylesheet attaches (shared by all elements of one name). */
  dispatch: unknown;
}

export interface XmlAttribute extends NodeBase {
  kind: 'attribute';
  uri: string;
  local: string;
  prefix: string;
  value: string;
}

export interface XmlText extends NodeBase {
  kind: 'text';
  value: string;
  index: number;
}

export interface XmlComment extends NodeBase {
  kind: 'comment';
  value: string;
  index: number;
}

export interface XmlPi extends NodeBase {
  kind: 'pi';
  target: string;
  value: string;
  index: number;
}

export function parseXml(text: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const doc = { kind: 'document', parent: null, order: 0, children: [] } as unknown as XmlDocument;
  let order = 1;
  const stack: (XmlDocument | XmlElement)[] = [doc];
  let top: XmlDocument | XmlElement = doc;
  const append = (node: XmlText | XmlComment | XmlPi | XmlElement) => {
    node.index = top.children.length;
    top.children.push(node);
  };
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      kind: 'element',
      parent: top,
      order: order++,
      uri: tag.uri ?? '',
      local: tag.local ?? tag.name,
      prefix: tag.prefix ?? '',
      attributes: [],
      children: [],
      index: 0,
      line: parser.line,
      ns: tag.ns ?? {},
      key: `${tag.uri ?? ''}|${tag.local ?? tag.name}`,
      dispatch: undefined,
    };
    for (const a of Object.values(tag.attributes)) {
      // Namespace declarations are not attributes in the XPath data model.
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      el.attributes.push({ kind: 'attribute', parent: el, order: order++, uri: a.uri, local: a.local, prefix: a.prefix, value: a.value });
    }
    append(el);
    stack.push(el);
    top = el;
  });
  parser.on('closetag', () => {
    stack.pop();
    top = stack[stack.length - 1];
  });
  const addText = (value: string) => {
    if (top === doc) return; // whitespace outside the root element is not part of the tree
    const last = top.children[top.children.length - 1];
    if (last && last.kind === 'text') last.value += value;
    else append({ kind: 'text', parent: top, order: order++, value, index: 0 });
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('comment', (value) => append({ kind: 'comment', parent: top, order: order++, value, index: 0 }));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() !== 'xml') append({ kind: 'pi', parent: top, order: order++, target: pi.target, value: pi.body, index: 0 });
  });
  parser.on('doctype', () => {
    throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, 'a DOCTYPE is not allowed in an iStandaard message');
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof IstandaardError) throw e;
    throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, `the message is not well-formed XML: ${(e as Error).message}`);
  }
  const root = doc.children.find((c): c is XmlElement => c.kind === 'element');
  if (!root) throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, 'the message has no root element');
  doc.root = root;
  return doc;
}

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === 'element') out.push(c);
  return out;
}

export function stringValue(node: XmlNode): string {
  switch (node.kind) {
    case 'text':
    case 'comment':
    case 'attribute':
    case 'pi':
      return node.value;
    case 'element':
    case 'document': {
      if (node.children.length === 1 && node.children[0].kind === 'text') return node.children[0].value;
      let s = '';
      const walk = (n: XmlDocument | XmlElement) => {
        for (const c of n.children) {
          if (c.kind === 'text') s += c.value;
          else if (c.kind === 'element') walk(c);
        }
      };
      walk(node);
      return s;
    }
  }
}

/** `/Bericht/Client[2]/Prestaties/Prestatie[3]` — the same form the rule stylesheet reports. */
export function pathOf(node: XmlElement): string {
  const parts: string[] = [];
  let n: XmlElement | XmlDocument | null = node;
  while (n && n.kind === 'element') {
    const el: XmlElement = n;
    const siblings = el.parent ? el.parent.children.filter((c) => c.kind === 'element' && c.local === el.local) : [el];
    parts.unshift(siblings.length > 1 ? `${el.local}[${siblings.indexOf(el) + 1}]` : el.local);
    n = el.parent;
  }
  return `/${parts.join('/')}`;
}
