#!/usr/bin/env node
// `npm run openapi:generate`: the response side of every service's OpenAPI document, from the
// TypeScript types the controllers declare (`Promise<Page<ProviderView>>`). Request bodies, query
// and path parameters come at run time from the class-validator classes that validate them
// (libs/platform/src/openapi.ts); responses are interfaces, which leave no trace at run time, so
// this reads them with the compiler and writes libs/platform/src/openapi.responses.generated.ts.
// tools/openapi/openapi.spec.ts fails when that file is stale.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const ts = require('typescript');

export const OUTPUT = join(root, 'libs', 'platform', 'src', 'openapi.responses.generated.ts');
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
/** Types whose wire form is a string (JSON.stringify of a Date; a branded date). */
const DATE_ALIASES = { IsoDate: 'date', IsoDateTime: 'date-time' };

function decoratorsOf(node) {
  return (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? [];
}
function decoratorName(d) {
  const e = d.expression;
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) ? e.expression.text : undefined;
}

/** The project a source file belongs to: an app's name, or `libs` for the shared controllers. */
function ownerOf(file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'apps' ? parts[1] : 'libs';
}

function firstSentence(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A full stop ends the sentence unless it ends an abbreviation (`AVG art. 15`, `e.g.`).
  const m = /^(.+?(?<!\b(?:art|e\.g|i\.e|nr|no|lid|cf))\.)(\s|$)/.exec(flat);
  return (m ? m[1] : flat).replace(/\.$/, '');
}

class SchemaWriter {
  constructor(checker) {
    this.checker = checker;
    this.components = {};
    this.inProgress = new Set();
    this.names = new Map();
  }

  /** A JSON schema (OpenAPI 3.0 dialect) for a type; named interfaces become components. */
  schemaOf(type, declaredTypeNode, depth = 0) {
    const c = this.checker;
    const aliasText = declaredTypeNode && ts.isTypeReferenceNode(declaredTypeNode) ? declaredTypeNode.typeName.getText() : undefined;
    if (aliasText && DATE_ALIASES[aliasText]) return { type: 'string', format: DATE_ALIASES[aliasText] };
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never)) return undefined;
    if (type.isUnion()) return this.unionSchema(type, declaredTypeNode, depth);
    if (type.isIntersection()) return { allOf: type.types.map((t) => this.schemaOf(t, undefined, depth + 1) ?? {}) };
    if (c.isArrayType(type) || c.isTupleType(type)) {
      const [item] = c.getTypeArguments(type);
      const itemNode = declaredTypeNode && ts.isArrayTypeNode(declaredTypeNode) ? declaredTypeNode.elementType : undefined;
      return { type: 'array', items: (item && this.schemaOf(item, itemNode, depth + 1)) ?? {} };
    }
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const name = symbol?.getName();
    if (name === 'Date') return { type: 'string', format: 'date-time' };
    if (name === 'Buffer' || name === 'Uint8Array' || name === 'Readable' || name === 'StreamableFile') return { type: 'string', format: 'binary' };
    if (name === 'Promise') return this.schemaOf(c.getTypeArguments(type)[0] ?? type.aliasTypeArguments?.[0], undefined, depth);
    if (f & ts.TypeFlags.Object) return this.objectSchema(type, symbol, depth);
    return {};
  }

  /** A type's component name: its own, or prefixed by its file's name when another type of the project has it. */
  componentName(name, declaration) {
    const known = this.names.get(declaration);
    if (known) return known;
    const taken = [...this.names.values()].includes(name);
    const file = declaration.getSourceFile().fileName.split('/').pop().replace(/\.ts$/, '');
    const prefix = file.split(/[.-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    const chosen = taken ? `${prefix}${name}` : name;
    this.names.set(declaration, chosen);
    return chosen;
  }

  unionSchema(type, node, depth) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
    const nullable = members.length < type.types.length && type.types.some((t) => t.flags & ts.TypeFlags.Null);
    let schema;
    if (members.length && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = { type: 'boolean' };
    else if (members.length && members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) schema = { type: 'string', enum: members.map((t) => t.value) };
    else if (members.length && members.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) schema = { type: 'number', enum: members.map((t) => t.value) };
    else if (members.length === 1) {
      const memberNode = node && ts.isUnionTypeNode(node) ? node.types.find((t) => !isNullish(t)) : node;
      schema = this.schemaOf(members[0], memberNode, depth + 1) ?? {};
    }
    else {
      // `true | false | X` arrives as three members: fold the boolean literals into one.
      const bools = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      const variants = rest.map((t) => this.schemaOf(t, undefined, depth + 1) ?? {});
      if (bools.length) variants.push({ type: 'boolean' });
      // A TypeScript union is anyOf: nothing keeps a value from fitting two members (a restricted
      // view is a subset of the full one), which oneOf would refuse.
      schema = variants.length === 1 ? variants[0] : { anyOf: variants };
    }
    return nullable ? withNullable(schema) : schema;
  }

  objectSchema(type, symbol, depth) {
    const c = this.checker;
    const name = symbol?.getName();
    const declaration = symbol?.declarations?.[0];
    const fromProject = declaration && !declaration.getSourceFile().fileName.includes('node_modules');
    const generic = (type.aliasTypeArguments?.length ?? 0) > 0 || (type.objectFlags & ts.ObjectFlags.Reference && c.getTypeArguments(type).length > 0);
    const named = fromProject && name && !name.startsWith('__') && !generic && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isClassDeclaration(declaration));
    if (named) {
      const component = this.componentName(name, declaration);
      const ref = { $ref: `#/components/schemas/${component}` };
      if (this.components[component] || this.inProgress.has(component)) return ref;
      this.inProgress.add(component);
      const schema = this.propertiesSchema(type, depth);
      const doc = ts.displayPartsToString(symbol.getDocumentationComment(c)).trim();
      if (doc) schema.description = doc;
      this.components[component] = schema;
      this.inProgress.delete(component);
      return ref;
    }
    if (depth > 12) return { type: 'object' };
    return this.propertiesSchema(type, depth);
  }

  propertiesSchema(type, depth) {
    const c = this.checker;
    const properties = {};
    const required = [];
    // In declaration order: a mapped type's (Pick<>, Omit<>) own order follows the checker's type
    // creation order, which moves with unrelated files; the declarations' places do not.
    const place = (p) => {
      const d = p.valueDeclaration ?? p.declarations?.[0];
      return d ? `${d.getSourceFile().fileName}:${String(d.pos).padStart(9, '0')}` : `~${p.getName()}`;
    };
    const props = [...c.getPropertiesOfType(type)].sort((a, b) => (place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : 0));
    for (const prop of props) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (decl && (ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl))) continue;
      // A mapped type's property (`Record<FundKind, number>`) has no declaration of its own: its
      // type is the symbol's (getDeclaredTypeOfSymbol would give the key, not the value).
      const propType = decl && !(prop.flags & ts.SymbolFlags.Transient) ? c.getTypeOfSymbolAtLocation(prop, decl) : c.getTypeOfSymbol(prop);
      const schema = this.schemaOf(propType, decl && decl.type, depth + 1);
      if (schema === undefined) continue;
      const doc = ts.displayPartsToString(prop.getDocumentationComment(c)).trim();
      properties[prop.getName()] = doc && !schema.$ref ? { ...schema, description: doc } : schema;
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.getName());
    }
    const index = c.getIndexInfosOfType(type)[0];
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    if (index) schema.additionalProperties = this.schemaOf(index.type, undefined, depth + 1) ?? {};
    return schema;
  }
}

function isNullish(typeNode) {
  return (ts.isLiteralTypeNode(typeNode) && typeNode.literal.kind === ts.SyntaxKind.NullKeyword) || typeNode.kind === ts.SyntaxKind.UndefinedKeyword;
}

function withNullable(schema) {
  return schema.$ref ? { type: 'object', allOf: [schema], nullable: true } : { ...schema, nullable: true };
}

/** Every controller method's response schema and summary, by project and `Class.method`. */
export function generate() {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = parsed.fileNames.filter((f) => /\/(apps|libs)\/[^/]+\/src\//.test(f) && !f.endsWith('.spec.ts'));
  const program = ts.createProgram(files, parsed.options);
  const checker = program.getTypeChecker();
  const out = {};
  const writers = {};
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    if (!sf.text.includes('@Controller(')) continue;
    const owner = ownerOf(sf.fileName);
    const writer = (writers[owner] ??= new SchemaWriter(checker));
    sf.forEachChild((cls) => {
      if (!ts.isClassDeclaration(cls) || !cls.name) return;
      if (!decoratorsOf(cls).some((d) => decoratorName(d) === 'Controller')) return;
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member) || !member.name) continue;
        if (!decoratorsOf(member).some((d) => HTTP_DECORATORS.has(decoratorName(d)))) continue;
        const signature = checker.getSignatureFromDeclaration(member);
        let returned = signature && checker.getReturnTypeOfSignature(signature);
        let typeNode = member.type;
        if (returned?.getSymbol()?.getName() === 'Promise') {
          returned = checker.getTypeArguments(returned)[0];
          typeNode = typeNode && ts.isTypeReferenceNode(typeNode) ? typeNode.typeArguments?.[0] : undefined;
        }
        const schema = returned ? writer.schemaOf(returned, typeNode) : undefined;
        const docs = ts.getJSDocCommentsAndTags(member).map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment) ?? '')).join(' ').trim();
        const entry = {};
        if (schema && Object.keys(schema).length) entry.schema = schema;
        if (docs) {
          entry.summary = firstSentence(docs);
          entry.description = docs.replace(/\s+/g, ' ');
        }
        (out[owner] ??= { components: {}, operations: {} }).operations[`${cls.name.text}.${member.name.getText()}`] = entry;
      }
    });
    if (out[owner]) out[owner].components = writer.components;
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, { components: sortKeys(out[k].components), operations: sortKeys(out[k].operations) }]));
  return [
    '// Generated by tools/openapi/generate.mjs (`npm run openapi:generate`) from the return types of every',
    "// controller method; do not edit. tools/openapi/openapi.spec.ts fails when it is stale.",
    "import type { ResponseCatalogue } from './openapi.responses';",
    '',
    `export const RESPONSE_CATALOGUE: ResponseCatalogue = ${JSON.stringify(sorted, null, 1)};`,
    '',
  ].join('\n');
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = generate();
  const before = (() => {
    try {
      return readFileSync(OUTPUT, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (before !== text) {
      console.error(`[openapi] ${relative(root, OUTPUT)} is stale: a controller's return type changed; run npm run openapi:generate and commit the result`);
      process.exit(1);
    }
    console.log(`[openapi] ${relative(root, OUTPUT)} is up to date`);
    process.exit(0);
  }
  if (before !== text) writeFileSync(OUTPUT, text);
  console.log(`[openapi] ${relative(root, OUTPUT)} ${before === text ? 'is up to date' : 'written'} (${(text.length / 1024).toFixed(0)} KiB)`);
}
