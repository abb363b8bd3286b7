import { Controller, Get, Module } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { PartnerTeamsHandlers, PlatformModule } from '@vangnet/platform';
import { registerPartner, TestContext, TestService } from '../src';

// ARCHITECTURE §6 scoping decisions as the libraries enforce them for every service (issue 13).

@Controller('v1/cases')
class CasesController {
  @Get()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  list(@CurrentCaller() caller: Caller) {
    return { items: [], municipalities: caller.municipalities };
  }
}

// Partner teams are the platform's (ADR 0017): a service that honours an access role turns them on
// and subscribes to the registry's events with the platform's handlers, as this one does.
@Module({ imports: [PlatformModule.forService({ service: 'access', partnerTeams: true })], controllers: [CasesController], providers: [PartnerTeamsHandlers] })
class CasesModule {}

describe('authorisation rules of the platform', () => {
  let ctx: TestContext;
  let svc: TestService;
  const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(CasesModule, { service: 'access' });
  });

  afterAll(() => ctx.close());

  const get = async (path: string, claims: Parameters<TestContext['token']>[0]) =>
    svc.http.get(path).set('Authorization', `Bearer ${await ctx.token(claims)}`);

  it('O4: should show dead letters and their payloads to platform.operator only, not to an auditor', async () => {
    expect((await get('/api/access/v1/dead-letters', { org: 'GM0546', roles: [Role.PLATFORM_OPERATOR], municipalities: ['GM0546'] })).status).toBe(200);
    const auditor = await get('/api/access/v1/dead-letters', { org: 'GM0546', roles: [Role.AUDITOR], municipalities: ALL });
    expect(auditor.status).toBe(403);
    expect(auditor.body.code).toBe('FORBIDDEN');
    for (const role of [Role.ACCESS_CASEWORKER, Role.FINANCE_CONTROLLER, Role.REGION_ADMINISTRATOR]) {
      expect((await get('/api/access/v1/dead-letters', { org: 'GM0546', roles: [role], municipalities: ALL })).status).toBe(403);
    }
  });

  it('O1: should refuse a provider or corporation token holding access roles, whatever municipalities it claims', async () => {
    expect((await get('/api/access/v1/cases', { org: 'GM0546', roles: [Role.ACCESS_CASEWORKER], municipalities: ['GM0546'] })).status).toBe(200);
    for (const org of ['AGB:12345678', 'CORP:87654321']) {
      const res = await get('/api/access/v1/cases', { org, roles: [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER], municipalities: ALL });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('O1: should let an ORG: team hold access.caseworker only as the partner registry, learnt from its events, says', async () => {
    const org = 'ORG:41169999';
    const team = { org, roles: [Role.ACCESS_CASEWORKER], municipalities: ['GM0546', 'GM0547'] };
    const unregistered = await get('/api/access/v1/cases', team);
    expect(unregistered.status).toBe(403);
    expect(unregistered.body.code).toBe('FORBIDDEN');

    const partner = await registerPartner(ctx, svc, { org, name: 'Wijkteam Noord', accessTeamFor: ['GM0546'] });
    const registered = await get('/api/access/v1/cases', team);
    expect(registered.status).toBe(200);
    expect(registered.body.municipalities).toEqual(['GM0546']);

    await registerPartner(ctx, svc, { ...partner, active: false, revision: 2 });
    expect((await get('/api/access/v1/cases', team)).status).toBe(403);
  });

  it('O1: should refuse to keep the partner registry for a service the catalogue does not make its reader', () => {
    expect(() => PlatformModule.forService({ service: 'housing', partnerTeams: true })).toThrow(/housing keeps the partner registry .* does not list it as a consumer of gateway\.partner\.registered\.v1/);
  });
});
