#!/usr/bin/env node
// Lints OpenAPI documents with Redocly's recommended rules (the library behind `redocly lint`),
// and prints one JSON line: per file, its errors and warnings with rule and location. An ES module
// (as @redocly/openapi-core is), so Jest specs run it as a child process.
import { createConfig, lint } from '@redocly/openapi-core';

const files = process.argv.slice(2);
const config = await createConfig({ extends: ['recommended'] });
const results = {};
for (const file of files) {
  const problems = await lint({ ref: file, config });
  results[file] = problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location?.[0]?.pointer }));
}
console.log(JSON.stringify(results));
