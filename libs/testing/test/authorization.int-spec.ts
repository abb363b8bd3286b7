import { Controller, Get, Module } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { PlatformModule } from '@vangnet/platform';
import { TestContext, TestService } from '../src';

// ARCHITECTURE §6 scoping decisions as the libraries enforce them for every service (issue 13).

@Controller('v1/cases')
class CasesController {
  @Get()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  list() {
    return { items: [] };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'access' })], controllers: [CasesController] })
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
});
