import { parseXml, XmlDocument, XmlElement, XmlNode } from '../xml/xml-document';
import { Context, evaluate, evaluateBool, OutNode, ResultTreeFragment, Run, Scope, SUPPORTED_FUNCTIONS, toBool, toStr, Value } from './xpath-evaluator';
import { Expr, parseXPath, Step } from './xpath-parser';

// An XSLT 1.0 processor for the instruction set the Zorginstituut's generated rule stylesheets use
// (template rules with modes and priorities, named templates with parameters, variables, if,
// choose, for-each, value-of, text, literal result elements). Anything else in a stylesheet is
// refused when it is loaded, so a future stylesheet that needs more fails loudly, never silently.

const XSL = 'http://www.w3.org/1999/XSL/Transform';

export class XsltError extends Error {}

/**
 * How deep templates may apply and call one another. Every level costs a few JavaScript frames,
 * so without a limit a hostile message nested a few thousand elements deep overflowed the stack;
 * libxml2 (level 1) refuses documents deeper than 256 the same way.
 */
export const MAX_TEMPLATE_DEPTH = 512;

type Instr =
  | { i: 'apply'; select?: Expr; self: boolean; mode: Mode; params: WithParam[] }
  | { i: 'call'; name: string; params: WithParam[] }
  | { i: 'var'; name: string; select?: Expr; body?: Instr[] }
  | { i: 'if'; test: Expr; body: Instr[] }
  | { i: 'choose'; whens: { test: Expr; body: Instr[] }[]; otherwise?: Instr[] }
  | { i: 'foreach'; select: Expr; body: Instr[] }
  | { i: 'valueof'; select: Expr }
  | { i: 'text'; value: string }
  | { i: 'lre'; uri: string; name: string; body: Instr[] };

interface WithParam {
  name: string;
  select?: Expr;
  body?: Instr[];
}

interface Template {
  name?: string;
  params: WithParam[];
  body: Instr[];
  position: number;
}

interface Mode {
  id: number;
  rules: Rule[];
  /** Candidate rules per element name (or node kind), in the order they win. */
  byKey: Map<string, Rule[]>;
}

interface Rule {
  template: Template;
  steps: Step[];
  absolute: boolean;
  priority: number;
  /** Quick reject on the node the last step tests. */
  last: Step;
  /** One step, no predicates, relative: matches whatever passes the node test. */
  always: boolean;
}

export class XsltStylesheet {
  private readonly named = new Map<string, Template>();
  private readonly modes = new Map<string, Mode>();
  private readonly dispatch = new Map<string, boolean[] & { owner?: XsltStylesheet }>();
  private readonly globals = new Map<string, WithParam>();

  private mode(name: string): Mode {
    let m = this.modes.get(name);
    if (!m) this.modes.set(name, (m = { id: this.modes.size, rules: [], byKey: new Map() }));
    return m;
  }

  static fromText(text: string): XsltStylesheet {
    return new XsltStylesheet(parseXml(text));
  }

  private constructor(doc: XmlDocument) {
    const root = doc.root;
    if (root.uri !== XSL || (root.local !== 'stylesheet' && root.local !== 'transform')) throw new XsltError('not an XSLT stylesheet');
    let position = 0;
    for (const el of elements(root)) {
      if (el.uri !== XSL) continue; // top-level elements in other namespaces are ignored (XSLT 1.0 §2.2)
      switch (el.local) {
        case 'template': {
          const params: WithParam[] = [];
          const body: Instr[] = [];
          for (const c of el.children) {
            if (c.kind === 'element' && c.uri === XSL && c.local === 'param') params.push(this.param(c));
            else this.instr(c, body);
          }
          const t: Template = { name: attr(el, 'name'), params, body, position: position++ };
          if (t.name) this.named.set(t.name, t);
          const match = attr(el, 'match');
          if (match) this.addRules(el, match, attr(el, 'mode') ?? '', attr(el, 'priority'), t);
          break;
        }
        case 'variable':
        case 'param':
          this.globals.set(this.param(el).name, this.param(el));
          break;
        case 'output':
        case 'strip-space':
        case 'preserve-space':
          if (el.local !== 'output') throw new XsltError(`xsl:${el.local} is not supported`);
          break;
        default:
          throw new XsltError(`xsl:${el.local} is not supported at the top level`);
      }
    }
    for (const { rules: list } of this.modes.values()) list.sort((a, b) => b.priority - a.priority || b.template.position - a.template.position);
  }

  private depth = 0;

  /** Runs the stylesheet on a document; returns the result tree. Throws XsltError past MAX_TEMPLATE_DEPTH. */
  transform(doc: XmlDocument): OutNode[] {
    if (doc.depth > MAX_TEMPLATE_DEPTH) throw tooDeep();
    this.depth = 0;
    const globalValues = new Map<string, Value>();
    const run: Run = {
      indexes: new Map(),
      globals: (name) => {
        const known = globalValues.get(name);
        if (known !== undefined) return known;
        const def = this.globals.get(name);
        if (!def) throw new XsltError(`unknown variable $${name}`);
        const value = this.paramValue(def, { node: doc, pos: 1, size: 1, current: doc, scope: null }, run);
        globalValues.set(name, value);
        return value;
      },
    };
    const out: OutNode[] = [];
    this.applyTo(doc, this.mode(''), 1, 1, [], null, run, out);
    return out;
  }

  // ---------- compile ----------

  private xpath(el: XmlElement, name: string, required = true): Expr | undefined {
    const src = attr(el, name);
    if (src === undefined) {
      if (required) throw new XsltError(`xsl:${el.local} needs @${name}`);
      return undefined;
    }
    const expr = parseXPath(src, (prefix) => resolvePrefix(el, prefix));
    checkFunctions(expr);
    return expr;
  }

  private expr(el: XmlElement, name: string): Expr {
    const e = this.xpath(el, name, true);
    if (!e) throw new XsltError(`xsl:${el.local} needs @${name}`);
    return e;
  }

  private param(el: XmlElement): WithParam {
    const name = attr(el, 'name');
    if (!name) throw new XsltError(`xsl:${el.local} needs @name`);
    const select = this.xpath(el, 'select', false);
    if (select) return { name, select };
    const body: Instr[] = [];
    for (const c of el.children) this.instr(c, body);
    return body.length ? { name, body } : { name, select: { t: 'lit', v: '' } };
  }

  private instr(node: XmlNode, out: Instr[]): void {
    if (node.kind === 'text') {
      if (node.value.trim()) out.push({ i: 'text', value: node.value });
      return;
    }
    if (node.kind !== 'element') return;
    const el = node;
    const body = () => {
      const b: Instr[] = [];
      for (const c of el.children) this.instr(c, b);
      return b;
    };
    if (el.uri !== XSL) {
      if (el.attributes.length) throw new XsltError(`attributes on literal result elements are not supported (${el.local})`);
      out.push({ i: 'lre', uri: el.uri, name: el.prefix ? `${el.prefix}:${el.local}` : el.local, body: body() });
      return;
    }
    const withParams = () => elements(el).filter((c) => c.uri === XSL && c.local === 'with-param').map((c) => this.param(c));
    switch (el.local) {
      case 'apply-templates':
        if (elements(el).some((c) => c.local === 'sort')) throw new XsltError('xsl:sort is not supported');
        {
          const select = this.xpath(el, 'select', false);
          // `select="."`, which the generated stylesheets use once per rule per element, needs no evaluator.
          const self = select?.t === 'path' && !select.absolute && select.steps.length === 1 && select.steps[0].axis === 'self' && select.steps[0].test.kind === 'node' && !select.steps[0].preds.length;
          out.push({ i: 'apply', select, self, mode: this.mode(attr(el, 'mode') ?? ''), params: withParams() });
        }
        return;
      case 'call-template':
        out.push({ i: 'call', name: required(el, 'name'), params: withParams() });
        return;
      case 'variable': {
        const p = this.param(el);
        out.push({ i: 'var', name: p.name, select: p.select, body: p.body });
        return;
      }
      case 'if':
        out.push({ i: 'if', test: this.expr(el, 'test'), body: body() });
        return;
      case 'choose': {
        const whens: { test: Expr; body: Instr[] }[] = [];
        let otherwise: Instr[] | undefined;
        for (const c of elements(el)) {
          const b: Instr[] = [];
          for (const cc of c.children) this.instr(cc, b);
          if (c.local === 'when') whens.push({ test: this.expr(c, 'test'), body: b });
          else if (c.local === 'otherwise') otherwise = b;
        }
        out.push({ i: 'choose', whens, otherwise });
        return;
      }
      case 'for-each':
        if (elements(el).some((c) => c.local === 'sort')) throw new XsltError('xsl:sort is not supported');
        out.push({ i: 'foreach', select: this.expr(el, 'select'), body: body() });
        return;
      case 'value-of':
        out.push({ i: 'valueof', select: this.expr(el, 'select') });
        return;
      case 'text': {
        const value = el.children.map((c) => (c.kind === 'text' ? c.value : '')).join('');
        out.push({ i: 'text', value });
        return;
      }
      default:
        throw new XsltError(`xsl:${el.local} is not supported`);
    }
  }

  private addRules(el: XmlElement, match: string, mode: string, priority: string | undefined, template: Template): void {
    const expr = parseXPath(match, (prefix) => resolvePrefix(el, prefix));
    checkFunctions(expr);
    const alternatives: Expr[] = [];
    const split = (e: Expr): void => {
      if (e.t === 'union') {
        split(e.a);
        split(e.b);
      } else alternatives.push(e);
    };
    split(expr);
    for (const alt of alternatives) {
      if (alt.t !== 'path') throw new XsltError(`unsupported pattern ${match}`);
      if (alt.steps.some((s) => !['child', 'attribute', 'descendant-or-self'].includes(s.axis))) throw new XsltError(`unsupported pattern ${match}`);
      const last = alt.steps[alt.steps.length - 1];
      const rule: Rule = {
        template,
        steps: alt.steps,
        absolute: alt.absolute,
        priority: priority !== undefined ? Number(priority) : defaultPriority(alt.steps),
        last: last ?? { axis: 'self', test: { kind: 'node' }, preds: [] },
        always: !alt.absolute && alt.steps.length === 1 && !alt.steps[0].preds.length,
      };
      this.mode(mode).rules.push(rule);
    }
  }

  // ---------- run ----------

  private paramValue(p: { select?: Expr; body?: Instr[] }, ctx: Context, run: Run): Value {
    if (p.select) return evaluate(p.select, ctx, run);
    const out: OutNode[] = [];
    this.exec(p.body ?? [], ctx, run, out);
    return new ResultTreeFragment(out);
  }

  private applyTo(node: XmlNode, mode: Mode, pos: number, size: number, params: { name: string; value: Value }[], _scope: Scope | null, run: Run, out: OutNode[]): void {
    // No finally: a throw ends the transformation, and transform() starts again from 0.
    if (++this.depth > MAX_TEMPLATE_DEPTH) throw tooDeep();
    this.applyRule(node, mode, pos, size, params, run, out);
    this.depth--;
  }

  private applyRule(node: XmlNode, mode: Mode, pos: number, size: number, params: { name: string; value: Value }[], run: Run, out: OutNode[]): void {
    const rule = this.findRule(node, mode, run);
    if (!rule) {
      // Built-in rules: recurse into elements and the root, copy text and attribute values.
      if (node.kind === 'element' || node.kind === 'document') {
        const kids = node.children;
        for (let i = 0; i < kids.length; i++) this.applyTo(kids[i], mode, i + 1, kids.length, [], null, run, out);
      } else if (node.kind === 'text' || node.kind === 'attribute') out.push(node.value);
      return;
    }
    this.invoke(rule.template, { node, pos, size, current: node, scope: null }, params, run, out);
  }

  private invoke(t: Template, ctx: Context, params: { name: string; value: Value }[], run: Run, out: OutNode[]): void {
    if (!t.body.length) return; // most rule templates are the empty catch-all for their mode
    let scope: Scope | null = null;
    for (const p of t.params) {
      let passed: { name: string; value: Value } | undefined;
      for (let k = 0; k < params.length; k++) {
        if (params[k].name === p.name) {
          passed = params[k];
          break;
        }
      }
      scope = { name: p.name, value: passed ? passed.value : this.paramValue(p, withScope(ctx, scope), run), next: scope };
    }
    this.exec(t.body, withScope(ctx, scope), run, out);
  }

  /**
   * True when, for this element name in this mode, the winning rule is an unconditional empty
   * template. The generated stylesheets apply ~60 rule modes to every element and almost all of
   * them land on `<template match="*" mode="…"/>`; remembering that per element name keeps the
   * cost of a mode that has nothing to say at one array read.
   */
  private isNoop(el: XmlElement, mode: Mode): boolean {
    let table = el.dispatch as (boolean[] & { owner?: XsltStylesheet }) | undefined;
    if (!table || table.owner !== this) {
      table = this.dispatch.get(el.key);
      if (!table) {
        table = Object.assign([] as boolean[], { owner: this as XsltStylesheet });
        this.dispatch.set(el.key, table);
      }
      el.dispatch = table;
    }
    let v = table[mode.id];
    if (v === undefined) {
      const candidates = this.candidates(el, el.key, mode);
      v = table[mode.id] = candidates.length > 0 && candidates[0].always && candidates[0].template.body.length === 0;
    }
    return v;
  }

  /**
   * The rules that can match nodes of this name (or kind), in the order they win. A one-step
   * pattern whose predicates look only at the node's name (`*[local-name() = 'Bsn']`, the form the
   * generated stylesheets use for most rules) is decided here, once per name: dropped, or kept as
   * matching unconditionally. Otherwise every element paid for every such predicate in every mode.
   */
  private candidates(node: XmlNode, key: string, mode: Mode): Rule[] {
    let list = mode.byKey.get(key);
    if (list) return list;
    list = [];
    for (const r of mode.rules) {
      if (!testMatches(node, r.last)) continue;
      if (!r.absolute && r.steps.length === 1 && r.last.preds.length && r.last.preds.every(nameOnly)) {
        const ctx: Context = { node, pos: 1, size: 1, current: node, scope: null };
        const run: Run = { globals: () => '', indexes: new Map() };
        if (!r.last.preds.every((p) => toBool(evaluate(p, ctx, run)))) continue;
        list.push({ ...r, always: true });
      } else list.push(r);
    }
    mode.byKey.set(key, list);
    return list;
  }

  private readonly relevantCache = new WeakMap<Instr[], Map<string, Instr[]>>();

  /**
   * The generated `check` template is sixty `apply-templates select="." mode="…"` in a row; for a
   * given element name only the modes with a real rule for it can do anything.
   */
  private relevant(body: Instr[], el: XmlElement): Instr[] {
    let byKey = this.relevantCache.get(body);
    if (!byKey) this.relevantCache.set(body, (byKey = new Map()));
    let list = byKey.get(el.key);
    if (!list) byKey.set(el.key, (list = body.filter((ins) => ins.i !== 'apply' || !this.isNoop(el, ins.mode))));
    return list;
  }

  private findRule(node: XmlNode, mode: Mode, run: Run): Rule | undefined {
    if (!mode.rules.length) return undefined;
    const key = node.kind === 'element' ? node.key : node.kind === 'attribute' ? `@${node.uri}|${node.local}` : node.kind;
    const candidates = this.candidates(node, key, mode);
    for (const r of candidates) if (r.always || this.matches(node, r, r.steps.length - 1, run)) return r;
    return undefined;
  }

  private matches(node: XmlNode, rule: Rule, i: number, run: Run): boolean {
    if (i < 0) return rule.absolute ? node.kind === 'document' : true;
    const step = rule.steps[i];
    if (step.axis === 'descendant-or-self') {
      // `a//b`: some ancestor (or the document, for a leading //) matches the rest.
      for (let n = node as XmlNode | null; n; n = n.parent) if (this.matches(n, rule, i - 1, run)) return true;
      return false;
    }
    if (!testMatches(node, step)) return false;
    if (step.preds.length && step.preds.every((p) => !isPositional(p))) {
      // A boolean predicate without position()/last() needs no sibling list: test the node itself.
      for (const pred of step.preds) if (!toBool(evaluate(pred, { node, pos: 1, size: 1, current: node, scope: null }, run))) return false;
    } else if (step.preds.length) {
      const parent = node.parent;
      const siblings = parent ? (step.axis === 'attribute' ? (parent as XmlElement).attributes : parent.children).filter((c) => testMatches(c, step)) : [node];
      let candidates = siblings as XmlNode[];
      for (const pred of step.preds) {
        const size = candidates.length;
        candidates = candidates.filter((c, k) => {
          const v = evaluate(pred, { node: c, pos: k + 1, size, current: c, scope: null }, run);
          return typeof v === 'number' ? v === k + 1 : toBool(v);
        });
        if (!candidates.includes(node)) return false;
      }
    }
    if (i === 0) return rule.absolute ? node.parent?.kind === 'document' : true;
    return node.parent ? this.matches(node.parent, rule, i - 1, run) : false;
  }

  private exec(body: Instr[], ctx: Context, run: Run, out: OutNode[]): void {
    const node = ctx.node;
    if (node.kind === 'element' && body.length > 8 && isDispatchBody(body)) body = this.relevant(body, node);
    let scope = ctx.scope;
    let c = ctx;
    for (const ins of body) {
      switch (ins.i) {
        case 'var':
          scope = { name: ins.name, value: this.paramValue(ins, c, run), next: scope };
          c = withScope(ctx, scope);
          break;
        case 'valueof':
          out.push(toStr(evaluate(ins.select, c, run)));
          break;
        case 'text':
          out.push(ins.value);
          break;
        case 'if':
          if (evaluateBool(ins.test, c, run)) this.exec(ins.body, c, run, out);
          break;
        case 'choose': {
          let hit: Instr[] | undefined = ins.otherwise;
          for (let w = 0; w < ins.whens.length; w++) {
            if (evaluateBool(ins.whens[w].test, c, run)) {
              hit = ins.whens[w].body;
              break;
            }
          }
          if (hit) this.exec(hit, c, run, out);
          break;
        }
        case 'foreach': {
          const nodes = evaluate(ins.select, c, run);
          if (!Array.isArray(nodes)) throw new XsltError('xsl:for-each needs a node-set');
          for (let k = 0; k < nodes.length; k++) this.exec(ins.body, { node: nodes[k], pos: k + 1, size: nodes.length, current: nodes[k], scope }, run, out);
          break;
        }
        case 'apply': {
          if (ins.self && !ins.params.length) {
            // `apply-templates select="."`, sixty per element in the check template: no node list.
            const n = c.node;
            if (n.kind !== 'element' || !this.isNoop(n, ins.mode)) this.applyTo(n, ins.mode, 1, 1, NO_PARAMS, scope, run, out);
            break;
          }
          let nodes: XmlNode[];
          if (ins.self) nodes = [c.node];
          else if (ins.select) {
            const v = evaluate(ins.select, c, run);
            if (!Array.isArray(v)) throw new XsltError('xsl:apply-templates needs a node-set');
            nodes = v;
          } else nodes = c.node.kind === 'element' || c.node.kind === 'document' ? c.node.children : [];
          const params = ins.params.length ? ins.params.map((p) => ({ name: p.name, value: this.paramValue(p, c, run) })) : NO_PARAMS;
          for (let k = 0; k < nodes.length; k++) {
            const n = nodes[k];
            if (n.kind === 'element' && this.isNoop(n, ins.mode)) continue;
            this.applyTo(n, ins.mode, k + 1, nodes.length, params, scope, run, out);
          }
          break;
        }
        case 'call': {
          const t = this.named.get(ins.name);
          if (!t) throw new XsltError(`no template named ${ins.name}`);
          const params = ins.params.map((p) => ({ name: p.name, value: this.paramValue(p, c, run) }));
          if (++this.depth > MAX_TEMPLATE_DEPTH) throw tooDeep();
          this.invoke(t, c, params, run, out);
          this.depth--;
          break;
        }
        case 'lre': {
          const children: OutNode[] = [];
          this.exec(ins.body, c, run, children);
          out.push({ uri: ins.uri, name: ins.name, children });
          break;
        }
      }
    }
  }
}

const NO_PARAMS: { name: string; value: Value }[] = [];

const tooDeep = () => new XsltError(`templates nest deeper than ${MAX_TEMPLATE_DEPTH} levels (an element nested too deep, or a runaway recursion)`);

const DISPATCH = new WeakMap<Instr[], boolean>();
function isDispatchBody(body: Instr[]): boolean {
  let v = DISPATCH.get(body);
  if (v === undefined) DISPATCH.set(body, (v = body.every((ins) => ins.i === 'apply' && ins.self && ins.params.length === 0)));
  return v;
}

// One object shape for every context keeps the property loads monomorphic.
const withScope = (c: Context, scope: Scope | null): Context => ({ node: c.node, pos: c.pos, size: c.size, current: c.current, scope });

function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

function required(el: XmlElement, name: string): string {
  const v = attr(el, name);
  if (v === undefined) throw new XsltError(`xsl:${el.local} needs @${name}`);
  return v;
}

function attr(el: XmlElement, name: string): string | undefined {
  return el.attributes.find((a) => a.local === name && a.uri === '')?.value;
}

function resolvePrefix(el: XmlElement, prefix: string): string {
  for (let n: XmlElement | XmlDocument | null = el; n && n.kind === 'element'; n = n.parent) {
    if (prefix in n.ns) return n.ns[prefix];
  }
  throw new XsltError(`undeclared namespace prefix ${prefix}`);
}

function checkFunctions(e: Expr): void {
  const walk = (x: Expr | undefined): void => {
    if (!x) return;
    if (x.t === 'fn') {
      if (!SUPPORTED_FUNCTIONS.has(x.name)) throw new XsltError(`function ${x.name}() is not supported`);
      x.args.forEach(walk);
    } else if (x.t === 'path') x.steps.forEach((s) => s.preds.forEach(walk));
    else if (x.t === 'filter') {
      walk(x.base);
      x.preds.forEach(walk);
      x.steps.forEach((s) => s.preds.forEach(walk));
    } else if ('a' in x) {
      walk(x.a);
      walk((x as { b?: Expr }).b);
    }
  };
  walk(e);
}

/**
 * Does the predicate depend on nothing but the node's local name and namespace (and literals)? Then
 * it has one value for every node of a name: `local-name() = 'X'`, `namespace-uri() = '…'`, and
 * `and`/`or`/`not()` of such. `name()` is left out: the prefix may differ between nodes of one name.
 */
function nameOnly(e: Expr): boolean {
  switch (e.t) {
    case 'lit':
      return true;
    case 'fn':
      if ((e.name === 'local-name' || e.name === 'namespace-uri') && e.args.length === 0) return true;
      return (e.name === 'not' || e.name === 'true' || e.name === 'false') && e.args.every(nameOnly);
    case 'cmp':
    case 'and':
    case 'or':
      return nameOnly(e.a) && nameOnly(e.b);
    default:
      return false;
  }
}

const POSITIONAL = new WeakMap<Expr, boolean>();

/** Could the predicate's outcome depend on the node's position (a number, or position()/last())? */
function isPositional(e: Expr): boolean {
  let v = POSITIONAL.get(e);
  if (v === undefined) {
    const booleanTyped = e.t === 'and' || e.t === 'or' || e.t === 'cmp' || (e.t === 'fn' && ['not', 'true', 'false', 'boolean', 'contains', 'starts-with'].includes(e.name));
    // Node-sets and booleans test truth; only a number (or position()/last()) tests position.
    const nodeSetTyped = e.t === 'path' || e.t === 'union' || (e.t === 'filter' && (e.preds.length > 0 || e.steps.length > 0));
    v = !(booleanTyped || nodeSetTyped) || usesPosition(e);
    POSITIONAL.set(e, v);
  }
  return v;
}

function usesPosition(e: Expr): boolean {
  switch (e.t) {
    case 'fn':
      return e.name === 'position' || e.name === 'last' || e.args.some(usesPosition);
    case 'lit':
    case 'num':
    case 'var':
    case 'path':
      return false; // predicates inside a path have their own context
    case 'filter':
      return usesPosition(e.base);
    case 'neg':
      return usesPosition(e.a);
    default:
      return usesPosition(e.a) || usesPosition(e.b);
  }
}

function testMatches(node: XmlNode, step: Step): boolean {
  const t = step.test;
  const attrAxis = step.axis === 'attribute';
  switch (t.kind) {
    case 'name':
      return (attrAxis ? node.kind === 'attribute' : node.kind === 'element') && (node as XmlElement).local === t.local && (node as XmlElement).uri === t.uri;
    case 'any':
      return attrAxis ? node.kind === 'attribute' : node.kind === 'element';
    case 'ns-any':
      return (attrAxis ? node.kind === 'attribute' : node.kind === 'element') && (node as XmlElement).uri === t.uri;
    case 'node':
      return step.axis === 'self' ? true : attrAxis ? node.kind === 'attribute' : node.kind !== 'attribute' && node.kind !== 'document';
    case 'text':
      return node.kind === 'text';
    case 'comment':
      return node.kind === 'comment';
    case 'pi':
      return node.kind === 'pi' && (t.target === undefined || node.target === t.target);
  }
}

function defaultPriority(steps: Step[]): number {
  if (steps.length !== 1 || steps[0].preds.length) return steps.length === 0 ? 0.5 : 0.5;
  const t = steps[0].test;
  if (t.kind === 'name') return 0;
  if (t.kind === 'pi' && t.target !== undefined) return 0;
  if (t.kind === 'ns-any') return -0.25;
  return -0.5;
}

export { toStr };
