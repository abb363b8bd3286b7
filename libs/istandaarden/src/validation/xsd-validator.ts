import { readFileSync } from 'fs';
import { join } from 'path';
import { validateXML } from 'xmllint-wasm';
import type { MessageKind } from '../message/message-registry';
import { resourcesDir } from '../resources';
import { pathOf, XmlDocument, XmlElement } from '../xml/xml-document';
import type { Finding } from './finding';

// Level 1: libxml2's XSD validator (xmllint compiled to WASM) against the shipped schemas. It
// reports a line and an element name; the element's path is looked up in our own parse.

const schemaTexts = new Map<string, string>();
const read = (file: string) => {
  let text = schemaTexts.get(file);
  if (text === undefined) schemaTexts.set(file, (text = readFileSync(join(resourcesDir(), file), 'utf8')));
  return text;
};

const PAGE = 64 * 1024;

/**
 * `bytes`, when the caller still has the file as received, goes to the worker as it is: a string
 * would be cloned as UTF-16 (twice the size) and encoded to UTF-8 again inside the worker.
 */
export async function validateXsd(kind: MessageKind, text: string, doc: XmlDocument, bytes?: Uint8Array): Promise<Finding[]> {
  const dir = kind.schema.xsdDir;
  const contents = bytes ?? Buffer.from(text, 'utf8');
  const size = contents.byteLength;
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents }],
    schema: [{ fileName: kind.def.xsd, contents: read(`${dir}/${kind.def.xsd}`) }],
    preload: [{ fileName: 'basisschema.xsd', contents: read(`${dir}/basisschema.xsd`) }],
    // libxml2 keeps the tree in memory: room for about 12× the document, within WASM's 4 GiB.
    initialMemoryPages: Math.min(65536, Math.max(256, Math.ceil((size * 12) / PAGE))),
    maxMemoryPages: 65536,
  });
  if (result.valid) return [];
  const byLine = new Map<number, XmlElement[]>();
  // Iterative: a hostile message may nest thousands of elements deep.
  const todo: XmlElement[] = [doc.root];
  while (todo.length) {
    const el = todo.pop() as XmlElement;
    const list = byLine.get(el.line);
    if (list) list.push(el);
    else byLine.set(el.line, [el]);
    for (let k = el.children.length - 1; k >= 0; k--) {
      const c = el.children[k];
      if (c.kind === 'element') todo.push(c);
    }
  }
  return result.errors
    .map((e) => {
      const name = /Element '(?:\{[^}]*\})?([^']+)'/.exec(e.message)?.[1];
      const candidates = e.loc ? byLine.get(e.loc.lineNumber) ?? [] : [];
      const el = candidates.find((c) => c.local === name) ?? candidates[0];
      return {
        level: 'xsd' as const,
        code: 'XSD',
        retourCode: '0001' as const,
        path: el ? pathOf(el) : '/Bericht',
        message: e.message.replace(/^.*?Schemas validity error : /, '').trim(),
      };
    });
}
