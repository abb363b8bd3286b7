// XPath 1.0 expressions, parsed once per stylesheet into a small AST. Names are resolved to
// namespace URIs at parse time with the stylesheet's bindings, so evaluation compares strings only.

export type Axis =
  | 'child'
  | 'descendant'
  | 'descendant-or-self'
  | 'parent'
  | 'ancestor'
  | 'ancestor-or-self'
  | 'following-sibling'
  | 'preceding-sibling'
  | 'following'
  | 'preceding'
  | 'attribute'
  | 'self'
  | 'namespace';

export type NodeTest =
  | { kind: 'name'; uri: string; local: string }
  | { kind: 'any' }
  | { kind: 'ns-any'; uri: string }
  | { kind: 'node' }
  | { kind: 'text' }
  | { kind: 'comment' }
  | { kind: 'pi'; target?: string };

export interface Step {
  axis: Axis;
  test: NodeTest;
  preds: Expr[];
  /** Filled in by the evaluator: an index plan for sibling-axis steps it can answer without a scan. */
  plan?: unknown;
}

export type Expr =
  | { t: 'or' | 'and'; a: Expr; b: Expr }
  | { t: 'cmp'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; a: Expr; b: Expr }
  | { t: 'arith'; op: '+' | '-' | '*' | 'div' | 'mod'; a: Expr; b: Expr }
  | { t: 'neg'; a: Expr }
  | { t: 'union'; a: Expr; b: Expr }
  | { t: 'path'; absolute: boolean; steps: Step[]; id: number }
  | { t: 'filter'; base: Expr; preds: Expr[]; steps: Step[]; id: number }
  | { t: 'lit'; v: string }
  | { t: 'num'; v: number }
  | { t: 'var'; name: string }
  | { t: 'fn'; name: string; args: Expr[] };

type Tok = { k: 'name' | 'op' | 'lit' | 'num' | 'var' | 'nodetype' | 'fname' | 'axis' | 'star' | 'nstest'; v: string };

const AXES = new Set([
  'child', 'descendant', 'descendant-or-self', 'parent', 'ancestor', 'ancestor-or-self',
  'following-sibling', 'preceding-sibling', 'following', 'preceding', 'attribute', 'self', 'namespace',
]);
const NODE_TYPES = new Set(['node', 'text', 'comment', 'processing-instruction']);
const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]/;

export class XPathSyntaxError extends Error {}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  // §3.7: after these, * is a name test and an NCName is a name, not an operator.
  const operandExpected = () => {
    const p = toks[toks.length - 1];
    return !p || p.k === 'axis' || (p.k === 'op' && ![')', ']', '.', '..'].includes(p.v));
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new XPathSyntaxError(`unterminated literal in ${src}`);
      toks.push({ k: 'lit', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*(\.[0-9]*)?/.exec(src.slice(i))?.[0] ?? '';
      toks.push({ k: 'num', v: m });
      i += m.length;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?)/.exec(src.slice(i));
      if (!m) throw new XPathSyntaxError(`bad variable in ${src}`);
      toks.push({ k: 'var', v: m[1] });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['//', '::', '..', '!=', '<=', '>='].includes(two)) {
      if (two === '::') {
        const prev = toks.pop();
        if (!prev || prev.k !== 'name' || !AXES.has(prev.v)) throw new XPathSyntaxError(`bad axis in ${src}`);
        toks.push({ k: 'axis', v: prev.v });
      } else toks.push({ k: 'op', v: two });
      i += 2;
      continue;
    }
    if (c === '*') {
      toks.push(operandExpected() ? { k: 'star', v: '*' } : { k: 'op', v: '*' });
      i++;
      continue;
    }
    if ('/()[]@,|+-=<>.'.includes(c)) {
      toks.push({ k: 'op', v: c });
      i++;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j])) j++;
      let name = src.slice(i, j);
      if (!operandExpected() && ['and', 'or', 'div', 'mod'].includes(name)) {
        toks.push({ k: 'op', v: name });
        i = j;
        continue;
      }
      if (src[j] === ':' && src[j + 1] === '*') {
        toks.push({ k: 'nstest', v: name });
        i = j + 2;
        continue;
      }
      if (src[j] === ':' && src[j + 1] !== ':' && NAME_START.test(src[j + 1] ?? '')) {
        let k = j + 2;
        while (k < src.length && NAME_CHAR.test(src[k])) k++;
        name = src.slice(i, k);
        j = k;
      }
      let k = j;
      while (/\s/.test(src[k] ?? '')) k++;
      if (src[k] === '(' ) toks.push({ k: NODE_TYPES.has(name) ? 'nodetype' : 'fname', v: name });
      else toks.push({ k: 'name', v: name });
      i = j;
      continue;
    }
    throw new XPathSyntaxError(`unexpected ${c} in ${src}`);
  }
  return toks;
}

let nextId = 1;

export function parseXPath(src: string, resolve: (prefix: string) => string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = (o = 0) => toks[p + o];
  const isOp = (v: string, o = 0) => peek(o)?.k === 'op' && peek(o).v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new XPathSyntaxError(`expected ${v} in ${src}`);
    p++;
  };

  const orExpr = (): Expr => {
    let a = andExpr();
    while (isOp('or')) {
      p++;
      a = { t: 'or', a, b: andExpr() };
    }
    return a;
  };
  const andExpr = (): Expr => {
    let a = eqExpr();
    while (isOp('and')) {
      p++;
      a = { t: 'and', a, b: eqExpr() };
    }
    return a;
  };
  const eqExpr = (): Expr => {
    let a = relExpr();
    while (isOp('=') || isOp('!=')) {
      const op = toks[p++].v as '=' | '!=';
      a = { t: 'cmp', op, a, b: relExpr() };
    }
    return a;
  };
  const relExpr = (): Expr => {
    let a = addExpr();
    while (isOp('<') || isOp('>') || isOp('<=') || isOp('>=')) {
      const op = toks[p++].v as '<' | '>' | '<=' | '>=';
      a = { t: 'cmp', op, a, b: addExpr() };
    }
    return a;
  };
  const addExpr = (): Expr => {
    let a = mulExpr();
    while (isOp('+') || isOp('-')) {
      const op = toks[p++].v as '+' | '-';
      a = { t: 'arith', op, a, b: mulExpr() };
    }
    return a;
  };
  const mulExpr = (): Expr => {
    let a = unaryExpr();
    while (isOp('*') || isOp('div') || isOp('mod')) {
      const op = toks[p++].v as '*' | 'div' | 'mod';
      a = { t: 'arith', op, a, b: unaryExpr() };
    }
    return a;
  };
  const unaryExpr = (): Expr => {
    if (isOp('-')) {
      p++;
      return { t: 'neg', a: unaryExpr() };
    }
    return unionExpr();
  };
  const unionExpr = (): Expr => {
    let a = pathExpr();
    while (isOp('|')) {
      p++;
      a = { t: 'union', a, b: pathExpr() };
    }
    return a;
  };
  const startsPrimary = () => {
    const t = peek();
    return t && (t.k === 'var' || t.k === 'lit' || t.k === 'num' || t.k === 'fname' || (t.k === 'op' && t.v === '('));
  };
  const pathExpr = (): Expr => {
    if (startsPrimary()) {
      const base = primary();
      const preds: Expr[] = [];
      while (isOp('[')) preds.push(predicate());
      const steps: Step[] = [];
      if (isOp('/') || isOp('//')) relativeSteps(steps, true);
      if (!preds.length && !steps.length) return base;
      return { t: 'filter', base, preds, steps, id: nextId++ };
    }
    const steps: Step[] = [];
    let absolute = false;
    if (isOp('/')) {
      absolute = true;
      p++;
      const t = peek();
      const startsStep = t && (t.k === 'name' || t.k === 'star' || t.k === 'nstest' || t.k === 'axis' || t.k === 'nodetype' || (t.k === 'op' && (t.v === '@' || t.v === '.' || t.v === '..')));
      if (!startsStep) return { t: 'path', absolute, steps, id: nextId++ };
      steps.push(step());
    } else if (isOp('//')) {
      absolute = true;
      p++;
      steps.push({ axis: 'descendant-or-self', test: { kind: 'node' }, preds: [] });
      steps.push(step());
    } else steps.push(step());
    relativeSteps(steps, false);
    return { t: 'path', absolute, steps, id: nextId++ };
  };
  const relativeSteps = (steps: Step[], first: boolean) => {
    void first;
    while (isOp('/') || isOp('//')) {
      if (toks[p++].v === '//') steps.push({ axis: 'descendant-or-self', test: { kind: 'node' }, preds: [] });
      steps.push(step());
    }
  };
  const step = (): Step => {
    if (isOp('.')) return (p++, { axis: 'self', test: { kind: 'node' }, preds: [] });
    if (isOp('..')) return (p++, { axis: 'parent', test: { kind: 'node' }, preds: [] });
    let axis: Axis = 'child';
    if (isOp('@')) {
      p++;
      axis = 'attribute';
    }
    else if (peek()?.k === 'axis') axis = toks[p++].v as Axis;
    const t = toks[p++];
    let test: NodeTest;
    if (!t) throw new XPathSyntaxError(`unexpected end of ${src}`);
    if (t.k === 'star') test = { kind: 'any' };
    else if (t.k === 'nstest') test = { kind: 'ns-any', uri: resolve(t.v) };
    else if (t.k === 'name') {
      const colon = t.v.indexOf(':');
      test = colon < 0 ? { kind: 'name', uri: '', local: t.v } : { kind: 'name', uri: resolve(t.v.slice(0, colon)), local: t.v.slice(colon + 1) };
    } else if (t.k === 'nodetype') {
      expectOp('(');
      let target: string | undefined;
      if (peek()?.k === 'lit') target = toks[p++].v;
      expectOp(')');
      test = t.v === 'node' ? { kind: 'node' } : t.v === 'text' ? { kind: 'text' } : t.v === 'comment' ? { kind: 'comment' } : { kind: 'pi', target };
    } else throw new XPathSyntaxError(`unexpected ${t.v} in ${src}`);
    const preds: Expr[] = [];
    while (isOp('[')) preds.push(predicate());
    return { axis, test, preds };
  };
  const predicate = (): Expr => {
    expectOp('[');
    const e = orExpr();
    expectOp(']');
    return e;
  };
  const primary = (): Expr => {
    const t = toks[p++];
    if (t.k === 'var') return { t: 'var', name: t.v };
    if (t.k === 'lit') return { t: 'lit', v: t.v };
    if (t.k === 'num') return { t: 'num', v: Number(t.v) };
    if (t.k === 'op' && t.v === '(') {
      const e = orExpr();
      expectOp(')');
      return e;
    }
    // function call
    expectOp('(');
    const args: Expr[] = [];
    if (!isOp(')')) {
      args.push(orExpr());
      while (isOp(',')) {
        p++;
        args.push(orExpr());
      }
    }
    expectOp(')');
    return { t: 'fn', name: t.v, args };
  };

  const e = orExpr();
  if (p < toks.length) throw new XPathSyntaxError(`unexpected ${toks[p].v} in ${src}`);
  return e;
}
