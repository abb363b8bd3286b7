#!/usr/bin/env node
// Node's own warning lines in a run's output: "(node:1234) [DEP0040] DeprecationWarning: …",
// "(node:1234) ExperimentalWarning: …", "(node:1234) MaxListenersExceededWarning: …" and the like.
// They are printed outside the services' JSON logs, so a log pipeline cannot parse them; a run
// that shows one fails (`node tools/node24/warnings.mjs <log file>` for a saved run, as .ci/run
// does with `npm test`'s output).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WARNING = /\(node:\d+\) (?:\[[A-Z0-9_]+\] )?[A-Za-z]*Warning: .*/g;

/** Each distinct warning line in the text (ANSI colours removed), first occurrence first. */
export function nodeWarnings(text) {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return [...new Set([...plain.matchAll(WARNING)].map((m) => m[0].trim()))];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: warnings.mjs <log file>');
    process.exit(64);
  }
  const warnings = nodeWarnings(readFileSync(file, 'utf8'));
  for (const w of warnings) console.error(`[warnings] Node printed a warning line (not JSON): ${w}`);
  console.log(`[warnings] ${warnings.length} Node warning line(s) in ${file}`);
  process.exit(warnings.length ? 1 : 0);
}
