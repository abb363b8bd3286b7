#!/usr/bin/env node
// Renders a Helm chart without the helm binary (none can be installed here): the subset of Go
// templates and Sprig functions that docker/helm/vangnet uses, with Helm's built-in objects and its
// output conventions (`# Source:` per template, missing values as empty text). Anything outside
// the subset is an error naming the template and the construct, never a silent difference.
//
//   node tools/helm/render.js [chart] [--values file.yaml]... [--set-json '{"a":{"b":1}}']
//       [--release name] [--namespace ns]                         prints the manifests
//   node tools/helm/render.js --update-golden                    rewrites tools/helm/golden/*
//
// The subset: text, comments, `{{-`/`-}}` trimming; if / else if / else, range (lists and maps,
// maps in key order, `$k, $v :=`), with, define/include/template, variables (`:=`, `=`); pipelines
// of fields (.A.b, $x.a, $), literals, (sub-pipelines); the functions listed in FUNCS.
const { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
// js-yaml: the YAML parser of @nestjs/swagger, a production dependency.
const yaml = require('js-yaml');

const here = __dirname;
const repo = join(here, '..', '..');

class TemplateError extends Error {}

// ---------------------------------------------------------------------------------------------
// Lexing: text and actions, with Go's trim markers ("{{- " trims the whitespace before, " -}}" after).
function lex(src, name) {
  const parts = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      parts.push({ t: 'text', v: src.slice(i) });
      break;
    }
    parts.push({ t: 'text', v: src.slice(i, open) });
    let start = open + 2;
    let trimLeft = false;
    if (/^-[ \t\r\n]/.test(src.slice(start, start + 2))) {
      trimLeft = true;
      start += 1;
    }
    // Find the closing braces outside string literals.
    let j = start;
    let quote = null;
    for (; j < src.length; j++) {
      const c = src[j];
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === '`') quote = c;
      else if (c === '}' && src[j + 1] === '}') break;
    }
    if (j >= src.length) throw new TemplateError(`${name}: unclosed action at offset ${open}`);
    let end = j;
    let trimRight = false;
    if (/[ \t\r\n]-$/.test(src.slice(end - 2, end))) {
      trimRight = true;
      end -= 1;
    }
    const body = src.slice(start, end).trim();
    const line = src.slice(0, open).split('\n').length;
    if (trimLeft && parts.length) parts[parts.length - 1].v = parts[parts.length - 1].v.replace(/[ \t\r\n]+$/, '');
    parts.push({ t: 'action', v: body, line, trimRight });
    i = j + 2;
    if (trimRight) {
      const m = /^[ \t\r\n]*/.exec(src.slice(i));
      i += m[0].length;
    }
  }
  return parts.filter((p) => p.t !== 'text' || p.v !== '');
}

// ---------------------------------------------------------------------------------------------
// Expressions: a pipeline is commands joined by '|'; a command is operands, the first of which may
// name a function.
function tokenizeExpr(s, where) {
  const toks = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      toks.push({ k: 'lit', v: JSON.parse(s.slice(i, j + 1)) });
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      toks.push({ k: 'lit', v: s.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      toks.push({ k: c });
      i++;
    } else if (s.startsWith(':=', i) || (c === '=' && s[i + 1] !== '=')) {
      toks.push({ k: c === ':' ? ':=' : '=' });
      i += c === ':' ? 2 : 1;
    } else {
      const m = /^[^\s()|,]+/.exec(s.slice(i));
      const w = m[0];
      i += w.length;
      if (/^-?\d+(\.\d+)?$/.test(w)) toks.push({ k: 'lit', v: Number(w) });
      else if (w === 'true' || w === 'false') toks.push({ k: 'lit', v: w === 'true' });
      else if (w === 'nil') toks.push({ k: 'lit', v: null });
      else if (w.startsWith('.') || w.startsWith('$')) toks.push({ k: 'ref', v: w });
      else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) toks.push({ k: 'fn', v: w });
      else throw new TemplateError(`${where}: cannot read "${w}"`);
    }
  }
  return toks;
}

function parsePipeline(toks, where) {
  let pos = 0;
  const operand = () => {
    const t = toks[pos++];
    if (!t) throw new TemplateError(`${where}: expression ends too early`);
    if (t.k === 'lit') return { lit: t.v };
    if (t.k === 'ref') return { ref: t.v };
    if (t.k === 'fn') return { fn: t.v, args: [] };
    if (t.k === '(') {
      const inner = pipeline();
      if (toks[pos++]?.k !== ')') throw new TemplateError(`${where}: missing )`);
      return { sub: inner };
    }
    throw new TemplateError(`${where}: unexpected ${t.k}`);
  };
  const command = () => {
    const ops = [];
    while (pos < toks.length && toks[pos].k !== '|' && toks[pos].k !== ')') ops.push(operand());
    if (!ops.length) throw new TemplateError(`${where}: empty command`);
    const [head, ...rest] = ops;
    if (head.fn) return { fn: head.fn, args: rest };
    if (rest.length) throw new TemplateError(`${where}: ${JSON.stringify(head)} is not a function`);
    return head;
  };
  const pipeline = () => {
    const cmds = [command()];
    while (toks[pos]?.k === '|') {
      pos++;
      cmds.push(command());
    }
    return { cmds };
  };
  const p = pipeline();
  if (pos !== toks.length) throw new TemplateError(`${where}: unexpected ${toks[pos].k}`);
  return p;
}

/** `$k, $v := pipeline`, `$x := pipeline`, `$x = pipeline` or a bare pipeline. */
function parseClause(s, where) {
  const toks = tokenizeExpr(s, where);
  const decl = toks.findIndex((t) => t.k === ':=' || t.k === '=');
  if (decl > 0 && toks.slice(0, decl).every((t) => t.k === 'ref' || t.k === ',')) {
    const vars = toks.slice(0, decl).filter((t) => t.k === 'ref').map((t) => t.v);
    return { vars, assign: toks[decl].k === '=', pipe: parsePipeline(toks.slice(decl + 1), where) };
  }
  return { vars: [], pipe: parsePipeline(toks, where) };
}

// ---------------------------------------------------------------------------------------------
// Parsing: a tree of text, output, if, range, with and define nodes.
function parse(src, name, defines) {
  const parts = lex(src, name);
  let pos = 0;
  // An if/with/range after its opening action: its branches, up to and including its `end`.
  // `else if` is an if in the else branch that shares the one `end`.
  const control = (word, clause, where) => {
    const node = { [word]: clause, where };
    const first = block(['else', 'end']);
    node.then = first.nodes;
    if (first.end.startsWith('else')) {
      pos++;
      const rest = first.end.slice(4).trim();
      if (word === 'if' && rest.startsWith('if ')) {
        node.else = [control('if', parseClause(rest.slice(2), first.where), first.where)];
        return node;
      }
      if (rest) throw new TemplateError(`${first.where}: "${first.end}" not supported`);
      const second = block(['end']);
      if (second.end !== 'end') throw new TemplateError(`${where}: ${word} without end`);
      node.else = second.nodes;
    } else if (first.end !== 'end') throw new TemplateError(`${where}: ${word} without end`);
    pos++;
    return node;
  };
  const block = (ends) => {
    const nodes = [];
    while (pos < parts.length) {
      const p = parts[pos];
      if (p.t === 'text') {
        nodes.push({ text: p.v });
        pos++;
        continue;
      }
      const where = `${name}:${p.line}`;
      const body = p.v;
      const word = /^[a-z]+/.exec(body)?.[0];
      if (body.startsWith('/*')) {
        pos++;
      } else if (word && ends.includes(word)) {
        return { nodes, end: body, where };
      } else if (word === 'if' || word === 'with' || word === 'range') {
        pos++;
        nodes.push(control(word, parseClause(body.slice(word.length), where), where));
      } else if (word === 'define') {
        pos++;
        const nameTok = tokenizeExpr(body.slice(6), where)[0];
        const inner = block(['end']);
        pos++;
        defines[nameTok.v] = inner.nodes;
      } else if (word === 'end' || word === 'else') {
        throw new TemplateError(`${where}: unexpected ${word}`);
      } else if (word === 'template') {
        pos++;
        const toks = tokenizeExpr(body.slice(8), where);
        nodes.push({ out: { vars: [], pipe: { cmds: [{ fn: 'include', args: [{ lit: toks[0].v }, ...(toks.length > 1 ? [{ sub: parsePipeline(toks.slice(1), where) }] : [{ ref: '.' }])] }] } }, where });
      } else if (word === 'block') {
        throw new TemplateError(`${where}: block is not supported`);
      } else {
        pos++;
        nodes.push({ out: parseClause(body, where), where });
      }
    }
    if (ends.length) return { nodes, end: '', where: name };
    return { nodes };
  };
  return block([]).nodes;
}

// ---------------------------------------------------------------------------------------------
// Evaluation.
const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function truthy(v) {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}
function printValue(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new TemplateError(`cannot print a ${Array.isArray(v) ? 'list' : 'map'} (use toYaml)`);
}
const toYaml = (v) => (v === null || v === undefined ? 'null' : yaml.dump(v, { lineWidth: -1, noRefs: true, sortKeys: false }).replace(/\n$/, ''));
const indent = (n, s) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

const FUNCS = {
  default: (def, v) => (truthy(v) ? v : def),
  quote: (...v) => v.map((x) => JSON.stringify(x === null || x === undefined ? '' : String(x))).join(' '),
  upper: (s) => String(s).toUpperCase(),
  lower: (s) => String(s).toLowerCase(),
  replace: (a, b, s) => String(s).split(a).join(b),
  trunc: (n, s) => String(s).slice(0, n),
  trimSuffix: (suf, s) => (String(s).endsWith(suf) ? String(s).slice(0, -suf.length) : String(s)),
  printf: (fmt, ...args) => {
    let i = 0;
    return fmt.replace(/%[sdv%]/g, (m) => (m === '%%' ? '%' : printValue(args[i++])));
  },
  toYaml,
  indent: (n, s) => indent(n, s),
  nindent: (n, s) => `\n${indent(n, s)}`,
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  gt: (a, b) => a > b,
  and: (...v) => v.find((x) => !truthy(x)) ?? v[v.length - 1],
  or: (...v) => v.find((x) => truthy(x)) ?? v[v.length - 1],
  not: (v) => !truthy(v),
  empty: (v) => !truthy(v),
  int: (v) => Math.trunc(Number(v)),
  hasKey: (m, k) => isMap(m) && Object.prototype.hasOwnProperty.call(m, k),
  list: (...v) => v,
  dict: (...kv) => {
    const d = {};
    for (let i = 0; i < kv.length; i += 2) d[kv[i]] = kv[i + 1];
    return d;
  },
  merge: (...ms) => {
    const out = {};
    for (const m of ms.reverse()) Object.assign(out, m);
    return out;
  },
  concat: (...ls) => ls.flat(),
  keys: (m) => Object.keys(m ?? {}),
  sortAlpha: (l) => [...l].sort(),
  required: (msg, v) => {
    if (v === null || v === undefined || v === '') throw new TemplateError(msg);
    return v;
  },
  fail: (msg) => {
    throw new TemplateError(msg);
  },
};

function resolveRef(ref, scope, where) {
  let v;
  let path;
  if (ref.startsWith('.')) {
    v = scope.dot;
    path = ref.slice(1).split('.').filter(Boolean);
  } else {
    const [head, ...rest] = ref.split('.');
    if (!(head in scope.vars)) throw new TemplateError(`${where}: undefined variable ${head}`);
    v = scope.vars[head];
    path = rest;
  }
  for (const key of path) {
    if (v === null || v === undefined) return undefined;
    if (!isMap(v)) throw new TemplateError(`${where}: ${ref}: cannot take .${key} of a ${Array.isArray(v) ? 'list' : typeof v}`);
    v = v[key];
  }
  return v;
}

function evalPipe(pipe, scope, ctx, where) {
  let value;
  pipe.cmds.forEach((cmd, i) => {
    const piped = i > 0 ? [value] : [];
    if (cmd.fn) {
      const args = cmd.args.map((a) => evalOperand(a, scope, ctx, where)).concat(piped);
      if (cmd.fn === 'include' || cmd.fn === 'tpl') {
        const [tname, dot] = args;
        if (cmd.fn === 'tpl') value = renderNodes(parse(String(tname), `${where} (tpl)`, ctx.defines), { dot, vars: { $: scope.vars.$ } }, ctx);
        else if (!ctx.defines[tname]) throw new TemplateError(`${where}: no template "${tname}"`);
        else value = renderNodes(ctx.defines[tname], { dot, vars: { $: scope.vars.$ } }, ctx);
      } else {
        const f = FUNCS[cmd.fn];
        if (!f) throw new TemplateError(`${where}: function "${cmd.fn}" is not in the renderer's subset`);
        try {
          value = f(...args);
        } catch (e) {
          throw new TemplateError(`${where}: ${cmd.fn}: ${e.message}`);
        }
      }
    } else {
      if (piped.length) throw new TemplateError(`${where}: cannot pipe into a value`);
      value = evalOperand(cmd, scope, ctx, where);
    }
  });
  return value;
}

function evalOperand(op, scope, ctx, where) {
  if ('lit' in op) return op.lit;
  if (op.ref) return resolveRef(op.ref, scope, where);
  if (op.sub) return evalPipe(op.sub, scope, ctx, where);
  if (op.fn) return evalPipe({ cmds: [op] }, scope, ctx, where);
  throw new TemplateError(`${where}: bad operand`);
}

function renderNodes(nodes, scope, ctx) {
  let out = '';
  // Variables declared in a block live until its end.
  const local = { dot: scope.dot, vars: { ...scope.vars } };
  for (const n of nodes) {
    if ('text' in n) {
      out += n.text;
    } else if (n.out) {
      const v = evalPipe(n.out.pipe, local, ctx, n.where);
      if (n.out.vars.length) {
        if (n.out.assign && !(n.out.vars[0] in local.vars)) throw new TemplateError(`${n.where}: ${n.out.vars[0]} assigned before it is declared`);
        local.vars[n.out.vars[0]] = v;
      } else out += printValue(v);
    } else if (n.if) {
      const v = evalPipe(n.if.pipe, local, ctx, n.where);
      out += truthy(v) ? renderNodes(n.then, local, ctx) : n.else ? renderNodes(n.else, local, ctx) : '';
    } else if (n.with) {
      const v = evalPipe(n.with.pipe, local, ctx, n.where);
      if (truthy(v)) out += renderNodes(n.then, { dot: v, vars: n.with.vars.length ? { ...local.vars, [n.with.vars[0]]: v } : local.vars }, ctx);
      else if (n.else) out += renderNodes(n.else, local, ctx);
    } else if (n.range) {
      const v = evalPipe(n.range.pipe, local, ctx, n.where);
      const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : isMap(v) ? Object.keys(v).sort().map((k) => [k, v[k]]) : v == null ? [] : null;
      if (entries === null) throw new TemplateError(`${n.where}: cannot range over a ${typeof v}`);
      if (!entries.length && n.else) out += renderNodes(n.else, local, ctx);
      for (const [k, x] of entries) {
        const vars = { ...local.vars };
        const names = n.range.vars;
        if (names.length === 1) vars[names[0]] = x;
        if (names.length === 2) Object.assign(vars, { [names[0]]: k, [names[1]]: x });
        out += renderNodes(n.then, { dot: x, vars }, ctx);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helm: values (chart defaults, then each --values file, then --set-json, deep-merged), the
// built-in objects, every file under templates/ (helpers `_*.tpl` only define).
function deepMerge(base, over) {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v === null ? undefined : deepMerge(base[k], v);
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function renderChart(chartDir, { values = [], release = 'vangnet', namespace = 'vangnet' } = {}) {
  const chart = yaml.load(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
  let vals = yaml.load(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {};
  for (const v of values) vals = deepMerge(vals, v);
  const top = {
    Values: vals,
    Release: { Name: release, Namespace: namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Capabilities: { KubeVersion: { Version: 'v1.31.0', Major: '1', Minor: '31' } },
  };
  const dir = join(chartDir, 'templates');
  const ctx = { defines: {} };
  const files = readdirSync(dir).filter((f) => /\.(yaml|yml|tpl)$/.test(f)).sort();
  const parsed = files.map((f) => ({ f, nodes: parse(readFileSync(join(dir, f), 'utf8'), `templates/${f}`, ctx.defines) }));
  const docs = [];
  for (const { f, nodes } of parsed) {
    if (f.startsWith('_')) continue;
    const text = renderNodes(nodes, { dot: top, vars: { $: top } }, ctx);
    for (const doc of text.split(/^---[ \t]*$/m)) {
      if (!doc.replace(/#.*$/gm, '').trim()) continue;
      docs.push({ source: `${chart.name}/templates/${f}`, text: doc.replace(/^\n+/, '').replace(/\s+$/, '') });
    }
  }
  return {
    text: docs.map((d) => `---\n# Source: ${d.source}\n${d.text}\n`).join(''),
    objects: docs.map((d) => {
      try {
        return { source: d.source, object: yaml.load(d.text) };
      } catch (e) {
        throw new TemplateError(`${d.source}: the output is not YAML: ${e.message}\n${d.text}`);
      }
    }),
  };
}

/** The cases kept as golden files: the defaults, and a hardened production-like set of values. */
const GOLDEN_CASES = {
  default: [],
  production: [join(here, 'values-production.yaml')],
};

function renderCase(name) {
  const values = GOLDEN_CASES[name].map((f) => yaml.load(readFileSync(f, 'utf8')));
  return renderChart(join(repo, 'docker', 'helm', 'vangnet'), { values });
}

module.exports = { renderChart, renderCase, GOLDEN_CASES, TemplateError };

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--update-golden')) {
    mkdirSync(join(here, 'golden'), { recursive: true });
    for (const name of Object.keys(GOLDEN_CASES)) {
      writeFileSync(join(here, 'golden', `${name}.yaml`), renderCase(name).text);
      console.log(`[helm] golden/${name}.yaml written`);
    }
  } else {
    let chart = join(repo, 'docker', 'helm', 'vangnet');
    const values = [];
    const opts = {};
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--values' || args[i] === '-f') values.push(yaml.load(readFileSync(args[++i], 'utf8')));
      else if (args[i] === '--set-json') values.push(JSON.parse(args[++i]));
      else if (args[i] === '--release') opts.release = args[++i];
      else if (args[i] === '--namespace') opts.namespace = args[++i];
      else if (existsSync(args[i])) chart = args[i];
      else {
        console.error(`unknown argument ${args[i]}`);
        process.exit(64);
      }
    }
    process.stdout.write(renderChart(chart, { values, ...opts }).text);
  }
}

