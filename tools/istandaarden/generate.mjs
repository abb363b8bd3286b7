#!/usr/bin/env node
// Generates libs/istandaarden/src/generated/ from the shipped iWmo/iJw 3.2 XSDs and rule reports:
// the TypeScript types of all 28 messages, the runtime schema the parser and writer walk, and the
// rule → retour code table. Run: `node tools/istandaarden/generate.mjs` (output is committed).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { SaxesParser } = require('saxes');
const lib = join(root, 'libs', 'istandaarden');
const resources = join(lib, 'resources');
const out = join(lib, 'src', 'generated');

const XS = 'http://www.w3.org/2001/XMLSchema';
const MESSAGES = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325'];
const STANDARDS = [
  { id: 'iwmo', dir: 'iwmo-3.2', file: (m) => `WMO${m}.xsd`, prefix: (m) => `wmo${m}`, typePrefix: 'Iwmo', msgPrefix: 'Wmo', xslt: 'TR-CD-CS_regels_WMO_3.2.xsl' },
  { id: 'ijw', dir: 'ijw-3.2', file: (m) => `JW${m}.xsd`, prefix: (m) => `jw${m}`, typePrefix: 'Ijw', msgPrefix: 'Jw', xslt: 'TR-CD-CS_regels_JW_3.2.xsl' },
];

function parseXml(text) {
  const parser = new SaxesParser({ xmlns: true });
  const rootNode = { children: [] };
  const stack = [rootNode];
  parser.on('opentag', (t) => {
    const node = { uri: t.uri, local: t.local, attrs: Object.fromEntries(Object.values(t.attributes).map((a) => [a.local, a.value])), ns: { ...t.ns }, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => (stack[stack.length - 1].text += t));
  parser.on('closetag', () => stack.pop());
  parser.write(text).close();
  return rootNode.children[0];
}

const xsChildren = (node, local) => node.children.filter((c) => c.uri === XS && (!local || c.local === local));
const xsChild = (node, local) => xsChildren(node, local)[0];
const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);
const docOf = (node) => {
  const doc = xsChild(node, 'annotation') && xsChild(xsChild(node, 'annotation'), 'documentation');
  return doc ? doc.text.trim().replace(/\s+/g, ' ') : undefined;
};

// A simpleType restriction: base kind, enumeration values, single fixed pattern.
function simpleOf(restriction, lookupBase) {
  const base = restriction.attrs.base;
  const enums = xsChildren(restriction, 'enumeration').map((e) => ({ value: e.attrs.value, doc: docOf(e) }));
  const patterns = xsChildren(restriction, 'pattern').map((p) => p.attrs.value);
  const [prefix, local] = base.split(':');
  let kind;
  if (prefix === 'xs') kind = { date: 'date', time: 'time', integer: 'integer', string: 'string' }[local];
  else kind = lookupBase(local).base;
  if (!kind) throw new Error(`unsupported base ${base}`);
  const def = { kind: 'simple', base: kind };
  if (enums.length) def.enum = enums;
  if (prefix !== 'xs') def.restricts = local;
  // A message pins BerichtCode, BerichtVersie and BerichtSubversie with one literal pattern.
  if (patterns.length === 1 && /^[0-9A-Za-z]+$/.test(patterns[0])) def.fixed = patterns[0];
  return def;
}

function loadStandard(std) {
  const dir = join(resources, std.dir, 'xsd');
  const basis = parseXml(readFileSync(join(dir, 'basisschema.xsd'), 'utf8'));
  const basisNs = basis.attrs.targetNamespace;
  const types = {}; // key → def
  const lookupBase = (local) => {
    const def = types[`base.${local}`];
    if (!def) throw new Error(`unknown base type ${local}`);
    return def;
  };
  for (const st of xsChildren(basis, 'simpleType')) {
    types[`base.${st.attrs.name}`] = { ...simpleOf(xsChild(st, 'restriction'), lookupBase), name: st.attrs.name, doc: docOf(st) };
  }
  const complexOf = (ct, scope, schemaRoot, nsKind) => {
    const fields = [];
    for (const el of xsChildren(xsChild(ct, 'sequence'), 'element')) {
      let type;
      if (el.attrs.type) {
        const [p, local] = el.attrs.type.split(':');
        // saxes reports only the bindings declared on a tag itself; the XSDs declare theirs on xs:schema.
        type = (el.ns[p] ?? schemaRoot.ns[p]) === basisNs ? `base.${local}` : `${scope}.${local}`;
      } else {
        const st = xsChild(el, 'simpleType');
        const key = `${scope}.${ct.attrs.name}.${el.attrs.name}`;
        types[key] = simpleOf(xsChild(st, 'restriction'), lookupBase);
        type = key;
      }
      fields.push({
        xml: el.attrs.name,
        prop: camel(el.attrs.name),
        ns: nsKind,
        min: Number(el.attrs.minOccurs ?? 1),
        many: (el.attrs.maxOccurs ?? '1') !== '1',
        type,
        doc: docOf(el),
      });
    }
    return { kind: 'complex', name: ct.attrs.name, fields, doc: docOf(ct) };
  };
  for (const ct of xsChildren(basis, 'complexType')) types[`base.${ct.attrs.name}`] = complexOf(ct, 'base', basis, 'base');

  const messages = [];
  for (const m of MESSAGES) {
    const file = std.file(m);
    const xsd = parseXml(readFileSync(join(dir, file), 'utf8'));
    const scope = std.prefix(m);
    for (const st of xsChildren(xsd, 'simpleType')) {
      types[`${scope}.${st.attrs.name}`] = { ...simpleOf(xsChild(st, 'restriction'), lookupBase), name: st.attrs.name };
    }
    for (const ct of xsChildren(xsd, 'complexType')) types[`${scope}.${ct.attrs.name}`] = complexOf(ct, scope, xsd, 'message');
    const rootEl = xsChild(xsd, 'element');
    const header = types[`${scope}.Header`];
    const code = types[header.fields.find((f) => f.xml === 'BerichtCode').type].fixed;
    messages.push({ messageType: m, berichtCode: Number(code), namespace: xsd.attrs.targetNamespace, prefix: scope, xsd: file, root: `${scope}.${rootEl.attrs.type.split(':')[1]}` });
  }
  // A wrapper class that holds nothing but one repeated class becomes an array in TypeScript.
  for (const def of Object.values(types)) {
    if (def.kind !== 'complex') continue;
    for (const f of def.fields) {
      const t = types[f.type];
      if (t.kind === 'complex' && t.fields.length === 1 && t.fields[0].many && !f.many) {
        f.wrap = { xml: t.fields[0].xml, ns: t.fields[0].ns, type: t.fields[0].type };
      }
    }
  }
  return { basisNs, types, messages };
}

// --- rule reports: TRxxx/CDxxx/CSxxx → retour code and level ---
function parseCsv(text) {
  text = text.replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  const [head, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

function loadRules(std) {
  const file = std.id === 'iwmo' ? 'regelrapport-iwmo-3.2.0_regels.csv' : 'Regels_iStandaarden_iJw_versie_3.2.csv';
  const rules = {};
  for (const r of parseCsv(readFileSync(join(resources, std.dir, 'regels', file), 'utf8'))) {
    if (!/^(TR|CD|CS|RS|OP)\d+/.test(r.Regelcode)) continue;
    rules[r.Regelcode] = { retourCode: r.Retourcode || null, level: r.Controleniveau || null, title: r.Titel.replace(/^[A-Z]{2}\d+:\s*/, '').split('\n')[0] };
  }
  return rules;
}

// --- emit ---
const header = '// Generated by tools/istandaarden/generate.mjs from libs/istandaarden/resources. Do not edit.\n';
const tsName = (std, key, types) => {
  const [scope, ...rest] = key.split('.');
  const def = types[key];
  if (scope === 'base') return `${std.typePrefix}${def.name.replace(/^(CDT|LDT)_/, '')}`;
  const msg = `${std.msgPrefix}${scope.replace(/\D/g, '')}`;
  return rest.length === 1 ? `${msg}${rest[0] === 'Root' ? 'Bericht' : rest[0]}` : `${msg}${rest.join('')}`;
};
const q = (s) => JSON.stringify(s);

function emitTypes(loaded) {
  let ts = header;
  const union = [];
  for (const { std, model } of loaded) {
    const { types, messages } = model;
    const leafTs = (key) => {
      const t = types[key];
      if (t.fixed !== undefined) return t.base === 'integer' ? t.fixed : q(t.fixed);
      if (t.enum) return key.startsWith('base.') ? tsName(std, key, types) : t.enum.map((e) => q(e.value)).join(' | ');
      if (t.restricts && types[`base.${t.restricts}`].enum) return tsName(std, `base.${t.restricts}`, types);
      return t.base === 'integer' ? 'number' : 'string';
    };
    const refTs = (key) => (types[key].kind === 'complex' ? tsName(std, key, types) : leafTs(key));
    ts += `\n// ---- ${std.id} 3.2: code lists (xs:enumeration of the basisschema) ----\n`;
    for (const [key, t] of Object.entries(types)) {
      if (!key.startsWith('base.') || t.kind !== 'simple' || !t.enum) continue;
      ts += `export type ${tsName(std, key, types)} = ${t.enum.map((e) => q(e.value)).join(' | ')};\n`;
    }
    ts += `\n// ---- ${std.id} 3.2: classes ----\n`;
    const used = new Set();
    const visit = (key) => {
      if (used.has(key) || types[key].kind !== 'complex') return;
      used.add(key);
      for (const f of types[key].fields) visit(f.wrap ? f.wrap.type : f.type);
    };
    for (const m of messages) visit(m.root);
    for (const key of used) {
      const t = types[key];
      if (key.endsWith('.Root')) continue;
      const body = t.fields
        .map((f) => {
          const type = f.wrap ? `${refTs(f.wrap.type)}[]` : f.many ? `${refTs(f.type)}[]` : refTs(f.type);
          return `  ${f.prop}${f.min === 0 ? '?' : ''}: ${type};`;
        })
        .join('\n');
      ts += `export interface ${tsName(std, key, types)} {\n${body}\n}\n`;
    }
    ts += `\n// ---- ${std.id} 3.2: messages ----\n`;
    for (const m of messages) {
      const name = tsName(std, m.root, types);
      const body = types[m.root].fields.map((f) => `  ${f.prop}${f.min === 0 ? '?' : ''}: ${f.wrap ? `${refTs(f.wrap.type)}[]` : refTs(f.type)};`).join('\n');
      ts += `export interface ${name} {\n  standard: ${q(std.id)};\n  messageType: ${q(m.messageType)};\n${body}\n}\n`;
      union.push(name);
    }
  }
  ts += `\nexport type IstandaardMessage =\n${union.map((u) => `  | ${u}`).join('\n')};\n`;
  return ts;
}

function emitSchema(loaded) {
  let ts = header;
  ts += `import type { SchemaModel } from '../schema/schema-model';\n\n`;
  for (const { std, model } of loaded) {
    const types = {};
    for (const [key, t] of Object.entries(model.types)) {
      if (t.kind === 'simple') {
        const d = { kind: 'simple', base: t.base };
        const en = t.enum ?? (t.restricts ? model.types[`base.${t.restricts}`].enum : undefined);
        if (en) d.enum = en.map((e) => e.value);
        if (t.fixed !== undefined) d.fixed = t.fixed;
        types[key] = d;
      } else {
        types[key] = {
          kind: 'complex',
          fields: t.fields.map((f) => ({ xml: f.xml, prop: f.prop, ns: f.ns, min: f.min, many: f.many, type: f.type, ...(f.wrap ? { wrap: f.wrap } : {}) })),
        };
      }
    }
    const exported = {
      standard: std.id,
      basisNamespace: model.basisNs,
      basisPrefix: std.id,
      xsdDir: `${std.dir}/xsd`,
      xslt: `${std.dir}/xslt/${std.xslt}`,
      messages: model.messages,
      types,
    };
    ts += `export const ${std.id.toUpperCase()}_SCHEMA: SchemaModel = ${JSON.stringify(exported)};\n\n`;
  }
  return ts;
}

// Logical keys per message class (the rule report's Sleutelelement column), for TR101.
function loadKeys(std) {
  const file = std.id === 'iwmo' ? 'regelrapport-iwmo-3.2.0_regels-per-berichtelement.csv' : 'Regels_per_data-element_in_een_bericht.csv';
  const keys = {};
  for (const r of parseCsv(readFileSync(join(resources, std.dir, 'regels', file), 'utf8'))) {
    const m = /^(WMO|JW)(\d{3})$/.exec(r.Bericht);
    if (!m || !/^ja$/i.test(r.Sleutelelement || '')) continue;
    const element = (r['Berichtelement\\Datatype'] || '').split('\\')[0];
    if (!element || r['CDT-element\\Datatype']) continue;
    const cls = ((keys[m[2]] ??= {})[r.Berichtklasse] ??= []);
    if (!cls.includes(element)) cls.push(element);
  }
  return keys;
}

function emitRules(loaded) {
  let ts = header + `import type { RuleInfo } from '../rules/rule-info';\n\n`;
  for (const { std, rules, keys } of loaded) {
    ts += `export const ${std.id.toUpperCase()}_RULES: Readonly<Record<string, RuleInfo>> = ${JSON.stringify(rules, null, 1)};\n\n`;
    ts += `/** Logical key elements per message and class (Sleutelelement in the rule report). */\n`;
    ts += `export const ${std.id.toUpperCase()}_KEYS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = ${JSON.stringify(keys)};\n\n`;
  }
  return ts;
}

const loaded = STANDARDS.map((std) => ({ std, model: loadStandard(std), rules: loadRules(std), keys: loadKeys(std) }));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'message-types.generated.ts'), emitTypes(loaded));
writeFileSync(join(out, 'schema.generated.ts'), emitSchema(loaded));
writeFileSync(join(out, 'rules.generated.ts'), emitRules(loaded));
for (const { std, model, rules } of loaded) {
  console.log(`${std.id}: ${model.messages.length} messages, ${Object.keys(model.types).length} types, ${Object.keys(rules).length} rules`);
}
