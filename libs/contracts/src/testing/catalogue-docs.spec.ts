import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { MESSAGE_CATALOGUE } from '../catalogue';
import { Role } from '../common/roles';
import { readSnapshots } from '../compat/snapshot';
import { PROCESSING_LOG_RESPONDERS, processingLogSearchSubject } from '../common/processing-log-search.request';
import {
  ASYNCAPI_FILE,
  buildAsyncApi,
  catalogueMismatches,
  CODEOWNERS_FILE,
  generateContractDocs,
  githubTeam,
  readProjects,
  README_BEGIN,
  README_END,
  renderCodeowners,
  spliceSection,
  teamOf,
} from './catalogue-docs';
import { libUsesWithoutOwner, scanApps } from './source-scan';

const ROOT = join(__dirname, '..', '..', '..', '..');
const committed = (file: string) => (existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : '(missing)');

// The generated files are committed so that reviewers and partners read them without a build;
// each must be what the catalogue, the snapshots and the sources make of it today.
describe('generated contract documentation', () => {
  const generated = generateContractDocs(ROOT);

  it('should generate the AsyncAPI document, CODEOWNERS and every app README', () => {
    const apps = readProjects(ROOT).filter((p) => p.dir.startsWith('apps/'));
    expect([...generated.keys()].sort()).toEqual([ASYNCAPI_FILE, CODEOWNERS_FILE, ...apps.map((p) => `${p.dir}/README.md`)].sort());
  });

  it.each([...generated.keys()].sort())('%s should be current (npm run contracts:docs)', (file) => {
    // Compared as text; on failure the first differing line is enough to see what changed.
    const want = generated.get(file) as string;
    const have = committed(file);
    if (have !== want) {
      const a = have.split('\n');
      const b = want.split('\n');
      const i = b.findIndex((line, n) => line !== a[n]);
      expect({ file, line: i + 1, committed: a[i], generated: b[i], fix: 'npm run contracts:docs' }).toBeUndefined();
    }
  });
});

describe('the AsyncAPI document', () => {
  const doc = JSON.parse(committed(ASYNCAPI_FILE)) as {
    asyncapi: string;
    channels: Record<string, { address: string | null; 'x-producer'?: string; 'x-consumers'?: string[]; messages: Record<string, { payload: { properties?: Record<string, unknown> }; examples?: Array<{ payload: unknown }> }> }>;
    operations: Record<string, { action: string }>;
  };

  it('should be valid AsyncAPI 3 (@asyncapi/parser: no errors, no warnings)', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.channels().length).toBe(Object.keys(doc.channels).length);
  });

  // The parser does not hold examples to their payloads: ajv does, so the examples a partner
  // copies are valid messages.
  it('should carry examples that are valid against their payload schemas', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const invalid: string[] = [];
    let checked = 0;
    for (const [id, channel] of Object.entries(doc.channels)) {
      for (const [name, message] of Object.entries(channel.messages)) {
        for (const example of message.examples ?? []) {
          checked++;
          const validate = ajv.compile(message.payload);
          if (!validate(example.payload)) invalid.push(`${id} ${name}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(MESSAGE_CATALOGUE.length);
  });

  it.each(MESSAGE_CATALOGUE.map((d) => [d.subject, d] as const))('should list %s with its payload, producer and consumers', (subject, d) => {
    const channel = doc.channels[subject];
    expect(channel).toMatchObject({ address: subject, 'x-producer': d.producer, 'x-consumers': [...d.consumers] });
    const snap = readSnapshots().get(subject)!;
    const payloads = Object.values(channel.messages).map((m) => m.payload);
    if (d.kind === 'event') expect(payloads[0].properties?.data).toEqual(snap.payload);
    else expect(payloads[0]).toEqual(snap.request);
    const verb = d.kind === 'event' ? ['publishes', 'consumes'] : ['answers', 'calls'];
    expect(doc.operations[`${d.producer}.${verb[0]}.${subject}`]).toBeDefined();
    for (const c of d.consumers) expect(doc.operations[`${c}.${verb[1]}.${subject}`]).toBeDefined();
  });

  it('should change when the catalogue does (the staleness check can fail)', () => {
    const scans = scanApps(ROOT);
    const snapshots = readSnapshots();
    const today = JSON.stringify(buildAsyncApi(MESSAGE_CATALOGUE, snapshots, scans, '0.1.0'));
    const withAnotherConsumer = MESSAGE_CATALOGUE.map((d) => (d.subject === 'housing.placement.ended.v1' ? { ...d, consumers: [...d.consumers, 'care-plans' as const] } : d));
    expect(JSON.stringify(buildAsyncApi(withAnotherConsumer, snapshots, scans, '0.1.0'))).not.toBe(today);
  });
});

// What the apps do (read from their sources, and from what the libs declare they do on an app's
// behalf) is what the catalogue says, both ways: nobody publishes another service's event, every
// consumer, responder and caller is one the catalogue names, and every one it names is built.
describe('the catalogue against the apps\' sources', () => {
  const scans = scanApps(ROOT);
  const uses = scans.flatMap((s) => s.uses.map((u) => `${s.app} ${u.role} ${u.subject}`));

  it('should find the handlers (the scan reads what it should)', () => {
    expect(uses).toEqual(expect.arrayContaining(['finance consumes access.provision.granted.v1', 'access publishes access.provision.granted.v1', 'procurement answers procurement.contract.check', 'access calls procurement.contract.check']));
    expect(scans.find((s) => s.app === 'housing')?.routes).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/api/housing/v1/nominations/{id}/answer', roles: ['corporation'] })]),
    );
  });

  // libs/platform registers the processing-log responder in every service of
  // PROCESSING_LOG_RESPONDERS (@registeredFor), and access gathers from all of them through the
  // module it imports (@registeredVia); the gateway's webhook ingest reads streams with JetStream
  // consumers of its own (@consumes).
  it('should find what a lib does on a service\'s behalf, and what a class declares it consumes', () => {
    for (const service of PROCESSING_LOG_RESPONDERS) {
      expect(uses).toContain(`${service} answers ${processingLogSearchSubject(service)}`);
      expect(uses).toContain(`access calls ${processingLogSearchSubject(service)}`);
    }
    expect(uses).not.toContain(`gateway answers ${processingLogSearchSubject('gateway')}`);
    expect(uses.filter((u) => u.startsWith('access answers ') && u.endsWith('.processing-log.search'))).toEqual([]);
    expect(scans.find((s) => s.app === 'access')?.routes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/api/access/v1/resident-access-log', roles: ['auditor'] })]));
    expect(scans.find((s) => s.app === 'housing')?.routes.some((r) => r.path.includes('resident-access-log'))).toBe(false);
    expect(uses).toEqual(expect.arrayContaining(['gateway consumes housing.nomination.made.v1', 'gateway consumes finance.declaration.assessed.v1', 'gateway consumes access.provision.ended.v1']));
  });

  it('should give every message use in the libs to the apps that run it (a declaration in the lib)', () => {
    expect(libUsesWithoutOwner(ROOT)).toEqual([]);
  });

  it('should resolve every route\'s roles to roles of the platform', () => {
    const known = new Set<string>(Object.values(Role));
    const unresolved = scans.flatMap((s) => s.routes.flatMap((r) => r.roles.filter((role) => !known.has(role)).map((role) => `${r.file} ${r.handler}: ${role}`)));
    expect(unresolved).toEqual([]);
    expect(scans.flatMap((s) => s.routes).filter((r) => r.roles.length > 0).length).toBeGreaterThan(100);
  });

  it('should record every use of a message the sources make, with its service', () => {
    expect(catalogueMismatches(MESSAGE_CATALOGUE, scans).unlisted).toEqual([]);
  });

  it('should name only producers and consumers that handle the subject in their sources', () => {
    expect(catalogueMismatches(MESSAGE_CATALOGUE, scans).unbuilt).toEqual([]);
  });

  it('should tell a consumer without a handler, and a handler the catalogue does not name', () => {
    const partnerChanged = 'gateway.partner.changed.v1';
    // Housing in place of access, care-plans and exchange, which handle it.
    const wrong = MESSAGE_CATALOGUE.map((d) => (d.subject === partnerChanged ? { ...d, consumers: ['care-plans' as const, 'exchange' as const, 'housing' as const] } : d));
    expect(catalogueMismatches(wrong, scans)).toEqual({
      unlisted: [expect.stringMatching(/^libs\/platform\/src\/partner-teams\/.*: access consumes gateway\.partner\.changed\.v1, which the catalogue/)],
      unbuilt: [`housing consumes ${partnerChanged} says the catalogue, but its sources do not`],
    });
  });
});

describe('owning teams', () => {
  const projects = readProjects(ROOT);

  it.each(projects.map((p) => [p.dir, p] as const))('%s should name exactly one team in its tags, and CODEOWNERS the same', (dir, p) => {
    const team = teamOf(p);
    const line = committed(CODEOWNERS_FILE)
      .split('\n')
      .find((l) => l.startsWith(`/${dir}/ `));
    expect(line).toBe(`/${dir}/ ${githubTeam(team)}`);
  });

  it('should refuse a project without a team', () => {
    expect(() => renderCodeowners([{ name: 'x', dir: 'libs/x', tags: ['type:util'] }])).toThrow('libs/x: needs exactly one team:<name> tag');
  });

  it('should map tags to GitHub teams', () => {
    expect(githubTeam('team:access')).toBe('@vangnet/team-access');
    expect(githubTeam('team:platform')).toBe('@vangnet/platform-team');
  });
});

describe(spliceSection.name, () => {
  const section = `${README_BEGIN}\nnew\n${README_END}\n`;

  it('should replace only the generated section and keep what people wrote around it', () => {
    const readme = `# x\n\nby hand\n\n${README_BEGIN}\nold\n${README_END}\n\nmore by hand\n`;
    expect(spliceSection(readme, 'x', section)).toBe(`# x\n\nby hand\n\n${README_BEGIN}\nnew\n${README_END}\n\nmore by hand\n`);
  });

  it('should append the section to a README without one, and start a README where there is none', () => {
    expect(spliceSection('# x\n\nby hand\n', 'x', section)).toBe(`# x\n\nby hand\n\n${section}`);
    expect(spliceSection(undefined, 'x', section)).toBe(`# x\n\n${section}`);
  });
});
