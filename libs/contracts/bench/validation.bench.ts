// bench: no-infrastructure
// CPU per validation of an event payload against its contract class (class-transformer +
// class-validator, as the inbox and the RPC server run it): the part of an event's cost that every
// consumer pays once per event (ADR 0016 found it near 40 % of finance's intake).
import 'reflect-metadata';
import { benchFigureLine } from '../src/common/bench-figure';
import { EVENT_CATALOGUE } from '../src/catalogue';
import { validatePayload } from '../src/common/validation';
import { EVENT_EXAMPLES } from '../src/testing/message-examples';

const N = Number(process.env.BENCH_VALIDATIONS ?? 20_000);

for (const [subject, id] of [
  ['access.provision.granted.v1', 'contracts.validation.provision-granted.cpu-us'],
  ['finance.declaration.assessed.v1', 'contracts.validation.declaration-assessed.cpu-us'],
] as const) {
  const def = EVENT_CATALOGUE.find((d) => d.subject === subject);
  const sample = EVENT_EXAMPLES[subject];
  if (!def || !sample) throw new Error(`no contract or example for ${subject}`);
  for (let i = 0; i < 2000; i++) validatePayload(def.payload, sample);
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const r = validatePayload(def.payload, sample);
    if (!r.ok) throw new Error(`${subject}: the example is invalid: ${JSON.stringify(r.invalidParams)}`);
  }
  const c = process.cpuUsage(c0);
  const us = (c.user + c.system) / N;
  console.log(`${subject}: ${us.toFixed(1)} µs CPU per payload validation (${N.toLocaleString('en')} validations)`);
  console.log(benchFigureLine({ id, label: `validating a ${subject} payload against its contract class, CPU`, value: us, unit: 'µs' }));
}
