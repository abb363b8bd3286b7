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
  /** How deep elements nest (the root is 1): recursive consumers check it before they walk. */
  depth: number;
  /** The first element at that depth. */
  deepest: XmlElement;
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

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NAME = /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:(lt|gt|amp|apos|quot)|#(\d+)|#x([0-9a-fA-F]+));|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const NO_NS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Shared by every element without attributes (most of a message): one array less per element. */
const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];

interface NameInfo {
  prefix: string;
  local: string;
  /** The namespace it resolved to last time, and the element key for it. */
  uri?: string;
  key?: string;
}

/**
 * A namespace-aware, non-validating XML 1.0 parser for messages: no DTD (a DOCTYPE is refused),
 * the predefined and numeric entities, CDATA, comments and PIs. It checks what makes a document
 * well-formed in practice (balanced tags, one root, quoted unique attributes, known entities,
 * declared prefixes); libxml2 re-checks everything at the XSD level. It is written for speed: a
 * 25 MB message is one pass of indexOf/charCodeAt.
 */
export function parseXml(text: string): XmlDocument {
  const doc = { kind: 'document', parent: null, order: 0, children: [], root: undefined, depth: 0, deepest: undefined } as unknown as XmlDocument;
  const len = text.length;
  let i = 0;
  let line = 1;
  let order = 1;
  let top: XmlDocument | XmlElement = doc;
  let depth = 0;
  let maxDepth = 0;
  let deepest: XmlElement | undefined;
  const scopes: Record<string, string>[] = [{ xml: XML_NS, '': '' }];
  const fail = (what: string): never => {
    throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, `the message is not well-formed XML: ${what} at line ${line}`, line);
  };
  // The next newline at or after the scan position, found once: scanning ahead from every tag
  // made a file written on one line quadratic (each tag searched to the end of the file).
  let nl = text.indexOf('\n');
  if (nl < 0) nl = len;
  const lines = (from: number, to: number) => {
    if (nl < from) {
      nl = text.indexOf('\n', from);
      if (nl < 0) nl = len;
    }
    while (nl < to) {
      line++;
      nl = text.indexOf('\n', nl + 1);
      if (nl < 0) nl = len;
    }
  };
  const resolve = (prefix: string): string => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const uri = scopes[k][prefix];
      if (uri !== undefined) return uri;
    }
    return prefix ? fail(`undeclared namespace prefix ${prefix}`) : '';
  };
  const decode = (raw: string): string => {
    let v = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
    if (v.indexOf('&') !== -1) {
      v = v.replace(ENTITY, (m, named: string, dec: string, hex: string) => {
        if (named) return PREDEFINED[named];
        if (dec || hex) {
          const cp = dec ? Number(dec) : parseInt(hex, 16);
          if (cp === 0 || cp > 0x10ffff) fail(`character reference ${m} is not allowed`);
          return String.fromCodePoint(cp);
        }
        return fail('a bare & (write &amp;)');
      });
    }
    return v;
  };
  const whitespace = new Map<string, string>();
  const names = new Map<string, NameInfo>();
  const addText = (raw: string, cdata: boolean) => {
    if (top === doc) {
      if (raw.trim()) fail('text outside the root element');
      return;
    }
    let value: string;
    if (!cdata && raw.length < 40 && raw.trim() === '') {
      // Indentation repeats: one string per distinct run keeps a large message small.
      value = whitespace.get(raw) ?? (whitespace.set(raw, decode(raw)), whitespace.get(raw) as string);
    } else value = cdata ? raw.replace(/\r\n?/g, '\n') : decode(raw);
    const last = top.children[top.children.length - 1];
    if (last && last.kind === 'text') last.value += value;
    else top.children.push({ kind: 'text', parent: top, order: order++, value, index: top.children.length });
  };

  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  while (i < len) {
    const lt = text.indexOf('<', i);
    const stop = lt === -1 ? len : lt;
    if (stop > i) {
      const raw = text.slice(i, stop);
      if (raw.indexOf('>') !== -1 && raw.indexOf(']]>') !== -1) fail(']]> in text');
      addText(raw, false);
      lines(i, stop);
    }
    if (lt === -1) break;
    const c = text.charCodeAt(lt + 1);
    if (c === 47) {
      // end tag: compared in place with the open element's name, nothing allocated
      if (top === doc) fail('an end tag without a start tag');
      const el = top as XmlElement;
      const pl = el.prefix.length;
      const at = pl ? lt + 3 + pl : lt + 2;
      let p = at + el.local.length;
      const same = (!pl || (text.startsWith(el.prefix, lt + 2) && text.charCodeAt(lt + 2 + pl) === 58)) && text.startsWith(el.local, at);
      if (!same || isNameChar(text.charCodeAt(p))) {
        NAME.lastIndex = lt + 2;
        fail(`</${NAME.exec(text)?.[0] ?? ''}> closes <${pl ? qnameOf(el) : el.local}>`);
      }
      let ch = text.charCodeAt(p);
      while (ch === 32 || ch === 9 || ch === 10 || ch === 13) ch = text.charCodeAt(++p);
      if (ch !== 62) fail('a malformed end tag');
      const close = p;
      if (el.ns !== NO_NS) scopes.pop();
      top = el.parent as XmlDocument | XmlElement;
      depth--;
      i = close + 1;
    } else if (c === 33) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment');
        const value = text.slice(lt + 4, end);
        if (top !== doc) top.children.push({ kind: 'comment', parent: top, order: order++, value, index: top.children.length });
        lines(lt, end);
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0 || top === doc) fail('a CDATA section outside an element or unterminated');
        addText(text.slice(lt + 9, end), true);
        lines(lt, end);
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, 'a DOCTYPE is not allowed in an iStandaard message', line);
      } else fail('a malformed <! construct');
    } else if (c === 63) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail('unterminated processing instruction');
      NAME.lastIndex = lt + 2;
      const target = NAME.exec(text)?.[0] ?? fail('a processing instruction without target');
      if (target.toLowerCase() === 'xml') fail('an XML declaration that is not at the start');
      const value = text.slice(lt + 2 + target.length, end).trim();
      if (top !== doc) top.children.push({ kind: 'pi', parent: top, order: order++, target, value, index: top.children.length });
      lines(lt, end);
      i = end + 2;
    } else {
      // start tag: the name runs to whitespace, / or >; checked against NAME once per distinct name
      let p = lt + 1;
      for (let ch = text.charCodeAt(p); p < len && ch !== 62 && ch !== 47 && ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13; ch = text.charCodeAt(++p));
      const qname = text.slice(lt + 1, p);
      let info = names.get(qname);
      if (!info) {
        NAME.lastIndex = lt + 1;
        const m = NAME.exec(text);
        if (!m || m[0] !== qname) fail('a malformed start tag');
        const colon = qname.indexOf(':');
        info = { prefix: colon < 0 ? '' : qname.slice(0, colon), local: colon < 0 ? qname : qname.slice(colon + 1) };
        names.set(qname, info);
      }
      let ns: Record<string, string> = NO_NS;
      let raw: [string, string][] | undefined;
      for (;;) {
        const ch = text.charCodeAt(p);
        if (ch === 62 /* > */ || (ch === 47 /* / */ && text.charCodeAt(p + 1) === 62)) break;
        ATTRIBUTE.lastIndex = p;
        const a = ATTRIBUTE.exec(text);
        if (!a || a.index !== p) {
          if (/\s/.test(text[p] ?? '')) {
            p++;
            continue;
          }
          fail(`a malformed attribute in <${qname}>`);
        }
        const attr = a as RegExpExecArray;
        const name = attr[1];
        const value = decode(attr[2] ?? attr[3]).replace(/[\t\n\r]/g, ' ');
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (ns === NO_NS) ns = {};
          const prefix = name === 'xmlns' ? '' : name.slice(6);
          if (prefix in ns) fail(`namespace prefix ${prefix} declared twice`);
          ns[prefix] = value;
        } else {
          raw ??= [];
          if (raw.some(([n]) => n === name)) fail(`attribute ${name} twice on <${qname}>`);
          raw.push([name, value]);
        }
        p += attr[0].length;
      }
      const selfClosing = text.charCodeAt(p) === 47;
      const tagEnd = selfClosing ? p + 2 : p + 1;
      if (top === doc && doc.children.some((k) => k.kind === 'element')) fail('a second root element');
      if (ns !== NO_NS) scopes.push(ns);
      const { prefix, local } = info;
      const uri = resolve(prefix);
      if (info.uri !== uri) {
        info.uri = uri;
        info.key = `${uri}|${local}`;
      }
      const el: XmlElement = {
        kind: 'element',
        parent: top,
        order: order++,
        uri,
        local,
        prefix,
        attributes: raw ? [] : NO_ATTRIBUTES,
        children: [],
        index: top.children.length,
        line,
        ns,
        key: info.key as string,
        dispatch: undefined,
      };
      if (raw) {
        for (const [name, value] of raw) {
          const ac = name.indexOf(':');
          const ap = ac < 0 ? '' : name.slice(0, ac);
          el.attributes.push({ kind: 'attribute', parent: el, order: order++, uri: ap ? resolve(ap) : '', local: ac < 0 ? name : name.slice(ac + 1), prefix: ap, value });
        }
      }
      top.children.push(el);
      if (depth + 1 > maxDepth) {
        maxDepth = depth + 1;
        deepest = el;
      }
      lines(lt, tagEnd);
      if (selfClosing) {
        if (ns !== NO_NS) scopes.pop();
      } else {
        top = el;
        depth++;
      }
      i = tagEnd;
    }
  }
  if (top !== doc) fail(`<${(top as XmlElement).local}> is not closed`);
  const root = doc.children.find((k): k is XmlElement => k.kind === 'element');
  if (!root) throw new IstandaardError(IstandaardErrorCode.MALFORMED_XML, 'the message has no root element');
  doc.root = root;
  doc.depth = maxDepth;
  doc.deepest = deepest as XmlElement;
  return doc;
}

const qnameOf = (el: XmlElement) => `${el.prefix}:${el.local}`;

/** After a name: anything that could continue it (so `</ab>` does not close `<a>`). */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 0xb7 || c >= 0xc0;
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
      forEachDescendant(node, (c) => {
        if (c.kind === 'text') s += c.value;
      });
      return s;
    }
  }
}

/**
 * Every node below `node` (attributes aside), in document order, without recursion: a hostile
 * message may nest elements thousands deep, more than the call stack holds.
 */
export function forEachDescendant(node: XmlDocument | XmlElement, visit: (n: XmlNode) => void): void {
  const stack: { n: XmlDocument | XmlElement; i: number }[] = [{ n: node, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.n.children.length) {
      stack.pop();
      continue;
    }
    const c = top.n.children[top.i++];
    visit(c);
    if (c.kind === 'element' && c.children.length) stack.push({ n: c, i: 0 });
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
