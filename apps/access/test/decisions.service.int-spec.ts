import { callerFromClaims, Caller } from '@vangnet/auth';
import {
  CONTRACT_CHECK,
  ContractCheckRequest,
  DeliveryForm,
  FinancingVariant,
  Frequency,
  Law,
  ProductCategory,
  PROVISION_CHANGED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionGrantedV1,
  Role,
  Unit,
} from '@vangnet/contracts';
import { EventProbe, StubAnswer, StubResponder, TestContext, TestService } from '@vangnet/testing';
import { ClsService } from 'nestjs-cls';
import { ApplicationsService } from '../src/applications/applications.service';
import { DecisionRequest } from '../src/decisions/decisions.dto';
import { DecisionsService } from '../src/decisions/decisions.service';
import { PersonsService } from '../src/persons/persons.service';
import { ProvisionsService } from '../src/provisions/provisions.service';
import { bsnFor, LEIDEN, setToday, startAccess } from './support/access';

/**
 * The middle tier: the decisions and provisions services called directly, against their own
 * PostgreSQL and the real NATS, with procurement replaced by a stub. Each test has its own person,
 * application and provider, so it runs alone.
 */
describe('access services: decisions and provisions with procurement stubbed', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: StubResponder<ContractCheckRequest>;
  let granted: EventProbe<ProvisionGrantedV1>;
  let changed: EventProbe<ProvisionChangedV1>;
  // Each test's answers, by provider.
  const answers = new Map<string, StubAnswer>();
  const decider: Caller = callerFromClaims({ sub: 'dm-svc', org: LEIDEN, roles: [Role.ACCESS_DECISION_MAKER, Role.ACCESS_CASEWORKER], municipalities: [LEIDEN] });
  let seed = 200;

  const inCls = <T>(work: () => Promise<T>): Promise<T> => svc.app.get(ClsService).run(work);
  const approval = (contractId: string) => ({
    reply: { ok: true, contractId, variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents: 6540, crisis: false },
  });

  /** A person with an open Wmo application, and a provider of the test's own. */
  async function aCase(answer?: (agb: string) => StubAnswer): Promise<{ applicationId: string; personId: string; agb: string }> {
    seed++;
    const agb = `9810${String(seed).padStart(4, '0')}`;
    if (answer) answers.set(agb, answer(agb));
    const person = await inCls(() =>
      svc.app.get(PersonsService).create(decider, { bsn: bsnFor(seed), familyName: 'Bakker', birthDate: '1970-01-01', brpMunicipality: LEIDEN, municipality: LEIDEN }),
    );
    const app = await inCls(() => svc.app.get(ApplicationsService).create(decider, { personId: person.id, municipality: LEIDEN, law: Law.WMO }));
    return { applicationId: app.id, personId: person.id, agb };
  }

  const inKind = (applicationId: string, agb: string): DecisionRequest => ({
    applicationId,
    provisions: [
      {
        product: { category: ProductCategory.GUIDANCE },
        deliveryForm: DeliveryForm.IN_KIND,
        providerAgb: agb,
        volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
        period: { start: '2026-12-01', end: '2027-11-30' },
      },
    ],
  });
  const askedFor = (agb: string) => procurement.requests.filter((r) => r.providerAgb === agb);

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    setToday(svc, '2026-11-23');
    procurement = await ctx.stub<ContractCheckRequest>(CONTRACT_CHECK, (q) => answers.get(q.providerAgb) ?? { reply: { ok: false, code: 'NO_CONTRACT' } });
    granted = await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1);
    changed = await ctx.probe<ProvisionChangedV1>(PROVISION_CHANGED_V1);
  });

  afterAll(() => ctx.close());

  it('should grant with the contract procurement answered, asking once for the paying municipality on the start date', async () => {
    const contractId = 'c1000000-0000-4000-8000-000000000001';
    const c = await aCase(() => approval(contractId));
    const view = await inCls(() => svc.app.get(DecisionsService).decide(decider, inKind(c.applicationId, c.agb)));
    expect(askedFor(c.agb)).toEqual([{ providerAgb: c.agb, municipality: LEIDEN, product: { category: ProductCategory.GUIDANCE }, date: '2026-12-01' }]);
    expect(view.provisions).toEqual([expect.objectContaining({ contractId, tariffCents: 6540, version: 1, status: 'ACTIVE' })]);
    const lineageId = view.provisions[0].lineageId;
    await expect(granted.next((e) => e.data.lineageId === lineageId)).resolves.toMatchObject({ data: { contractId, personId: c.personId, decisionId: view.id } });
    const stored = await inCls(() => svc.app.get(ProvisionsService).get(decider, lineageId));
    expect(stored).toMatchObject({ lineageId, status: 'ACTIVE', versions: [expect.objectContaining({ contractId })] });
  });

  it('should pass procurement’s error code on and leave the application open', async () => {
    const c = await aCase(() => ({ error: { code: 'UNKNOWN_PROVIDER', message: 'no such provider' } }));
    await expect(inCls(() => svc.app.get(DecisionsService).decide(decider, inKind(c.applicationId, c.agb)))).rejects.toMatchObject({ code: 'UNKNOWN_PROVIDER' });
    const app = await inCls(() => svc.app.get(ApplicationsService).get(decider, c.applicationId));
    expect(app).toMatchObject({ status: 'OPEN', decisionId: null });
  });

  it('should answer TIMEOUT when procurement stays silent, writing nothing', async () => {
    const c = await aCase(() => ({ silent: true }));
    await expect(inCls(() => svc.app.get(DecisionsService).decide(decider, inKind(c.applicationId, c.agb)))).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(inCls(() => svc.app.get(DecisionsService).listForPerson(decider, c.personId))).resolves.toEqual({ items: [] });
  });

  it('should keep the contract for a new volume and ask procurement again for a new provider', async () => {
    const c = await aCase(() => approval('c1000000-0000-4000-8000-000000000002'));
    const other = `9820${String(seed).padStart(4, '0')}`;
    answers.set(other, approval('c1000000-0000-4000-8000-000000000003'));
    const view = await inCls(() => svc.app.get(DecisionsService).decide(decider, inKind(c.applicationId, c.agb)));
    const lineageId = view.provisions[0].lineageId;
    const provisions = svc.app.get(ProvisionsService);

    const v2 = await inCls(() => provisions.change(decider, lineageId, { validFrom: '2027-01-01', volume: { amount: 6, unit: Unit.HOUR, frequency: Frequency.PER_WEEK } }));
    expect(v2).toMatchObject({ version: 2, contractId: 'c1000000-0000-4000-8000-000000000002', previousProvisionId: lineageId });
    expect(askedFor(c.agb)).toHaveLength(1);

    const v3 = await inCls(() => provisions.change(decider, v2.provisionId, { validFrom: '2027-02-01', providerAgb: other }));
    expect(v3).toMatchObject({ version: 3, providerAgb: other, contractId: 'c1000000-0000-4000-8000-000000000003' });
    expect(askedFor(other)).toEqual([{ providerAgb: other, municipality: LEIDEN, product: { category: ProductCategory.GUIDANCE }, date: '2027-02-01' }]);
    await expect(changed.next((e) => e.data.provisionId === v3.provisionId)).resolves.toMatchObject({ data: { version: 3, previousProvisionId: v2.provisionId } });
  });

  it('should write nothing when a change is refused by procurement', async () => {
    const c = await aCase(() => approval('c1000000-0000-4000-8000-000000000004'));
    const refusing = `9830${String(seed).padStart(4, '0')}`;
    answers.set(refusing, { reply: { ok: false, code: 'CLIENT_STOP' } });
    const view = await inCls(() => svc.app.get(DecisionsService).decide(decider, inKind(c.applicationId, c.agb)));
    const provisions = svc.app.get(ProvisionsService);
    await expect(inCls(() => provisions.change(decider, view.provisions[0].lineageId, { validFrom: '2027-01-01', providerAgb: refusing }))).rejects.toMatchObject({
      status: 422,
      code: 'CLIENT_STOP',
      invalidParams: [{ name: 'providerAgb', code: 'CLIENT_STOP' }],
    });
    const lineage = await inCls(() => provisions.get(decider, view.provisions[0].lineageId));
    expect(lineage.versions).toHaveLength(1);
  });
});
