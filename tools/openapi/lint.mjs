#!/usr/bin/env node
// Lints OpenAPI documents with Redocly's recommended rules (the library behind `redocly lint`) and
// Spectral's `spectral:oas` ruleset (what `spectral lint` runs for an OpenAPI document), and prints
// one JSON line: per linter and file, its errors and warnings with rule and location. An ES module
// (as @redocly/openapi-core is), so Jest specs run it as a child process.
import { readFileSync } from 'node:fs';
import { createConfig, lint } from '@redocly/openapi-core';
import spectralCore from '@stoplight/spectral-core';
import spectralRulesets from '@stoplight/spectral-rulesets';

const { Spectral } = spectralCore;
const files = process.argv.slice(2);
const config = await createConfig({ extends: ['recommended'] });
const spectral = new Spectral();
// `spectral:oas` as the CLI's `extends: spectral:oas` gives it: its recommended rules, none turned off.
spectral.setRuleset({ extends: [[spectralRulesets.oas, 'recommended']] });
/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. */
const SPECTRAL_SEVERITY = ['error', 'warn', 'info', 'hint'];

const results = { redocly: {}, spectral: {} };
for (const file of files) {
  const problems = await lint({ ref: file, config });
  results.redocly[file] = problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location?.[0]?.pointer }));
  const found = await spectral.run(readFileSync(file, 'utf8'));
  results.spectral[file] = found.map((p) => ({ severity: SPECTRAL_SEVERITY[p.severity] ?? String(p.severity), rule: String(p.code), message: p.message, at: `#/${p.path.join('/')}` }));
}
console.log(JSON.stringify(results));
