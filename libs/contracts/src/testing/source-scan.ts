// Tooling, not a runtime part of the contracts (testing/ is not exported and not in the image):
// reads the apps' sources statically, with the TypeScript compiler's parser, for the generated
// documentation (docs/api/asyncapi.json, apps/<app>/README.md) and the checks that it is true.
//
// Besides the decorators and calls it recognises (`@OnEvent`, `@MessagePattern`, `rpc.request`,
// an event object for the outbox, `@Controller` routes), it reads what the code declares in doc
// comments, where a message is used by other means or on another's behalf:
//   @consumes LIST        on an app's class that reads streams itself (JetStream consumers of its
//                         own): it consumes the event types of LIST, a top-level const of the app
//                         (subjects, or objects with a `type` subject).
//   @registeredFor LIST   on a lib's function or class that the platform registers in every service
//                         of LIST (a `ServiceName[]` libs/contracts exports, or SERVICES): its uses
//                         and routes count for each of them, its first parameter being that service.
//   @registeredVia NAME   on a lib's class that runs in the apps importing NAME (a module) from the
//                         lib: its uses and routes count for each of them.
// A lib's message use outside such a declaration is attributed to no app (libUsesWithoutOwner
// lists them, and a spec keeps the list empty).
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { isEventSubject, isRequestSubject } from '../common/subjects';
import { Role } from '../common/roles';
import * as contracts from '../index';

/** One HTTP route of an app, as its controller declares it. */
export interface Route {
  method: string;
  /** The full path as a client calls it: `/api/housing/v1/nominations/{id}`. */
  path: string;
  roles: string[];
  public: boolean;
  /** The handler's doc comment (first sentence), if any. */
  summary?: string;
  /** `Controller.method`, and where it is (repository-relative). */
  handler: string;
  file: string;
}

/** A place in an app's source (or a lib's, on its behalf) that uses a message: what it does with it, and where. */
export interface MessageUse {
  subject: string;
  /** publishes: an event object `{ type: SUBJECT, … }` (for the outbox); consumes: `@OnEvent`, `@OnEventBatch` or a class's `@consumes`; answers: `@MessagePattern` or a subscription; calls: `rpc.request`. */
  role: 'publishes' | 'consumes' | 'answers' | 'calls';
  file: string;
}

export interface AppScan {
  app: string;
  routes: Route[];
  uses: MessageUse[];
}

const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);

// Subject constants by their exported name (PROVISION_GRANTED_V1 → access.provision.granted.v1).
const SUBJECTS: ReadonlyMap<string, string> = new Map(
  (Object.entries(contracts) as Array<[string, unknown]>).filter((e): e is [string, string] => typeof e[1] === 'string' && (isEventSubject(e[1]) || isRequestSubject(e[1]))),
);
const ROLE_VALUES: Readonly<Record<string, string>> = Role as unknown as Record<string, string>;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && name !== 'database') out.push(...sourceFiles(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const decoratorsOf = (node: ts.Node): readonly ts.Decorator[] => (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []);

function decoratorCall(d: ts.Decorator): { name: string; args: readonly ts.Expression[] } | undefined {
  if (!ts.isCallExpression(d.expression)) return undefined;
  const callee = d.expression.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name ? { name, args: d.expression.arguments } : undefined;
}

/** A decorator's path argument: `'v1/x'`, `['v1/x']` (the first), `{ path: 'v1/x' }`, or none. */
function pathArg(args: readonly ts.Expression[]): string {
  const a = args[0];
  if (!a) return '';
  if (ts.isStringLiteralLike(a)) return a.text;
  if (ts.isArrayLiteralExpression(a) && a.elements[0] && ts.isStringLiteralLike(a.elements[0])) return a.elements[0].text;
  if (ts.isObjectLiteralExpression(a)) {
    for (const p of a.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === 'path' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
    }
  }
  return '';
}

/** Role lists an app names once (`const WRITERS = [Role.A, Role.B] as const`), by name: a file's own first, then the app's. */
type RoleLists = { file: Map<string, string[]>; app: Map<string, string[]> };

function roleValue(e: ts.Expression, lists: RoleLists): string[] {
  if (ts.isPropertyAccessExpression(e) && e.expression.getText() === 'Role') return [ROLE_VALUES[e.name.text] ?? e.getText()];
  if (ts.isStringLiteralLike(e)) return [e.text];
  if (ts.isSpreadElement(e) && ts.isIdentifier(e.expression)) {
    const list = lists.file.get(e.expression.text) ?? lists.app.get(e.expression.text);
    if (list) return list;
  }
  return [e.getText()];
}

/** Top-level `const NAME = [Role.X, …]` (with or without `as const`) of one file. */
function roleListsOf(sf: ts.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (!ts.isIdentifier(d.name) || !init || !ts.isArrayLiteralExpression(init)) continue;
      if (!init.elements.length || !init.elements.every((e) => ts.isPropertyAccessExpression(e) && e.expression.getText() === 'Role')) continue;
      out.set(d.name.text, init.elements.map((e) => ROLE_VALUES[(e as ts.PropertyAccessExpression).name.text] ?? e.getText()));
    }
  }
  return out;
}

function rolesOf(decorators: readonly ts.Decorator[], lists: RoleLists): { roles: string[]; public: boolean } {
  const roles: string[] = [];
  let isPublic = false;
  for (const d of decorators) {
    const call = decoratorCall(d);
    if (call?.name === 'Public') isPublic = true;
    if (call?.name !== 'Roles') continue;
    for (const a of call.args) roles.push(...roleValue(a, lists));
  }
  return { roles: [...new Set(roles)], public: isPublic };
}

/** `@ApiOperation({ summary })` when the route has one (the OpenAPI document's), else its doc comment's first sentence. */
function summaryOf(node: ts.Node): string | undefined {
  for (const d of decoratorsOf(node)) {
    const call = decoratorCall(d);
    const arg = call?.name === 'ApiOperation' ? call.args[0] : undefined;
    if (!arg || !ts.isObjectLiteralExpression(arg)) continue;
    for (const p of arg.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === 'summary' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text.replace(/\s+/g, ' ').trim();
    }
  }
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  // A sentence ends before a capital or at the end: `(AVG art. 15)` and `e.g. a` go on.
  const sentence = /^(.+?[.!?])(\s+(?=[A-Z`])|$)/.exec(text);
  return sentence ? sentence[1] : text;
}

/** `/api/<app>/` (the global prefix every service sets) + controller path + method path, `:id` written `{id}`. */
export function routePath(app: string, controllerPath: string, methodPath: string): string {
  const parts = [controllerPath, methodPath].flatMap((p) => p.split('/')).filter(Boolean);
  return `/api/${app}/${parts.map((p) => (p.startsWith(':') ? `{${p.slice(1)}}` : p)).join('/')}`.replace(/\/$/, '');
}

// What libs/contracts exports, for evaluating a subject built from a service name
// (`processingLogSearchSubject(service)`) and the service lists a declaration names.
const CONTRACTS = contracts as unknown as Record<string, unknown>;
const SERVICE_NAMES: ReadonlySet<string> = new Set(contracts.SERVICES);

function serviceList(name: string): string[] | undefined {
  const v = CONTRACTS[name];
  return Array.isArray(v) && v.length && v.every((s) => typeof s === 'string' && SERVICE_NAMES.has(s)) ? (v as string[]) : undefined;
}

/** How a use is evaluated: the service a lib's declaration runs for, bound to its parameter's name. */
interface Scope {
  /** A name that stands for one service (the `@registeredFor` declaration's first parameter). */
  bound?: { name: string; service: string };
}

/** `const name = …` in a block around `from` (the nearest first): a subject or a service kept in a local. */
function localConst(name: string, from: ts.Node): ts.Expression | undefined {
  for (let n: ts.Node | undefined = from.parent; n; n = n.parent) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    for (const st of n.statements) {
      if (!ts.isVariableStatement(st) || st.pos >= from.pos) continue;
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
  }
  return undefined;
}

/** The services an identifier stands for: the bound one, or the elements of `LIST.map((name) => …)` over a contracts list. */
function servicesOf(id: ts.Identifier, scope: Scope): string[] | undefined {
  if (scope.bound?.name === id.text) return [scope.bound.service];
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) continue;
    if (!n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) continue;
    const call = n.parent;
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression)) return serviceList(call.expression.expression.text);
    return undefined;
  }
  const init = localConst(id.text, id);
  return init && ts.isIdentifier(init) ? servicesOf(init, scope) : undefined;
}

/** The subjects an expression names: a subject constant or string, `prefixed(SUBJECT)`, a local holding one, or `subjectOf(service)` over the services it stands for. */
function subjectsOf(e: ts.Expression | undefined, scope: Scope = {}): string[] {
  if (!e) return [];
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const inner = subjectsOf(e.arguments[0], scope); // prefixed(SUBJECT)
    if (inner.length) return inner;
    const fn = ts.isIdentifier(e.expression) ? CONTRACTS[e.expression.text] : undefined;
    const arg = e.arguments[0];
    const services = ts.isIdentifier(arg) ? servicesOf(arg, scope) : ts.isStringLiteralLike(arg) && SERVICE_NAMES.has(arg.text) ? [arg.text] : undefined;
    if (typeof fn !== 'function' || !services) return [];
    return services.map((s) => (fn as (s: string) => unknown)(s)).filter((x): x is string => typeof x === 'string' && (isEventSubject(x) || isRequestSubject(x)));
  }
  if (ts.isIdentifier(e)) {
    const s = SUBJECTS.get(e.text);
    if (s) return [s];
    const init = localConst(e.text, e);
    return init ? subjectsOf(init, scope) : [];
  }
  if (ts.isPropertyAccessExpression(e)) {
    const s = SUBJECTS.get(e.name.text);
    return s ? [s] : [];
  }
  if (ts.isStringLiteralLike(e) && (isEventSubject(e.text) || isRequestSubject(e.text))) return [e.text];
  return [];
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

/** A doc comment's tag on a declaration: `@consumes WEBHOOK_EVENT_TYPES` → `WEBHOOK_EVENT_TYPES`. */
function tagOf(node: ts.Node, tag: string): string | undefined {
  const t = ts.getJSDocTags(node).find((x) => x.tagName.text === tag);
  if (!t) return undefined;
  const text = (ts.getTextOfJSDocComment(t.comment) ?? '').trim().split(/\s+/)[0];
  if (!text) throw new Error(`${node.getSourceFile().fileName}: @${tag} needs a name`);
  return text;
}

/** The event types of a top-level const of the app (`[SUBJECT, …]` or `[{ type: SUBJECT, … }, …]`), for `@consumes`. */
function eventTypesOf(name: string, files: readonly ts.SourceFile[]): string[] {
  for (const sf of files) {
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        let init = d.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
        if (!init || !ts.isArrayLiteralExpression(init)) throw new Error(`${sf.fileName}: @consumes ${name} needs an array literal`);
        const subjects = init.elements.flatMap((el) => {
          if (!ts.isObjectLiteralExpression(el)) return subjectsOf(el);
          const type = el.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'type');
          return subjectsOf(type?.initializer);
        });
        if (subjects.length !== init.elements.length || !subjects.every(isEventSubject)) throw new Error(`${sf.fileName}: @consumes ${name}: not every element names an event subject`);
        return subjects;
      }
    }
  }
  throw new Error(`@consumes ${name}: no top-level const ${name} in the app's sources`);
}

/** What one file (or one declaration in it) of an app, or of a lib on the app's behalf, does: routes and message uses. */
function scanNode(app: string, root: string, top: ts.Node, appFiles: readonly ts.SourceFile[], appRoleLists: Map<string, string[]>, scan: AppScan, scope: Scope = {}): void {
  const sf = top.getSourceFile();
  const file = sf.fileName;
  const lists: RoleLists = { file: roleListsOf(sf), app: appRoleLists };
  const rel = relative(root, file).split('\\').join('/');
  const use = (subjects: readonly string[], role: MessageUse['role']) => {
    for (const subject of subjects) if (!scan.uses.some((u) => u.subject === subject && u.role === role && u.file === rel)) scan.uses.push({ subject, role, file: rel });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) {
      const consumes = tagOf(node, 'consumes');
      if (consumes) use(eventTypesOf(consumes, appFiles), 'consumes');
      const controller = decoratorsOf(node).map(decoratorCall).find((c) => c?.name === 'Controller');
      if (controller) {
        const classAuth = rolesOf(decoratorsOf(node), lists);
        for (const m of node.members) {
          if (!ts.isMethodDeclaration(m)) continue;
          const http = decoratorsOf(m).map(decoratorCall).find((c) => c && HTTP_METHODS.has(c.name));
          if (!http) continue;
          const auth = rolesOf(decoratorsOf(m), lists);
          scan.routes.push({
            method: http.name === 'All' ? 'ALL' : http.name.toUpperCase(),
            path: routePath(app, pathArg(controller.args), pathArg(http.args)),
            roles: auth.roles.length ? auth.roles : classAuth.roles,
            public: auth.public || classAuth.public,
            summary: summaryOf(m),
            handler: `${node.name.text}.${m.name.getText(sf)}`,
            file: rel,
          });
        }
      }
    }
    if (ts.isDecorator(node)) {
      const call = decoratorCall(node);
      const role = call?.name === 'OnEvent' || call?.name === 'OnEventBatch' ? 'consumes' : call?.name === 'MessagePattern' ? 'answers' : undefined;
      // A handler whose subject the scan cannot read is a use all the same: it is kept under its
      // expression, which no catalogue entry matches, so the specs name it instead of missing it.
      const subjects = role ? subjectsOf(call?.args[0], scope) : [];
      if (role) use(subjects.length ? subjects : [`(unread) ${call?.args[0]?.getText(sf) ?? ''}`], role);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'request') use(subjectsOf(node.arguments[0], scope), 'calls');
      if (method === 'subscribe') use(subjectsOf(node.arguments[0], scope).filter(isRequestSubject), 'answers');
    }
    // An event for the outbox: `{ type: SUBJECT, data, municipality }`, however it gets there (an
    // object with a `type` and no `data` — a table of event types, like the webhooks' — is not one).
    const isEventObject = (o: ts.Node) => ts.isObjectLiteralExpression(o) && o.properties.some((p) => p.name?.getText(sf) === 'data');
    if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'type' && isEventObject(node.parent)) use(subjectsOf(node.initializer, scope).filter(isEventSubject), 'publishes');
    ts.forEachChild(node, visit);
  };
  visit(top);
}

/** A lib's top-level declaration that declares which apps it runs in (`@registeredFor`, `@registeredVia`). */
interface LibDeclaration {
  node: ts.ClassDeclaration | ts.FunctionDeclaration;
  /** The services that run it: a list, or the apps importing this name from the lib. */
  services?: readonly string[];
  via?: string;
}

function libDeclarations(sf: ts.SourceFile): LibDeclaration[] {
  const out: LibDeclaration[] = [];
  for (const st of sf.statements) {
    if (!(ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st))) continue;
    const listName = tagOf(st, 'registeredFor');
    const via = tagOf(st, 'registeredVia');
    if (!listName && !via) continue;
    if (listName && via) throw new Error(`${sf.fileName}: ${st.name?.text} has both @registeredFor and @registeredVia`);
    if (listName) {
      const services = serviceList(listName);
      if (!services) throw new Error(`${sf.fileName}: @registeredFor ${listName} is not a list of services libs/contracts exports`);
      out.push({ node: st, services });
    } else out.push({ node: st, via });
  }
  return out;
}

/** The names an app imports from the workspace's libs (`import { X } from '@vangnet/platform'`). */
function libImports(files: readonly ts.SourceFile[]): Set<string> {
  const out = new Set<string>();
  for (const sf of files) {
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('@vangnet/')) continue;
      const named = st.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) for (const el of named.elements) out.add((el.propertyName ?? el.name).text);
    }
  }
  return out;
}

function libFiles(root: string): ts.SourceFile[] {
  const libsDir = join(root, 'libs');
  if (!existsSync(libsDir)) return [];
  return readdirSync(libsDir)
    .sort()
    .filter((lib) => lib !== 'contracts' && lib !== 'testing')
    .flatMap((lib) => sourceFiles(join(libsDir, lib, 'src')))
    .map(parse);
}

/** Every app under `<root>/apps` with its routes and its uses of messages, read from its sources and from the libs' declarations for it. */
export function scanApps(root: string): AppScan[] {
  const appsDir = join(root, 'apps');
  const libs = libFiles(root).flatMap(libDeclarations);
  return readdirSync(appsDir)
    .filter((name) => existsSync(join(appsDir, name, 'package.json')))
    .sort()
    .map((app) => {
      const scan: AppScan = { app, routes: [], uses: [] };
      const files = sourceFiles(join(appsDir, app, 'src')).map(parse);
      const appRoleLists = new Map(files.flatMap((sf) => [...roleListsOf(sf)]));
      for (const sf of files) scanNode(app, root, sf, files, appRoleLists, scan);
      const imported = libImports(files);
      for (const d of libs) {
        if (d.services ? !d.services.includes(app) : !imported.has(d.via as string)) continue;
        const first = ts.isFunctionDeclaration(d.node) ? d.node.parameters[0]?.name : undefined;
        const scope: Scope = first && ts.isIdentifier(first) ? { bound: { name: first.text, service: app } } : {};
        scanNode(app, root, d.node, files, appRoleLists, scan, scope);
      }
      scan.routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
      scan.uses.sort((a, b) => a.subject.localeCompare(b.subject) || a.role.localeCompare(b.role) || a.file.localeCompare(b.file));
      return scan;
    });
}

/**
 * The message uses in the libs' sources outside a declaration that says which apps run it: the
 * scan gives them to no app, so the generated documentation would call them not built. Empty when
 * every lib that answers, calls, consumes or publishes a message on a service's behalf declares it.
 */
export function libUsesWithoutOwner(root: string): MessageUse[] {
  const scan: AppScan = { app: '(lib)', routes: [], uses: [] };
  for (const sf of libFiles(root)) {
    const declared = libDeclarations(sf).map((d) => d.node);
    for (const st of sf.statements) if (!declared.includes(st as ts.ClassDeclaration)) scanNode('(lib)', root, st, [], new Map(), scan);
  }
  return scan.uses;
}
