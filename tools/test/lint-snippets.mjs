#!/usr/bin/env node
// Lints code snippets as if they were files of the workspace, in one ESLint process (the config
// loads by dynamic import, which Jest's sandbox lacks; one process instead of one per snippet).
// stdin: [{ file, code }]; stdout: [{ file, boundaries: [message], depConstraints }].
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });
const snippets = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for (const { file, code } of snippets) {
  const filePath = join(root, file);
  const [result] = await eslint.lintText(code, { filePath });
  const config = await eslint.calculateConfigForFile(filePath);
  out.push({
    file,
    boundaries: result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message),
    depConstraints: config.rules['@nx/enforce-module-boundaries'][1].depConstraints,
  });
}
process.stdout.write(JSON.stringify(out));
