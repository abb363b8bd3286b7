#!/usr/bin/env node
// Differential check of the library's XSLT processor against libxslt: runs the rule stylesheet
// with `xsltproc` and with libs/istandaarden on each file and compares the findings (code,
// Retourcode, every Locatie, Details). Needs `npm run build` first and xsltproc on the PATH.
//   node tools/istandaarden/differential.mjs libs/istandaarden/src/testdata/examples/**/*.xml
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const dist = join(root, 'dist', 'libs', 'istandaarden', 'src');
const { parseXml } = require(join(dist, 'xml', 'xml-document.js'));
const { detectMessage, SCHEMAS } = require(join(dist, 'message', 'message-registry.js'));
const { ruleStylesheet, readReport } = require(join(dist, 'validation', 'rule-stylesheet.js'));
const { resourcesDir } = require(join(dist, 'resources.js'));

const toOut = (el) => ({
  uri: el.uri,
  name: el.prefix ? `${el.prefix}:${el.local}` : el.local,
  children: el.children.map((c) => (c.kind === 'element' ? toOut(c) : c.kind === 'text' ? c.value : '')).filter((c) => c !== ''),
});

let same = 0;
let different = 0;
for (const file of process.argv.slice(2)) {
  const doc = parseXml(readFileSync(file, 'utf8'));
  const { standard } = detectMessage(doc.root);
  const t0 = Date.now();
  const ours = readReport(ruleStylesheet(standard).transform(doc));
  const t1 = Date.now();
  const native = execFileSync('xsltproc', [join(resourcesDir(), SCHEMAS[standard].xslt), file], { maxBuffer: 1 << 30 }).toString();
  const t2 = Date.now();
  const theirs = readReport([toOut(parseXml(native).root)]);
  const equal = JSON.stringify(ours) === JSON.stringify(theirs);
  equal ? same++ : different++;
  console.log(`${equal ? 'same' : 'DIFFERENT'}  ${file}  library ${t1 - t0} ms, xsltproc ${t2 - t1} ms, ${ours.length} findings`);
  if (!equal) console.log(JSON.stringify({ library: ours, xsltproc: theirs }, null, 1));
}
console.log(`${same} same, ${different} different`);
process.exit(different ? 1 : 0);
