import { Caller, callerFromClaims } from '@vangnet/auth';
import { CEILING_THRESHOLD_REACHED_V1, CeilingThresholdReachedV1, FinancingVariant, ProductCategory, Role, Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { EventProbe } from '@vangnet/testing';
import { ClsService } from 'nestjs-cls';
import { CeilingsService } from '../src/ceilings/ceilings.service';
import { CheckService } from '../src/check/check.service';
import { ClientStopsService } from '../src/client-stops/client-stops.service';
import { ContractsService } from '../src/contracts/contracts.service';
import { ProviderKind } from '../src/providers/providers.dto';
import { ProvidersService } from '../src/providers/providers.service';
import { SubsidiesService } from '../src/subsidies/subsidies.service';
import { GM_LEIDEN, GM_LEIDERDORP, Procurement, REGION, startProcurement } from './support';

/**
 * The middle tier: procurement's services called directly, against their own PostgreSQL and the
 * real NATS (events through the outbox), without HTTP or the event stream in between. Procurement
 * asks no other service anything over NATS, so there is no peer to stub. Each test has its own
 * provider, so it runs alone.
 */
describe('procurement services, called directly', () => {
  let p: Procurement;
  let fired: EventProbe<CeilingThresholdReachedV1>;
  const manager: Caller = callerFromClaims({ sub: 'svc-test', org: GM_LEIDEN, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: REGION });

  const inCls = <T>(work: () => Promise<T>): Promise<T> => p.svc.app.get(ClsService).run(work);
  // As the inbox runs an event handler: in a transaction of its own.
  const inTransaction = <T>(work: () => Promise<T>): Promise<T> => inCls(() => p.svc.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost).withTransaction(work));
  const register = (agb: string) =>
    inCls(() => p.svc.app.get(ProvidersService).create({ agb, kvk: `4${agb.slice(1)}`, name: `Provider ${agb}`, kind: ProviderKind.CARE_PROVIDER }, manager));

  beforeAll(async () => {
    p = await startProcurement('2026-06-01');
    fired = await p.ctx.probe<CeilingThresholdReachedV1>(CEILING_THRESHOLD_REACHED_V1);
  });

  afterAll(() => p.close());

  it('should keep the newest cumulative spend whatever order finance’s reports arrive in, and fire each threshold once with the spend that reached it', async () => {
    const agb = '77770001';
    await register(agb);
    const key = { providerAgb: agb, municipality: GM_LEIDEN, year: 2026 };
    const ceilings = p.svc.app.get(CeilingsService);
    await inCls(() => ceilings.put(key, 1_000_000, manager, undefined));
    // The third overtakes the second; the second is late, the third comes twice, the first last of all.
    const reports: Array<[number, number]> = [
      [950_000, 3],
      [750_000, 2],
      [950_000, 3],
      [1_000_000, 4],
      [500_000, 1],
    ];
    for (const [spendCents, sequence] of reports) await inTransaction(() => ceilings.recordSpend({ ...key, spendCents, sequence }));

    const view = await inCls(() => ceilings.get(key, manager));
    expect(view).toMatchObject({ ceilingCents: 1_000_000, spendCents: 1_000_000, spendSequence: 4, usedBasisPoints: 10_000, version: 1 });
    expect(view.thresholdsReached.map((t) => [t.thresholdPercent, t.spendCents])).toEqual([
      [70, 950_000],
      [90, 950_000],
      [100, 1_000_000],
    ]);
    await fired.next((e) => e.data.providerAgb === agb && e.data.thresholdPercent === 100);
    const events = fired.matching((e) => e.data.providerAgb === agb);
    expect(events).toHaveLength(3);
    for (const e of events) expect(e).toMatchObject({ municipality: GM_LEIDEN, data: { ...key, ceilingCents: 1_000_000 } });
  });

  it('should let the check see a client stop the moment it is set, except for crisis care, and not once it is lifted', async () => {
    const agb = '77770011';
    await register(agb);
    const contract = await inCls(() =>
      p.svc.app.get(ContractsService).create(
        {
          reference: `SVC-${agb}`,
          providerAgb: agb,
          municipalities: [GM_LEIDEN, GM_LEIDERDORP],
          term: { start: '2026-01-01', end: '2026-12-31' },
          products: [
            { product: { category: ProductCategory.GUIDANCE }, variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffs: [{ year: 2026, tariffCents: 7000 }] },
            { product: { category: ProductCategory.EMERGENCY_SHELTER }, variant: FinancingVariant.OUTPUT, unit: Unit.DAY, tariffs: [{ year: 2026, tariffCents: 11_000 }] },
          ],
        },
        manager,
      ),
    );
    const checks = p.svc.app.get(CheckService);
    const ask = (municipality: string, category: ProductCategory) => checks.check({ providerAgb: agb, municipality, product: { category }, date: '2026-07-01' });
    await expect(ask(GM_LEIDEN, ProductCategory.GUIDANCE)).resolves.toMatchObject({ ok: true, contractId: contract.contractId, tariffCents: 7000 });

    const stops = p.svc.app.get(ClientStopsService);
    const stop = await inCls(() => stops.set({ providerAgb: agb, municipality: GM_LEIDEN, reason: 'ceiling reached', period: { start: '2026-06-01' } }, manager));
    await expect(ask(GM_LEIDEN, ProductCategory.GUIDANCE)).resolves.toMatchObject({ ok: false, code: 'CLIENT_STOP', clientStopId: stop.id });
    await expect(ask(GM_LEIDEN, ProductCategory.EMERGENCY_SHELTER)).resolves.toMatchObject({ ok: true, crisis: true });
    await expect(ask(GM_LEIDERDORP, ProductCategory.GUIDANCE)).resolves.toMatchObject({ ok: true });

    await inCls(() => stops.lift(stop.id, 'agreed', manager));
    await expect(ask(GM_LEIDEN, ProductCategory.GUIDANCE)).resolves.toMatchObject({ ok: true });
  });

  it('should write nothing of a subsidy whose organisation is not registered', async () => {
    const agb = '77770021';
    const subsidies = p.svc.app.get(SubsidiesService);
    const grant = { organisationAgb: agb, municipality: GM_LEIDEN, year: 2027, amountCents: 40_000, purpose: 'Buurthuis', conditions: [] };
    await expect(inCls(() => subsidies.grant(grant, manager))).rejects.toMatchObject({ code: 'UNKNOWN_PROVIDER', status: 422 });
    await expect(inCls(() => subsidies.list({ organisationAgb: agb }, manager))).resolves.toEqual({ items: [] });
    await register(agb);
    const granted = await inCls(() => subsidies.grant(grant, manager));
    expect(granted.instalments.map((i) => i.amountCents)).toEqual([10_000, 10_000, 10_000, 10_000]);
    await expect(inCls(() => subsidies.list({ organisationAgb: agb }, manager))).resolves.toEqual({ items: [granted] });
  });
});
