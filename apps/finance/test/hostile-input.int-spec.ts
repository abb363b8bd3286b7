import { Role } from '@vangnet/contracts';
import { encodeCursor } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { aContractedProvider, aDeclarationBody, aGrant, aLineBody, controllerToken, grantAll, LEIDEN, LEIDERDORP, OEGSTGEEST, providerToken, startFinance } from './support/finance';

// Issue 13, finance's part: a cursor is honoured only by the list and the query that gave it out;
// a fund list shows exactly the funds whose detail the same token may read; hostile values in
// finance's own fields are a 400 naming the field, never a 5xx or a silent success.
const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const KATWIJK = 'GM0537';

describe('finance against hostile input (issue 13)', () => {
  let ctx: TestContext;
  let svc: TestService;
  const api = '/api/finance/v1';
  const get = (path: string, token: string) => svc.http.get(`${api}${path}`).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object) => svc.http.post(`${api}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const expectForeignCursor = (res: { status: number; body: { code: string; invalidParams: Array<{ name: string; code: string }> } }) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: 'cursor', code: 'INVALID_CURSOR' })]);
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
  });

  afterAll(() => ctx.close());

  describe('cursors', () => {
    let controller: string;
    let provider: string;
    let declarationId: string;

    beforeAll(async () => {
      controller = await controllerToken(ctx, [LEIDEN, LEIDERDORP]);
      const agb = await aContractedProvider(ctx);
      provider = await providerToken(ctx, agb);
      const grants = [aGrant({ providerAgb: agb }), aGrant({ providerAgb: agb })];
      await grantAll(ctx, svc, controller, grants);
      for (const month of ['03', '04', '05']) {
        const period = { start: `2026-${month}-01`, end: `2026-${month}-${month === '04' ? 30 : 31}` };
        const declared = await post('/declarations', provider, aDeclarationBody(grants.map((g) => aLineBody(g.provisionId, { period })), { period })).expect(201);
        expect(declared.body.totals.approvedCents).toBeGreaterThan(0);
      }
      declarationId = (await get('/declarations?limit=1', provider).expect(200)).body.items[0].id;
      for (const year of [2026, 2027]) {
        await post('/budgets', controller, { municipality: LEIDEN, year, domain: 'WMO', kind: 'STRUCTURAL', lines: [{ name: 'Begeleiding', amountCents: 100_000 }] }).expect(201);
      }
    });

    it('should page through declarations with the cursor it gave out', async () => {
      const first = await get('/declarations?limit=2', provider).expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await get(`/declarations?limit=2&cursor=${first.body.nextCursor}`, provider).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toEqual(first.body.items[0].id);
      const lines = await get(`/declarations/${declarationId}?limit=1`, provider).expect(200);
      const next = await get(`/declarations/${declarationId}?limit=1&cursor=${lines.body.nextCursor}`, provider).expect(200);
      expect(next.body.lines[0].lineNo).toBe(2);
    });

    it('should walk every cursored list one row at a time to the same rows as one large page', async () => {
      const declarations = (await get('/declarations?limit=3', provider).expect(200)).body.items as Array<{ id: string }>;
      for (const d of declarations.slice(0, 2)) await post('/payment-batches', controller, { municipality: LEIDEN, declarationIds: [d.id] }).expect(201);
      const walk = async (path: string, token: string, itemsOf: (body: Record<string, unknown>) => unknown[]) => {
        const sep = path.includes('?') ? '&' : '?';
        const all = itemsOf((await get(`${path}${sep}limit=500`, token).expect(200)).body);
        const walked: unknown[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: Record<string, unknown> & { nextCursor: string | null } } = await get(`${path}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`, token).expect(200);
          walked.push(...itemsOf(res.body));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(all.length).toBeGreaterThanOrEqual(2);
        expect(walked).toEqual(all);
      };
      const ids = (b: Record<string, unknown>) => (b.items as Array<{ id: string }>).map((i) => i.id);
      await walk('/declarations', provider, ids);
      await walk(`/declarations?municipality=${LEIDEN}`, controller, ids);
      await walk(`/declarations/${declarationId}`, provider, (b) => (b.lines as Array<{ lineNo: number }>).map((l) => l.lineNo));
      await walk(`/budgets?municipality=${LEIDEN}`, controller, ids);
      await walk('/payment-batches', controller, ids);
      await walk(`/commitments?municipality=${LEIDEN}&year=2026`, controller, (b) => (b.items as Array<{ lineageId: string }>).map((i) => i.lineageId));
    });

    it('should skip no row that shares its millisecond with the last row of a page', async () => {
      // PostgreSQL keeps microseconds, a JavaScript Date milliseconds: a position taken from the
      // Date would pass over the rows later in the same millisecond.
      const db = svc.app.get(DataSource);
      const ids = ((await get('/declarations?limit=10', provider).expect(200)).body.items as Array<{ id: string }>).map((d) => d.id);
      expect(ids).toHaveLength(3);
      await db.query(`UPDATE declaration SET received_at = '2026-06-15T10:00:00.000Z'::timestamptz + make_interval(secs => (array_position($1::uuid[], id) * 200) / 1e6) WHERE id = ANY($1::uuid[])`, [ids]);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await get(`/declarations?limit=1${cursor ? `&cursor=${cursor}` : ''}`, provider).expect(200);
        walked.push(...page.body.items.map((d) => d.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual([...ids].reverse());
    });

    it('should refuse a well-formed cursor another list or another query gave out, on every list', async () => {
      const budgets = await get('/budgets?limit=1', controller).expect(200);
      const declarations = await get('/declarations?limit=1', provider).expect(200);
      const lines = await get(`/declarations/${declarationId}?limit=1`, provider).expect(200);
      expect([budgets.body.nextCursor, declarations.body.nextCursor, lines.body.nextCursor]).not.toContain(null);

      // Another list's cursors, and positions of the shapes the lists used to take on trust.
      const foreign = [
        budgets.body.nextCursor,
        lines.body.nextCursor,
        encodeCursor({ id: randomUUID() }),
        encodeCursor({ at: new Date().toISOString(), id: randomUUID() }),
        encodeCursor({ n: 1 }),
        encodeCursor({ l: randomUUID() }),
        encodeCursor({}),
      ];
      for (const cursor of foreign) expectForeignCursor(await get(`/declarations?cursor=${cursor}`, provider));
      for (const cursor of [budgets.body.nextCursor, declarations.body.nextCursor, encodeCursor({ n: 1 }), encodeCursor({})]) {
        expectForeignCursor(await get(`/declarations/${declarationId}?cursor=${cursor}`, provider));
      }
      for (const cursor of [declarations.body.nextCursor, lines.body.nextCursor, encodeCursor({ id: randomUUID() }), encodeCursor({ id: 'not-a-uuid' })]) {
        expectForeignCursor(await get(`/budgets?cursor=${cursor}`, controller));
      }
      for (const cursor of [budgets.body.nextCursor, declarations.body.nextCursor, encodeCursor({ at: 'yesterday', id: 'x' })]) {
        expectForeignCursor(await get(`/payment-batches?cursor=${cursor}`, controller));
      }
      for (const cursor of [budgets.body.nextCursor, encodeCursor({ l: 'not-a-uuid' }), encodeCursor({ l: randomUUID() })]) {
        expectForeignCursor(await get(`/commitments?municipality=${LEIDEN}&year=2026&cursor=${cursor}`, controller));
      }

      // The same list under another query: the cursor names a position in another result.
      expectForeignCursor(await get(`/budgets?year=2027&cursor=${budgets.body.nextCursor}`, controller));
      expectForeignCursor(await get(`/declarations/${declarationId}?status=REJECTED&cursor=${lines.body.nextCursor}`, provider));
      const other = (await get('/declarations?limit=3', provider).expect(200)).body.items.find((d: { id: string }) => d.id !== declarationId);
      expectForeignCursor(await get(`/declarations/${other.id}?cursor=${lines.body.nextCursor}`, provider));
    });
  });

  describe('finance’s own fields', () => {
    const ndjson = (token: string, rows: string[]) =>
      svc.http.post(`${api}/declarations`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/x-ndjson').send(rows.join('\n'));
    const expect400Naming = (res: { status: number; body: { invalidParams?: Array<{ name: string; code: string }> } }, name: string, code?: string) => {
      expect(res.status).toBe(400);
      expect(res.body.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name, ...(code ? { code } : {}) })]));
    };

    it('should refuse NUL characters, prototype keys and deep nesting in a bulk (NDJSON) declaration, storing nothing', async () => {
      const controller = await controllerToken(ctx, [LEIDEN], 'ndjson-controller');
      const agb = await aContractedProvider(ctx);
      const provider = await providerToken(ctx, agb);
      const grant = aGrant({ providerAgb: agb });
      await grantAll(ctx, svc, controller, [grant]);
      const { lines: _lines, ...header } = aDeclarationBody([]);
      const line = aLineBody(grant.provisionId);
      const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

      expect400Naming(await ndjson(provider, [JSON.stringify({ ...header, declarationNumber: 'D-\u0000x' }), JSON.stringify(line)]), 'declarationNumber');
      expect400Naming(await ndjson(provider, [JSON.stringify(header), JSON.stringify({ ...line, reference: 'R-\u0000' })]), 'lines[0].reference');
      expect400Naming(await ndjson(provider, [JSON.stringify(header), JSON.stringify({ ...line, product: { category: '02', code: '02A\u00001' } })]), 'lines[0].product.code');
      expect400Naming(await ndjson(provider, [`{"__proto__": {"admin": true}, ${JSON.stringify(header).slice(1)}`, JSON.stringify(line)]), '__proto__', 'UNKNOWN_FIELD');
      expect400Naming(await ndjson(provider, [JSON.stringify(header), `{"constructor": {"prototype": {}}, ${JSON.stringify(line).slice(1)}`]), 'lines[0].constructor', 'UNKNOWN_FIELD');
      expect400Naming(await ndjson(provider, [`{"x": ${deep(3000)}, ${JSON.stringify(header).slice(1)}`, JSON.stringify(line)]), 'x');
      expect400Naming(await ndjson(provider, [JSON.stringify(header), `{"x": ${deep(3000)}, ${JSON.stringify(line).slice(1)}`]), 'lines[0].x', 'UNKNOWN_FIELD');
      expect400Naming(await ndjson(provider, [JSON.stringify({ ...header, declarationNumber: JSON.parse(deep(3000)) }), JSON.stringify(line)]), 'declarationNumber', 'INVALID_TYPE');
      expect400Naming(await ndjson(provider, [JSON.stringify({ ...header, period: { start: JSON.parse(deep(3000)), end: '2026-05-31' } }), JSON.stringify(line)]), 'period.start', 'INVALID_TYPE');
      const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
      const many = await ndjson(provider, [JSON.stringify(header), JSON.stringify({ ...line, ...wide })]);
      expect(many.status).toBe(400);
      expect(many.body.invalidParams.length).toBeLessThanOrEqual(100);
      // The same checks as JSON.
      const json = await post('/declarations', provider, { ...header, declarationNumber: 'D-\u0000y', lines: [line] });
      expect400Naming(json, 'declarationNumber');
      expect((await get('/declarations', provider).expect(200)).body.items).toEqual([]);
      // And in query filters.
      for (const q of ['providerAgb=9800%000001', `municipality=${LEIDEN}%00`, 'status=APPROVED%00']) {
        const res = await get(`/declarations?${q}`, controller);
        expect(res.status).toBe(400);
      }
      for (const q of ['period=2026%00', `from=${LEIDEN}%00&to=${LEIDERDORP}&period=2026`]) expect((await get(`/settlements?${q}`, controller)).status).toBe(400);
    });

    it('should refuse a programme booking or a KPI measurement dated after today, and a plan version beyond an integer', async () => {
      const region = await ctx.token({ sub: 'region-1', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: ALL });
      const line = (number: string, owner: string) => ({ number, theme: '1', title: `Lijn ${number}`, owner, planning: { start: '2026-Q1', end: '2026-Q4' }, years: [{ year: 2026, costCents: 1000, incidentalCents: 1000, structuralCents: 0 }] });
      const programme = await post('/programmes', region, { name: `Agenda ${randomUUID().slice(0, 6)}`, fundName: 'Fonds', firstYear: 2026, lastYear: 2026, themes: [{ code: '1', title: 'Wonen' }], lines: [line('1.1', LEIDEN)] }).expect(201);
      const lineId = programme.body.plan.lines[0].id;
      const booking = { actionLineId: lineId, municipality: LEIDEN, year: 2026, kind: 'INCIDENTAL', type: 'PAYMENT', amountCents: 100, description: 'invoice' };
      expect400Naming(await post(`/programmes/${programme.body.id}/bookings`, region, { ...booking, bookedOn: '2026-06-16' }), 'bookedOn', 'DATE_IN_FUTURE');
      expect400Naming(await post(`/programmes/${programme.body.id}/bookings`, region, { ...booking, type: 'COMMITMENT', bookedOn: '2027-01-01' }), 'bookedOn', 'DATE_IN_FUTURE');
      await post(`/programmes/${programme.body.id}/bookings`, region, { ...booking, bookedOn: '2026-06-15' }).expect(201);
      const measured = `/programmes/${programme.body.id}/action-lines/${lineId}/measurements`;
      expect400Naming(await post(measured, region, { measuredOn: '2026-07-01', value: 3 }), 'measuredOn', 'DATE_IN_FUTURE');
      await post(measured, region, { measuredOn: '2026-06-15', value: 3 }).expect(201);
      // A plan version beyond PostgreSQL's integer is a 400 naming it, never a database error (a 500).
      for (const version of ['99999999999', '1e308', '2147483648']) {
        expect400Naming(await get(`/programmes/${programme.body.id}/plans/${version}`, region), 'version');
        expect400Naming(await post(`/programmes/${programme.body.id}/plans/${version}/approval`, region, {}), 'version');
      }
      await get(`/programmes/${programme.body.id}/plans/2147483647`, region).expect(404);
      expect400Naming(await get(`/funds/${randomUUID()}/distribution?version=99999999999`, region), 'version');
      const read = await get(`/programmes/${programme.body.id}`, region).expect(200);
      expect(read.body.plan.lines[0].measurements).toEqual([expect.objectContaining({ measuredOn: '2026-06-15', value: 3 })]);
    });
  });

  describe('funds', () => {
    it('should list exactly the funds whose detail the same token reads', async () => {
      const owner = await controllerToken(ctx, [LEIDEN], 'fund-owner');
      const fundIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const fund = await post('/funds', owner, { ownerMunicipality: LEIDEN, name: `Fonds ${i} ${randomUUID()}`, year: 2026, totalCents: 1000 }).expect(201);
        await post(`/funds/${fund.body.id}/distribution`, owner, { weights: [{ municipality: LEIDEN, weight: 1 }, { municipality: OEGSTGEEST, weight: 1 }] }).expect(201);
        fundIds.push(fund.body.id);
      }
      const tokens: Record<string, string> = {
        owner,
        recipient: await controllerToken(ctx, [OEGSTGEEST], 'recipient'),
        outsider: await controllerToken(ctx, [KATWIJK], 'outsider'),
        analyst: await ctx.token({ sub: 'analyst', org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] }),
        corporation: await ctx.token({ sub: 'corp', org: 'CORP:12345678', roles: [], municipalities: ALL }),
        corporationRole: await ctx.token({ sub: 'corp', org: 'CORP:12345678', roles: [Role.CORPORATION], municipalities: ALL }),
        provider: await ctx.token({ sub: 'prov', org: 'AGB:97000011', roles: [Role.PROVIDER, Role.CARE_PLANS_COORDINATOR, Role.ACCESS_CASEWORKER], municipalities: ALL }),
        providerAnalyst: await ctx.token({ sub: 'prov', org: 'AGB:97000011', roles: [Role.REGIONAL_ANALYST], municipalities: ALL }),
      };
      const seen: Record<string, { listStatus: number; listed: number; readable: number }> = {};
      for (const [who, token] of Object.entries(tokens)) {
        const list = await get('/funds', token);
        const listed = list.status === 200 ? (list.body as Array<{ id: string }>).map((f) => f.id).filter((id) => fundIds.includes(id)) : [];
        const readable: string[] = [];
        for (const id of fundIds) {
          const detail = await get(`/funds/${id}`, token);
          expect([200, 404]).toContain(detail.status);
          const distribution = await get(`/funds/${id}/distribution`, token);
          expect(distribution.status).toBe(detail.status);
          if (detail.status === 200) readable.push(id);
        }
        seen[who] = { listStatus: list.status, listed: listed.length, readable: readable.length };
        if (listed.length === readable.length) expect(listed.sort()).toEqual(readable.sort());
      }
      // Distributing is the owner's: a recipient, who reads the fund, is told 403; an outsider 404.
      const key = { weights: [{ municipality: OEGSTGEEST, weight: 1 }] };
      await post(`/funds/${fundIds[0]}/distribution`, tokens.recipient, key).expect(403);
      await post(`/funds/${fundIds[0]}/distribution`, tokens.outsider, key).expect(404);
      // Owner, recipient and analysts read the five; a municipality outside lists none; a
      // provider or corporation reads no fund (aggregates are for municipal tokens and analysts).
      expect(seen).toEqual({
        owner: { listStatus: 200, listed: 5, readable: 5 },
        recipient: { listStatus: 200, listed: 5, readable: 5 },
        outsider: { listStatus: 200, listed: 0, readable: 0 },
        analyst: { listStatus: 200, listed: 5, readable: 5 },
        corporation: { listStatus: 403, listed: 0, readable: 0 },
        corporationRole: { listStatus: 403, listed: 0, readable: 0 },
        provider: { listStatus: 403, listed: 0, readable: 0 },
        providerAnalyst: { listStatus: 200, listed: 5, readable: 5 },
      });
    });
  });
});
