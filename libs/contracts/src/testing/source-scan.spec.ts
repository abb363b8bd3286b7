import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { libUsesWithoutOwner, scanApps } from './source-scan';

// The declarations the scan reads (@registeredFor, @registeredVia, @consumes), on a small
// workspace of its own: what they give which app, and what they refuse.
describe('source scan: what libs and classes declare', () => {
  let root: string;

  const write = (files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
  };
  const uses = () => scanApps(root).flatMap((s) => s.uses.map((u) => `${s.app} ${u.role} ${u.subject} ${u.file}`));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'source-scan-'));
    for (const app of ['access', 'housing', 'gateway']) write({ [`apps/${app}/package.json`]: '{}', [`apps/${app}/src/main.ts`]: 'export {};\n' });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should give a responder a lib registers for every service of a list to each of them, as its own subject', () => {
    write({
      'libs/platform/src/responder.ts': `
/** @registeredFor PROCESSING_LOG_RESPONDERS */
export function responder(service: ServiceName) {
  const subject = processingLogSearchSubject(service);
  class R { @MessagePattern(subject) search() {} }
  return R;
}
`,
    });
    expect(uses()).toEqual(['housing answers housing.processing-log.search libs/platform/src/responder.ts']);
    expect(libUsesWithoutOwner(root)).toEqual([]);
  });

  it('should give what a lib does through a module to the apps that import that module, and its routes', () => {
    write({
      'libs/platform/src/gather.ts': `
/** @registeredVia GatherModule */
export class Gatherer {
  run() { return PROCESSING_LOG_RESPONDERS.map((service) => this.rpc.request(processingLogSearchSubject(service), {})); }
}
/** @registeredVia GatherModule */
@Controller('v1/gather')
export class GatherController { @Post() @Roles(Role.AUDITOR) gather() {} }
`,
      'apps/access/src/app.module.ts': "import { GatherModule } from '@vangnet/platform';\n",
    });
    const access = scanApps(root).find((s) => s.app === 'access')!;
    expect(access.uses.map((u) => `${u.role} ${u.subject}`)).toEqual(expect.arrayContaining(['calls housing.processing-log.search', 'calls finance.processing-log.search']));
    expect(access.routes).toEqual([expect.objectContaining({ method: 'POST', path: '/api/access/v1/gather', roles: ['auditor'], file: 'libs/platform/src/gather.ts' })]);
    expect(scanApps(root).find((s) => s.app === 'housing')).toEqual({ app: 'housing', routes: [], uses: [] });
  });

  it('should list a lib\'s handler that declares no app, even one whose subject it cannot read', () => {
    write({
      'libs/platform/src/orphan.ts': `
export function responder(service: ServiceName) {
  const subject = processingLogSearchSubject(service);
  class R { @MessagePattern(subject) search() {} @OnEvent(PROVISION_GRANTED_V1) granted() {} }
  return R;
}
`,
    });
    expect(uses()).toEqual([]);
    expect(libUsesWithoutOwner(root).map((u) => `${u.role} ${u.subject}`)).toEqual(['answers (unread) subject', 'consumes access.provision.granted.v1']);
  });

  it('should give a class that reads streams itself the event types of the list it names', () => {
    write({
      'apps/gateway/src/types.ts': `export const OFFERED = [{ type: 'housing.nomination.made.v1', scope: 'x' }, { type: PROVISION_ENDED_V1, scope: 'y' }] as const;\n`,
      'apps/gateway/src/ingest.ts': '/**\n * Reads the streams.\n * @consumes OFFERED\n */\nexport class Ingest {}\n',
    });
    expect(uses()).toEqual(['gateway consumes access.provision.ended.v1 apps/gateway/src/ingest.ts', 'gateway consumes housing.nomination.made.v1 apps/gateway/src/ingest.ts']);
  });

  it('should refuse a declaration it cannot read', () => {
    write({ 'apps/gateway/src/ingest.ts': '/** @consumes NOWHERE */\nexport class Ingest {}\n' });
    expect(() => scanApps(root)).toThrow('@consumes NOWHERE: no top-level const NOWHERE');
    write({ 'apps/gateway/src/ingest.ts': "const NOT_EVENTS = ['housing.nomination.made.v1', 'elsewhere'];\n/** @consumes NOT_EVENTS */\nexport class Ingest {}\n" });
    expect(() => scanApps(root)).toThrow('not every element names an event subject');
    write({ 'apps/gateway/src/ingest.ts': 'export {};\n', 'libs/platform/src/r.ts': '/** @registeredFor SOMETHING_ELSE */\nexport function r() {}\n' });
    expect(() => scanApps(root)).toThrow('@registeredFor SOMETHING_ELSE is not a list of services libs/contracts exports');
  });
});
