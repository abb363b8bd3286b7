// Tooling, not a runtime part of the contracts (testing/ is not exported and not in the image):
// reads the apps' sources statically, with the TypeScript compiler's parser, for the generated
// documentation (docs/api/asyncapi.json, apps/<app>/README.md) and the checks that it is true.
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

/** A place in an app's source that uses a message: what it does with it, and where. */
export interface MessageUse {
  subject: string;
  /** publishes: an event object `{ type: SUBJECT, … }` (for the outbox); consumes: `@OnEvent` or `@OnEventBatch`; answers: `@MessagePattern` or a subscription; calls: `rpc.request`. */
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
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text);
  return sentence ? sentence[1] : text;
}

/** `/api/<app>/` (the global prefix every service sets) + controller path + method path, `:id` written `{id}`. */
export function routePath(app: string, controllerPath: string, methodPath: string): string {
  const parts = [controllerPath, methodPath].flatMap((p) => p.split('/')).filter(Boolean);
  return `/api/${app}/${parts.map((p) => (p.startsWith(':') ? `{${p.slice(1)}}` : p)).join('/')}`.replace(/\/$/, '');
}

function subjectOf(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isCallExpression(e) && e.arguments.length === 1) return subjectOf(e.arguments[0]); // prefixed(SUBJECT)
  if (ts.isIdentifier(e)) return SUBJECTS.get(e.text);
  if (ts.isPropertyAccessExpression(e)) return SUBJECTS.get(e.name.text);
  if (ts.isStringLiteralLike(e) && (isEventSubject(e.text) || isRequestSubject(e.text))) return e.text;
  return undefined;
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

function scanFile(app: string, root: string, sf: ts.SourceFile, appRoleLists: Map<string, string[]>, scan: AppScan): void {
  const file = sf.fileName;
  const lists: RoleLists = { file: roleListsOf(sf), app: appRoleLists };
  const rel = relative(root, file).split('\\').join('/');
  const use = (subject: string | undefined, role: MessageUse['role']) => {
    if (subject && !scan.uses.some((u) => u.subject === subject && u.role === role && u.file === rel)) scan.uses.push({ subject, role, file: rel });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name) {
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
      if (call?.name === 'OnEvent' || call?.name === 'OnEventBatch') use(subjectOf(call.args[0]), 'consumes');
      if (call?.name === 'MessagePattern') use(subjectOf(call.args[0]), 'answers');
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'request') use(subjectOf(node.arguments[0]), 'calls');
      if (method === 'subscribe') {
        const s = subjectOf(node.arguments[0]);
        if (s && isRequestSubject(s)) use(s, 'answers');
      }
    }
    // An event for the outbox: `{ type: SUBJECT, data, municipality }`, however it gets there (an
    // object with a `type` and no `data` — a table of event types, like the webhooks' — is not one).
    const isEventObject = (o: ts.Node) => ts.isObjectLiteralExpression(o) && o.properties.some((p) => p.name?.getText(sf) === 'data');
    if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'type' && isEventObject(node.parent)) {
      const s = subjectOf(node.initializer);
      if (s && isEventSubject(s)) use(s, 'publishes');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** Every app under `<root>/apps` with its routes and its uses of messages, read from its sources. */
export function scanApps(root: string): AppScan[] {
  const appsDir = join(root, 'apps');
  return readdirSync(appsDir)
    .filter((name) => existsSync(join(appsDir, name, 'package.json')))
    .sort()
    .map((app) => {
      const scan: AppScan = { app, routes: [], uses: [] };
      const files = sourceFiles(join(appsDir, app, 'src')).map(parse);
      const appRoleLists = new Map(files.flatMap((sf) => [...roleListsOf(sf)]));
      for (const sf of files) scanFile(app, root, sf, appRoleLists, scan);
      scan.routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
      scan.uses.sort((a, b) => a.subject.localeCompare(b.subject) || a.role.localeCompare(b.role) || a.file.localeCompare(b.file));
      return scan;
    });
}
