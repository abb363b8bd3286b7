import { forEachDescendant, stringValue, XmlElement, XmlNode } from '../xml/xml-document';
import type { Expr, NodeTest, Step } from './xpath-parser';

// XPath 1.0 evaluation over the message DOM. Semantics follow the recommendation (existential
// comparisons, proximity positions on reverse axes, document-order node-sets). On top of that, the
// sibling-axis lookups the generated rule stylesheet uses for its uniqueness rules (TR101, TR315,
// TR316, TR416…) are answered from hash indexes built once per message instead of a scan per node:
// the same node-sets, without the quadratic cost. See docs/adr/0010.

/** A result tree fragment: an xsl:variable with content. It compares as its text. */
export class ResultTreeFragment {
  private cached?: string;
  constructor(readonly nodes: OutNode[]) {}
  /** The string value, computed once: a fragment is compared as often as its variable is read. */
  get text(): string {
    if (this.cached !== undefined) return this.cached;
    if (this.nodes.length === 1 && typeof this.nodes[0] === 'string') return (this.cached = this.nodes[0]);
    let s = '';
    const walk = (ns: OutNode[]) => {
      for (const n of ns) {
        if (typeof n === 'string') s += n;
        else walk(n.children);
      }
    };
    walk(this.nodes);
    return (this.cached = s);
  }
}

export type OutNode = string | { uri: string; name: string; children: OutNode[] };
export type Value = XmlNode[] | string | number | boolean | ResultTreeFragment;

export interface Scope {
  name: string;
  value: Value;
  next: Scope | null;
}

export interface Context {
  node: XmlNode;
  pos: number;
  size: number;
  /** XSLT's current(): the node the template or for-each is processing. */
  current: XmlNode;
  scope: Scope | null;
}

export interface Run {
  globals: (name: string) => Value;
  /** Indexes for sibling-axis plans, per plan and parent node; they live as long as one transformation. */
  indexes: Map<object, Map<XmlNode, unknown>>;
}

export class XPathError extends Error {}

// ---------- conversions ----------

export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof ResultTreeFragment) return v.text;
  return v.length ? stringValue(v[0]) : '';
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return strToNum(toStr(v));
}

export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof ResultTreeFragment) return true;
  return v.length > 0;
}

// XPath 1.0 §4.4: the Number production between optional XML whitespace (ExprWhitespace: #x20
// #x9 #xD #xA). String.prototype.trim() would also strip no-break and other Unicode spaces.
const XPATH_NUMBER = /^[ \t\r\n]*(-?(?:\d+(?:\.\d*)?|\.\d+))[ \t\r\n]*$/;

function strToNum(s: string): number {
  const m = XPATH_NUMBER.exec(s);
  return m ? Number(m[1]) : NaN;
}

function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

// ---------- node-set helpers ----------

function docOrder(nodes: XmlNode[]): XmlNode[] {
  let sorted = true;
  for (let i = 1; i < nodes.length; i++) {
    if (nodes[i - 1].order >= nodes[i].order) {
      sorted = false;
      break;
    }
  }
  if (sorted) return nodes;
  const out = [...nodes].sort((a, b) => a.order - b.order);
  return out.filter((n, i) => i === 0 || out[i - 1] !== n);
}

function matchesTest(node: XmlNode, test: NodeTest, attributeAxis: boolean): boolean {
  switch (test.kind) {
    case 'name':
      return (attributeAxis ? node.kind === 'attribute' : node.kind === 'element') && (node as XmlElement).local === test.local && (node as XmlElement).uri === test.uri;
    case 'any':
      return attributeAxis ? node.kind === 'attribute' : node.kind === 'element';
    case 'ns-any':
      return (attributeAxis ? node.kind === 'attribute' : node.kind === 'element') && (node as XmlElement).uri === test.uri;
    case 'node':
      return true;
    case 'text':
      return node.kind === 'text';
    case 'comment':
      return node.kind === 'comment';
    case 'pi':
      return node.kind === 'pi' && (test.target === undefined || node.target === test.target);
  }
}

const REVERSE = new Set(['ancestor', 'ancestor-or-self', 'preceding-sibling', 'preceding']);

function axisNodes(node: XmlNode, axis: Step['axis'], test: NodeTest, out: XmlNode[]): void {
  const attr = axis === 'attribute';
  const push = (n: XmlNode) => {
    if (matchesTest(n, test, attr)) out.push(n);
  };
  switch (axis) {
    case 'child':
      if (node.kind === 'element' || node.kind === 'document') for (const c of node.children) push(c);
      return;
    case 'attribute':
      if (node.kind === 'element') for (const a of node.attributes) push(a);
      return;
    case 'self':
      push(node);
      return;
    case 'parent':
      if (node.parent) push(node.parent);
      return;
    case 'ancestor':
    case 'ancestor-or-self': {
      let n: XmlNode | null = axis === 'ancestor' ? node.parent : node;
      while (n) {
        push(n);
        n = n.parent;
      }
      return;
    }
    case 'descendant':
    case 'descendant-or-self': {
      if (axis === 'descendant-or-self') push(node);
      if (node.kind === 'element' || node.kind === 'document') forEachDescendant(node, push);
      return;
    }
    case 'following-sibling':
    case 'preceding-sibling': {
      if (node.kind === 'attribute' || node.kind === 'document' || !node.parent) return;
      const sibs = node.parent.children;
      if (axis === 'following-sibling') for (let i = node.index + 1; i < sibs.length; i++) push(sibs[i]);
      else for (let i = node.index - 1; i >= 0; i--) push(sibs[i]);
      return;
    }
    case 'following':
    case 'preceding': {
      const all: XmlNode[] = [];
      let root: XmlNode = node;
      while (root.parent) root = root.parent;
      axisNodes(root, 'descendant', { kind: 'node' }, all);
      const isAncestor = (a: XmlNode) => {
        for (let n = node.parent; n; n = n.parent) if (n === a) return true;
        return false;
      };
      let last = node;
      while (last.kind === 'element' && last.children.length) last = last.children[last.children.length - 1];
      if (axis === 'following') {
        for (const n of all) if (n.order > last.order && n.kind !== 'attribute') push(n);
      }
      else for (let i = all.length - 1; i >= 0; i--) if (all[i].order < node.order && !isAncestor(all[i]) && all[i].kind !== 'attribute') push(all[i]);
      return;
    }
    case 'namespace':
      return;
  }
}

// ---------- evaluation ----------

type Compiled = (ctx: Context, run: Run) => Value;
type CompiledBool = (ctx: Context, run: Run) => boolean;
type Compilable = Expr & { compiled?: Compiled; compiledBool?: CompiledBool };

/**
 * Evaluates through a closure compiled once per expression: the forms the generated stylesheets
 * repeat millions of times (child paths, `*[local-name()='X']`, comparisons with a literal,
 * not(), and/or) run as straight loops; everything else falls back to the interpreter below.
 */
export function evaluate(e: Expr, ctx: Context, run: Run): Value {
  const c = e as Compilable;
  return (c.compiled ??= compile(e))(ctx, run);
}

/** The expression as a boolean (xsl:if, xsl:when), through the same compiled forms; node-sets stop at their first node. */
export function evaluateBool(e: Expr, ctx: Context, run: Run): boolean {
  const c = e as Compilable;
  return (c.compiledBool ??= compileBool(e))(ctx, run);
}

function compileBool(e: Expr): CompiledBool {
  switch (e.t) {
    case 'path': {
      // A node-set as a boolean: stop at the first node instead of collecting them all.
      const exists = !e.absolute && compileExists(e.steps);
      if (exists) return (c, r) => exists(c.node, c, r);
      break;
    }
    case 'union':
      if (NODESET_TYPED(e.a) && NODESET_TYPED(e.b)) return (c, r) => evaluateBool(e.a, c, r) || evaluateBool(e.b, c, r);
      break;
    case 'and':
      return (c, r) => evaluateBool(e.a, c, r) && evaluateBool(e.b, c, r);
    case 'or':
      return (c, r) => evaluateBool(e.a, c, r) || evaluateBool(e.b, c, r);
    case 'fn':
      if (e.name === 'not' && e.args.length === 1) {
        const a = e.args[0];
        return (c, r) => !evaluateBool(a, c, r);
      }
      break;
  }
  return (c, r) => toBool(evaluate(e, c, r));
}

const NODESET_TYPED = (e: Expr) => e.t === 'path' || e.t === 'union' || (e.t === 'filter' && (e.preds.length > 0 || e.steps.length > 0));

function compile(e: Expr): Compiled {
  switch (e.t) {
    case 'lit':
    case 'num': {
      const v = e.v;
      return () => v;
    }
    case 'and':
    case 'or': {
      const f = compileBool(e);
      return f;
    }
    case 'cmp': {
      const { op, a, b } = e;
      if ((op === '=' || op === '!=') && ((a.t === 'lit' && NODESET_TYPED(b)) || (b.t === 'lit' && NODESET_TYPED(a)))) {
        const lit = a.t === 'lit' ? a.v : (b as { v: string }).v;
        const other = a.t === 'lit' ? b : a;
        const eq = op === '=';
        return (c, r) => {
          const v = evaluate(other, c, r);
          if (!Array.isArray(v)) return compare(op, a.t === 'lit' ? lit : v, a.t === 'lit' ? v : lit);
          for (let k = 0; k < v.length; k++) if ((stringValue(v[k]) === lit) === eq) return true;
          return false;
        };
      }
      return (c, r) => compare(op, evaluate(a, c, r), evaluate(b, c, r));
    }
    case 'fn':
      if (e.name === 'local-name' && e.args.length === 0) {
        return (c) => {
          const n = c.node;
          return n.kind === 'element' || n.kind === 'attribute' ? n.local : n.kind === 'pi' ? n.target : '';
        };
      }
      {
        const fast = compileFunction(e.name, e.args);
        if (fast) return fast;
      }
      if (e.name === 'true') return () => true;
      if (e.name === 'false') return () => false;
      if (e.name === 'not' && e.args.length === 1) return compileBool(e);
      return (c, r) => callFunction(e.name, e.args, c, r);
    case 'path':
      return compilePath(e) ?? ((c, r) => interpret(e, c, r));
    case 'var': {
      const name = e.name;
      return (c, r) => {
        for (let sc = c.scope; sc; sc = sc.next) if (sc.name === name) return sc.value;
        return r.globals(name);
      };
    }
    case 'union': {
      const { a, b } = e;
      return (c, r) => {
        const x = evaluate(a, c, r);
        const y = evaluate(b, c, r);
        if (!Array.isArray(x) || !Array.isArray(y)) throw new XPathError('| needs two node-sets');
        if (!x.length) return y;
        if (!y.length) return x;
        return docOrder([...x, ...y]);
      };
    }
    case 'filter': {
      // `$var/child::…` (the rule templates' parameters) with compiled steps.
      const steps = e.preds.length ? undefined : e.steps.map(compileStep);
      if (steps && steps.every((f) => f)) {
        const base = e.base;
        return (c, r) => {
          const v = evaluate(base, c, r);
          if (!Array.isArray(v)) throw new XPathError('a path needs a node-set');
          let nodes = v;
          for (let k = 0; k < steps.length && nodes.length; k++) nodes = (steps[k] as StepFn)(nodes, c, r);
          return nodes;
        };
      }
      return (c, r) => interpret(e, c, r);
    }
    case 'arith': {
      const { op, a, b } = e;
      return (c, r) => {
        const x = toNum(evaluate(a, c, r));
        const y = toNum(evaluate(b, c, r));
        return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === 'div' ? x / y : x % y;
      };
    }
    default:
      return (c, r) => interpret(e, c, r);
  }
}

/** The string functions the date and code checks call most, without the interpreter's closures. */
function compileFunction(name: string, args: Expr[]): Compiled | undefined {
  const [a, b, c3] = args;
  const str = (x: Expr, c: Context, r: Run) => toStr(evaluate(x, c, r));
  switch (name) {
    case 'normalize-space':
      if (args.length !== 1) return undefined;
      return (c, r) => {
        const v = str(a, c, r);
        return /^[^ \t\r\n]*$/.test(v) ? v : v.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
      };
    case 'string-length':
      if (args.length !== 1) return undefined;
      return (c, r) => {
        const v = str(a, c, r);
        // Only astral characters count differently from UTF-16 units.
        return /[\uD800-\uDBFF]/.test(v) ? [...v].length : v.length;
      };
    case 'translate':
      return (c, r) => {
        const v = str(a, c, r);
        const from = str(b, c, r);
        const to = str(c3, c, r);
        if (/[\uD800-\uDFFF]/.test(from + to)) return callFunction('translate', args, c, r);
        let out = '';
        for (const ch of v) {
          const k = from.indexOf(ch);
          if (k < 0) out += ch;
          else if (k < to.length) out += to[k];
        }
        return out;
      };
    case 'substring':
      if (args.length !== 2 && args.length !== 3) return undefined;
      return (c, r) => {
        const v = str(a, c, r);
        if (/[\uD800-\uDBFF]/.test(v)) return callFunction('substring', args, c, r); // code points, not UTF-16 units
        // XPath 1.0 §4.2: the characters at positions p with round(start) ≤ p < round(start) + round(length).
        const first = Math.round(toNum(evaluate(b, c, r)));
        const end = c3 ? first + Math.round(toNum(evaluate(c3, c, r))) : Infinity;
        const lo = Math.max(first - 1, 0);
        const hi = Math.min(end - 1, v.length);
        return lo < hi ? v.slice(lo, hi) : '';
      };
    case 'concat':
      if (args.length < 2) return undefined;
      return (c, r) => {
        let out = '';
        for (let k = 0; k < args.length; k++) out += str(args[k], c, r);
        return out;
      };
    case 'contains':
      if (args.length !== 2) return undefined;
      return (c, r) => str(a, c, r).includes(str(b, c, r));
    case 'starts-with':
      if (args.length !== 2) return undefined;
      return (c, r) => str(a, c, r).startsWith(str(b, c, r));
    case 'string':
      if (args.length !== 1) return undefined;
      return (c, r) => str(a, c, r);
    case 'count':
      if (args.length !== 1) return undefined;
      return (c, r) => {
        const v = evaluate(a, c, r);
        if (!Array.isArray(v)) throw new XPathError('count() needs a node-set');
        return v.length;
      };
    case 'floor':
      return (c, r) => Math.floor(toNum(evaluate(a, c, r)));
    case 'number':
      if (args.length !== 1) return undefined;
      return (c, r) => toNum(evaluate(a, c, r));
    default:
      return undefined;
  }
}

type StepFn = (input: XmlNode[], ctx: Context, run: Run) => XmlNode[];

type Exists = (node: XmlNode, ctx: Context, run: Run) => boolean;

/** Is there any node at the end of these child/attribute/self/parent steps? Depth-first, first hit wins. */
function compileExists(steps: Step[]): Exists | undefined {
  let next: Exists = () => true;
  for (let k = steps.length - 1; k >= 0; k--) {
    const { axis, test, preds } = steps[k];
    if (axis !== 'child' && axis !== 'self' && axis !== 'parent' && axis !== 'attribute') return undefined;
    if (preds.some((p) => isPositionalPred(p))) return undefined;
    const rest = next;
    const attr = axis === 'attribute';
    const ok = (n: XmlNode, pc: Context, run: Run): boolean => {
      if (!matchesTest(n, test, attr)) return false;
      for (let j = 0; j < preds.length; j++) {
        pc.node = n;
        if (!evaluateBool(preds[j], pc, run)) return false;
      }
      return rest(n, pc, run);
    };
    next = (node, ctx, run) => {
      const pc: Context = { node: ctx.node, pos: 1, size: 1, current: ctx.current, scope: ctx.scope };
      if (axis === 'child') {
        if (node.kind !== 'element' && node.kind !== 'document') return false;
        const kids = node.children;
        for (let j = 0; j < kids.length; j++) if (ok(kids[j], pc, run)) return true;
        return false;
      }
      if (axis === 'attribute') {
        if (node.kind !== 'element') return false;
        for (const a of node.attributes) if (ok(a, pc, run)) return true;
        return false;
      }
      if (axis === 'self') return ok(node, pc, run);
      return node.parent ? ok(node.parent, pc, run) : false;
    };
  }
  return next;
}

/** `local-name() = 'X'` (either way round): a name test on the local name alone. */
function localNameTest(pred: Expr): string | undefined {
  if (pred.t !== 'cmp' || pred.op !== '=') return undefined;
  const isLn = (x: Expr) => x.t === 'fn' && x.name === 'local-name' && x.args.length === 0;
  if (isLn(pred.a) && pred.b.t === 'lit') return pred.b.v;
  if (isLn(pred.b) && pred.a.t === 'lit') return pred.a.v;
  return undefined;
}

const COMPILED_AXES = new Set(['child', 'self', 'parent', 'attribute', 'ancestor', 'ancestor-or-self', 'descendant']);

function compileStep(step: Step): StepFn | undefined {
  const { axis, test, preds } = step;
  if (!COMPILED_AXES.has(axis)) return undefined;
  if (preds.some((p) => isPositionalPred(p))) return undefined;
  const localNames = preds.map(localNameTest);
  const rest = preds.filter((_, k) => localNames[k] === undefined);
  const local = localNames.find((x) => x !== undefined);
  if (localNames.filter((x) => x !== undefined).length > 1) return undefined;
  const attr = axis === 'attribute';
  if (axis === 'child' && rest.length === 0) {
    // The commonest step of all (`n2:Begindatum`, `*[local-name()='X']`): one loop, no closures.
    return (input) => {
      const out: XmlNode[] = [];
      for (let k = 0; k < input.length; k++) {
        const n = input[k];
        if (n.kind !== 'element' && n.kind !== 'document') continue;
        const kids = n.children;
        for (let j = 0; j < kids.length; j++) {
          const c = kids[j];
          if (matchesTest(c, test, false) && (local === undefined || (c.kind === 'element' && c.local === local))) out.push(c);
        }
      }
      return input.length > 1 ? docOrder(out) : out;
    };
  }
  return (input, ctx, run) => {
    const out: XmlNode[] = [];
    const pc: Context = { node: ctx.node, pos: 1, size: 1, current: ctx.current, scope: ctx.scope };
    const take = (n: XmlNode) => {
      if (!matchesTest(n, test, attr)) return;
      if (local !== undefined && (n.kind !== 'element' || n.local !== local)) return;
      for (let k = 0; k < rest.length; k++) {
        pc.node = n;
        if (!evaluateBool(rest[k], pc, run)) return;
      }
      out.push(n);
    };
    for (let k = 0; k < input.length; k++) {
      const n = input[k];
      if (axis === 'child') {
        if (n.kind === 'element' || n.kind === 'document') {
          const kids = n.children;
          for (let j = 0; j < kids.length; j++) take(kids[j]);
        }
      } else if (axis === 'self') take(n);
      else if (axis === 'parent') {
        if (n.parent) take(n.parent);
      } else if (axis === 'attribute') {
        if (n.kind === 'element') for (const a of n.attributes) take(a);
      } else if (axis === 'descendant') {
        if (n.kind === 'element' || n.kind === 'document') forEachDescendant(n, take);
      } else {
        // ancestor(-or-self): a reverse axis; the predicates here are not positional, so only
        // the order of the result matters: document order, root first.
        const from = out.length;
        for (let a: XmlNode | null = axis === 'ancestor' ? n.parent : n; a; a = a.parent) take(a);
        if (out.length - from > 1) {
          const up = out.splice(from).reverse();
          for (const x of up) out.push(x);
        }
      }
    }
    return input.length > 1 ? docOrder(out) : out;
  };
}

/** `descendant-or-self::node()/child::X[p]` (what `//X` abbreviates) is `descendant::X[p]` when p is not positional. */
function fuseDescendants(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    const next = steps[k + 1];
    if (
      s.axis === 'descendant-or-self' && s.test.kind === 'node' && !s.preds.length &&
      next && next.axis === 'child' && !next.preds.some((p) => isPositionalPred(p))
    ) {
      out.push({ axis: 'descendant', test: next.test, preds: next.preds });
      k++;
    } else out.push(s);
  }
  return out;
}

function isPositionalPred(e: Expr): boolean {
  const booleanTyped = e.t === 'and' || e.t === 'or' || e.t === 'cmp' || (e.t === 'fn' && ['not', 'true', 'false', 'boolean', 'contains', 'starts-with'].includes(e.name));
  if (!(booleanTyped || NODESET_TYPED(e))) return true;
  const uses = (x: Expr): boolean => {
    switch (x.t) {
      case 'fn':
        return x.name === 'position' || x.name === 'last' || x.args.some(uses);
      case 'lit':
      case 'num':
      case 'var':
      case 'path':
        return false;
      case 'filter':
        return uses(x.base);
      case 'neg':
        return uses(x.a);
      default:
        return uses(x.a) || uses(x.b);
    }
  };
  return uses(e);
}

function compilePath(e: Extract<Expr, { t: 'path' }>): Compiled | undefined {
  const fns = fuseDescendants(e.steps).map(compileStep);
  if (fns.some((f) => !f)) return undefined;
  const steps = fns as StepFn[];
  if (e.absolute) {
    return (c, r) => {
      let root: XmlNode = c.node;
      while (root.parent) root = root.parent;
      let nodes: XmlNode[] = [root];
      for (let k = 0; k < steps.length && nodes.length; k++) nodes = steps[k](nodes, c, r);
      return nodes;
    };
  }
  if (steps.length === 1) {
    const only = steps[0];
    return (c, r) => only([c.node], c, r);
  }
  return (c, r) => {
    let nodes: XmlNode[] = [c.node];
    for (let k = 0; k < steps.length && nodes.length; k++) nodes = steps[k](nodes, c, r);
    return nodes;
  };
}

function interpret(e: Expr, ctx: Context, run: Run): Value {
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'num':
      return e.v;
    case 'var': {
      for (let s = ctx.scope; s; s = s.next) if (s.name === e.name) return s.value;
      return run.globals(e.name);
    }
    case 'or':
      return toBool(evaluate(e.a, ctx, run)) || toBool(evaluate(e.b, ctx, run));
    case 'and':
      return toBool(evaluate(e.a, ctx, run)) && toBool(evaluate(e.b, ctx, run));
    case 'cmp':
      return compare(e.op, evaluate(e.a, ctx, run), evaluate(e.b, ctx, run));
    case 'arith': {
      const a = toNum(evaluate(e.a, ctx, run));
      const b = toNum(evaluate(e.b, ctx, run));
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case 'div':
          return a / b;
        case 'mod':
          return a % b;
      }
      break;
    }
    case 'neg':
      return -toNum(evaluate(e.a, ctx, run));
    case 'union': {
      const a = evaluate(e.a, ctx, run);
      const b = evaluate(e.b, ctx, run);
      if (!Array.isArray(a) || !Array.isArray(b)) throw new XPathError('| needs two node-sets');
      return docOrder([...a, ...b]);
    }
    case 'fn':
      return callFunction(e.name, e.args, ctx, run);
    case 'path': {
      if (!e.absolute && e.steps.length === 1) {
        // The common single-step forms (`.`, `n5:Bsn`, `text()`) skip the general machinery.
        const s = e.steps[0];
        if (!s.preds.length && s.axis === 'self' && s.test.kind === 'node') return [ctx.node];
        if (!s.preds.length && s.axis === 'child') {
          const out: XmlNode[] = [];
          const n = ctx.node;
          if (n.kind === 'element' || n.kind === 'document') for (const c of n.children) if (matchesTest(c, s.test, false)) out.push(c);
          return out;
        }
      }
      let nodes: XmlNode[];
      if (e.absolute) {
        let root: XmlNode = ctx.node;
        while (root.parent) root = root.parent;
        nodes = [root];
      } else nodes = [ctx.node];
      return applySteps(e, nodes, e.steps, ctx, run);
    }
    case 'filter': {
      const base = evaluate(e.base, ctx, run);
      if (!e.preds.length && !e.steps.length) return base;
      if (!Array.isArray(base)) throw new XPathError('a filter or path needs a node-set');
      let nodes = base;
      for (const pred of e.preds) nodes = filterNodes(nodes, pred, ctx, run);
      return applySteps(e, nodes, e.steps, ctx, run);
    }
  }
  throw new XPathError('unreachable');
}

function applySteps(owner: object, nodes: XmlNode[], steps: Step[], ctx: Context, run: Run): XmlNode[] {
  for (let i = 0; i < steps.length; i++) {
    const tail = pathJoin(owner, steps, i, nodes, ctx, run);
    if (tail) return tail;
    nodes = evalStep(steps[i], nodes, ctx, run);
    if (!nodes.length) return nodes;
  }
  return nodes;
}

function evalStep(step: Step, input: XmlNode[], ctx: Context, run: Run): XmlNode[] {
  const out: XmlNode[] = [];
  const reverse = REVERSE.has(step.axis);
  for (const node of input) {
    const planned = step.preds.length === 1 && (step.axis === 'following-sibling' || step.axis === 'preceding-sibling') ? siblingLookup(step, node, ctx, run) : undefined;
    if (planned) {
      for (const n of planned) out.push(n);
      continue;
    }
    let found: XmlNode[] = [];
    axisNodes(node, step.axis, step.test, found);
    for (const pred of step.preds) found = filterNodes(found, pred, ctx, run);
    if (reverse) found.reverse();
    for (const n of found) out.push(n);
  }
  return input.length > 1 || reverse ? docOrder(out) : out;
}

/** Keeps the nodes for which the predicate holds; `nodes` are in proximity order. */
function filterNodes(nodes: XmlNode[], pred: Expr, ctx: Context, run: Run): XmlNode[] {  const out: XmlNode[] = [];
  const size = nodes.length;
  for (let i = 0; i < size; i++) {
    const v = evaluate(pred, { node: nodes[i], pos: i + 1, size, current: ctx.current, scope: ctx.scope }, run);
    if (typeof v === 'number' ? v === i + 1 : toBool(v)) out.push(nodes[i]);
  }
  return out;
}

function compare(op: '=' | '!=' | '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  if (a instanceof ResultTreeFragment) a = a.text;
  if (b instanceof ResultTreeFragment) b = b.text;
  const aSet = Array.isArray(a);
  const bSet = Array.isArray(b);
  if (aSet && bSet) {
    const bs = (b as XmlNode[]).map(stringValue);
    for (const n of a as XmlNode[]) {
      const s = stringValue(n);
      for (const t of bs) if (atomic(op, s, t)) return true;
    }
    return false;
  }
  if (aSet || bSet) {
    const set = (aSet ? a : b) as XmlNode[];
    const other = aSet ? b : a;
    if (typeof other === 'boolean') return atomic(op, aSet ? toBool(set) : other, aSet ? other : toBool(set));
    for (const n of set) {
      const s: string | number = typeof other === 'number' ? strToNum(stringValue(n)) : stringValue(n);
      if (aSet ? atomic(op, s, other as string | number) : atomic(op, other as string | number, s)) return true;
    }
    return false;
  }
  return atomic(op, a as string | number | boolean, b as string | number | boolean);
}

function atomic(op: string, a: string | number | boolean, b: string | number | boolean): boolean {
  if (op === '=' || op === '!=') {
    let eq: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') eq = toBool(a) === toBool(b);
    else if (typeof a === 'number' || typeof b === 'number') eq = toNum(a) === toNum(b);
    else eq = a === b;
    return op === '=' ? eq : !eq;
  }
  const x = toNum(a);
  const y = toNum(b);
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

// ---------- functions ----------

function callFunction(name: string, args: Expr[], ctx: Context, run: Run): Value {
  const arg = (i: number) => evaluate(args[i], ctx, run);
  const str = (i: number) => (args.length > i ? toStr(arg(i)) : stringValue(ctx.node));
  switch (name) {
    case 'local-name':
    case 'name':
    case 'namespace-uri': {
      const v = args.length ? arg(0) : [ctx.node];
      if (!Array.isArray(v)) throw new XPathError(`${name}() needs a node-set`);
      const n = docOrder(v)[0];
      if (!n || (n.kind !== 'element' && n.kind !== 'attribute' && n.kind !== 'pi')) return '';
      if (n.kind === 'pi') return name === 'namespace-uri' ? '' : n.target;
      if (name === 'local-name') return n.local;
      if (name === 'namespace-uri') return n.uri;
      return n.prefix ? `${n.prefix}:${n.local}` : n.local;
    }
    case 'not':
      return !toBool(arg(0));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'boolean':
      return toBool(arg(0));
    case 'string':
      return str(0);
    case 'number':
      return args.length ? toNum(arg(0)) : strToNum(stringValue(ctx.node));
    case 'normalize-space':
      return str(0).replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
    case 'current':
      return [ctx.current];
    case 'position':
      return ctx.pos;
    case 'last':
      return ctx.size;
    case 'count': {
      const v = arg(0);
      if (!Array.isArray(v)) throw new XPathError('count() needs a node-set');
      return v.length;
    }
    case 'sum': {
      const v = arg(0);
      if (!Array.isArray(v)) throw new XPathError('sum() needs a node-set');
      let s = 0;
      for (const n of v) s += strToNum(stringValue(n));
      return s;
    }
    case 'concat':
      return args.map((_, i) => toStr(arg(i))).join('');
    case 'contains':
      return str(0).includes(str(1));
    case 'starts-with':
      return str(0).startsWith(str(1));
    case 'substring-before': {
      const s = str(0);
      const i = s.indexOf(str(1));
      return i < 0 ? '' : s.slice(0, i);
    }
    case 'substring-after': {
      const s = str(0);
      const t = str(1);
      const i = s.indexOf(t);
      return i < 0 ? '' : s.slice(i + t.length);
    }
    case 'substring': {
      const s = [...str(0)];
      const start = Math.round(toNum(arg(1)));
      const end = args.length > 2 ? start + Math.round(toNum(arg(2))) : Infinity;
      let out = '';
      for (let i = 0; i < s.length; i++) if (i + 1 >= start && i + 1 < end) out += s[i];
      return out;
    }
    case 'string-length':
      return [...str(0)].length;
    case 'translate': {
      const s = str(0);
      const from = [...str(1)];
      const to = [...str(2)];
      let out = '';
      for (const c of s) {
        const i = from.indexOf(c);
        if (i < 0) out += c;
        else if (i < to.length) out += to[i];
      }
      return out;
    }
    case 'floor':
      return Math.floor(toNum(arg(0)));
    case 'ceiling':
      return Math.ceil(toNum(arg(0)));
    case 'round': {
      const n = toNum(arg(0));
      return Number.isFinite(n) ? Math.floor(n + 0.5) : n;
    }
  }
  throw new XPathError(`unsupported function ${name}()`);
}

export const SUPPORTED_FUNCTIONS = new Set([
  'local-name', 'name', 'namespace-uri', 'not', 'true', 'false', 'boolean', 'string', 'number', 'normalize-space', 'current',
  'position', 'last', 'count', 'sum', 'concat', 'contains', 'starts-with', 'substring-before', 'substring-after',
  'substring', 'string-length', 'translate', 'floor', 'ceiling', 'round',
]);

// ---------- sibling-axis plans ----------

// Context-free: the value depends on the node it is evaluated on and nothing else.
function candidateOnly(e: Expr): boolean {
  switch (e.t) {
    case 'lit':
    case 'num':
      return true;
    case 'var':
      return false;
    case 'fn':
      return !['current', 'position', 'last'].includes(e.name) && e.args.every(candidateOnly);
    case 'path':
      return e.steps.every((s) => s.preds.every(candidateOnly));
    case 'filter':
      return candidateOnly(e.base) && e.preds.every(candidateOnly) && e.steps.every((s) => s.preds.every(candidateOnly));
    case 'neg':
      return candidateOnly(e.a);
    default:
      return candidateOnly(e.a) && candidateOnly(e.b);
  }
}

const CONTEXT_DEFAULT_FNS = new Set(['local-name', 'name', 'namespace-uri', 'string', 'number', 'normalize-space', 'string-length', 'position', 'last']);

// Independent of the candidate node: variables, literals, current() and functions of them.
function candidateFree(e: Expr): boolean {
  switch (e.t) {
    case 'lit':
    case 'num':
    case 'var':
      return true;
    case 'fn':
      return !(e.args.length === 0 && CONTEXT_DEFAULT_FNS.has(e.name)) && e.args.every(candidateFree);
    case 'path':
      return e.absolute && e.steps.every((s) => s.preds.every(candidateOnly));
    case 'filter':
      return candidateFree(e.base) && e.preds.every(candidateOnly) && e.steps.every((s) => s.preds.every(candidateOnly));
    case 'neg':
      return candidateFree(e.a);
    default:
      return candidateFree(e.a) && candidateFree(e.b);
  }
}

const isBoolean = (e: Expr) =>
  e.t === 'and' || e.t === 'or' || e.t === 'cmp' || (e.t === 'fn' && ['not', 'true', 'false', 'boolean', 'contains', 'starts-with'].includes(e.name));

const conjuncts = (e: Expr): Expr[] => (e.t === 'and' ? [...conjuncts(e.a), ...conjuncts(e.b)] : [e]);

type Plan = { kind: 'static' } | { kind: 'eq'; key: Expr; probe: Expr } | { kind: 'none' };

function planFor(pred: Expr): Plan {
  if (!isBoolean(pred)) return { kind: 'none' };
  if (candidateOnly(pred)) return { kind: 'static' };
  for (const c of conjuncts(pred)) {
    if (c.t !== 'cmp' || c.op !== '=') continue;
    for (const [key, probe] of [
      [c.a, c.b],
      [c.b, c.a],
    ]) {
      if ((key.t === 'path' && !key.absolute) || (key.t === 'filter' && candidateOnly(key))) {
        if (candidateOnly(key) && candidateFree(probe)) return { kind: 'eq', key, probe };
      }
    }
  }
  return { kind: 'none' };
}

function probeStrings(v: Value): string[] | undefined {
  if (Array.isArray(v)) return v.map(stringValue);
  if (typeof v === 'string') return [v];
  if (v instanceof ResultTreeFragment) return [v.text];
  return undefined; // numbers and booleans compare differently: no string index
}

function keyStrings(v: Value): string[] {
  return Array.isArray(v) ? v.map(stringValue) : [toStr(v)];
}

function indexFor<T>(run: Run, owner: object, parent: XmlNode, build: () => T): T {
  let perOwner = run.indexes.get(owner);
  if (!perOwner) run.indexes.set(owner, (perOwner = new Map()));
  let idx = perOwner.get(parent) as T | undefined;
  if (idx === undefined) perOwner.set(parent, (idx = build()));
  return idx;
}

function inRange(step: Step, node: XmlNode, index: number): boolean {
  return step.axis === 'following-sibling' ? index > (node as XmlElement).index : index < (node as XmlElement).index;
}

/** `following-sibling::X[p]` / `preceding-sibling::X[p]` from an index, or undefined to scan. */
function siblingLookup(step: Step, node: XmlNode, ctx: Context, run: Run): XmlNode[] | undefined {
  const plan = (step.plan ??= planFor(step.preds[0])) as Plan;
  if (plan.kind === 'none' || node.kind === 'attribute' || node.kind === 'document' || !node.parent) return undefined;
  const parent = node.parent;
  const pred = step.preds[0];
  const siblings = () => parent.children.filter((c) => matchesTest(c, step.test, false));
  if (plan.kind === 'static') {
    const hits = indexFor(run, step, parent, () =>
      siblings().filter((c) => toBool(evaluate(pred, { node: c, pos: 1, size: 1, current: c, scope: null }, run))),
    );
    return hits.filter((c) => inRange(step, node, (c as XmlElement).index));
  }
  const probe = probeStrings(evaluate(plan.probe, ctx, run));
  if (!probe) return undefined;
  const index = indexFor(run, step, parent, () => {
    const map = new Map<string, XmlNode[]>();
    for (const c of siblings()) {
      for (const k of new Set(keyStrings(evaluate(plan.key, { node: c, pos: 1, size: 1, current: c, scope: null }, run)))) {
        const list = map.get(k);
        if (list) list.push(c);
        else map.set(k, [c]);
      }
    }
    return map;
  });
  const found: XmlNode[] = [];
  for (const p of new Set(probe)) for (const c of index.get(p) ?? []) if (inRange(step, node, (c as XmlElement).index)) found.push(c);
  // The index narrows; the predicate itself still decides, so semantics cannot drift.
  const sorted = docOrder(found);
  return sorted.filter((c) => toBool(evaluate(pred, { node: c, pos: 1, size: 1, current: ctx.current, scope: ctx.scope }, run)));
}

interface PathJoin {
  ok: boolean;
  plan?: Plan;
}

const JOINS = new WeakMap<Step[], Map<number, PathJoin>>();

/**
 * `…/preceding-sibling::A/B/C[key = $v]`: a sibling step without predicates followed by child steps,
 * the last with an index-able predicate. Indexed per parent as key → (sibling index, node).
 */
function pathJoin(_owner: object, steps: Step[], k: number, input: XmlNode[], ctx: Context, run: Run): XmlNode[] | undefined {
  const step = steps[k];
  if ((step.axis !== 'following-sibling' && step.axis !== 'preceding-sibling') || step.preds.length || k === steps.length - 1) return undefined;
  let joins = JOINS.get(steps);
  if (!joins) JOINS.set(steps, (joins = new Map()));
  let join = joins.get(k);
  if (!join) {
    const tail = steps.slice(k + 1);
    const last = tail[tail.length - 1];
    const simple = tail.every((s, i) => s.axis === 'child' && (i === tail.length - 1 ? s.preds.length <= 1 : s.preds.length === 0));
    const plan = last.preds.length ? planFor(last.preds[0]) : undefined;
    join = { ok: simple && (!plan || plan.kind === 'eq'), plan };
    joins.set(k, join);
  }
  if (!join.ok) return undefined;
  const tail = steps.slice(k + 1);
  const last = tail[tail.length - 1];
  const plan = join.plan as { kind: 'eq'; key: Expr; probe: Expr } | undefined;
  const probe = plan ? probeStrings(evaluate(plan.probe, ctx, run)) : undefined;
  if (plan && !probe) return undefined;
  const out: XmlNode[] = [];
  for (const node of input) {
    if (node.kind === 'attribute' || node.kind === 'document' || !node.parent) continue;
    const parent = node.parent;
    // One join object per (path, step): the index's key, without building a string per call.
    const index = indexFor(run, join, parent, () => {
      const map = new Map<string, { at: number; node: XmlNode }[]>();
      for (const sib of parent.children) {
        if (!matchesTest(sib, step.test, false)) continue;
        let nodes: XmlNode[] = [sib];
        for (let i = 0; i < tail.length; i++) {
          const s = i === tail.length - 1 ? { ...tail[i], preds: [] } : tail[i];
          nodes = evalStep(s, nodes, ctx, run);
        }
        for (const n of nodes) {
          const keys = plan ? new Set(keyStrings(evaluate(plan.key, { node: n, pos: 1, size: 1, current: n, scope: null }, run))) : [''];
          for (const key of keys) {
            const list = map.get(key);
            if (list) list.push({ at: (sib as XmlElement).index, node: n });
            else map.set(key, [{ at: (sib as XmlElement).index, node: n }]);
          }
        }
      }
      return map;
    });
    for (const p of probe ? new Set(probe) : ['']) for (const e of index.get(p) ?? []) if (inRange(step, node, e.at)) out.push(e.node);
  }
  const sorted = docOrder(out);
  if (!last.preds.length) return sorted;
  return sorted.filter((n) => toBool(evaluate(last.preds[0], { node: n, pos: 1, size: 1, current: ctx.current, scope: ctx.scope }, run)));
}
