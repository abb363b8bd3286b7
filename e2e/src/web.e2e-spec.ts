import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { RunningPlatform } from './platform';

/** The months from `from` to `to` (YYYY-MM), both included: the pages chart every month of a period. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}-01T00:00:00Z`); d.toISOString().slice(0, 7) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) out.push(d.toISOString().slice(0, 7));
  return out;
}

// The web pages (apps/web, issue 20) in a real browser: Debian's Chromium driven by playwright-core
// against the whole platform with the demo data, signed in through the development issuer's
// authorization code flow. Screenshots of each page go to tmp/screenshots/.

jest.setTimeout(900_000);

const root = join(__dirname, '..', '..');
const SHOTS = join(root, 'tmp', 'screenshots');
const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const TODAY = '2026-11-23';

/** A BSN that passes the eleven-proof (a range no other spec uses). */
function bsn(n: number): string {
  for (let i = 0; ; i++) {
    const digits = String(720_000_000 + n * 1000 + i).padStart(9, '0').slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    if (sum % 11 < 10) return digits + String(sum % 11);
  }
}

const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('the web pages in a browser', () => {
  let p: RunningPlatform;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const executablePath = execFileSync(process.execPath, [join(root, 'tools', 'test', 'chromium.mjs')], { encoding: 'utf8' }).trim();
    mkdirSync(SHOTS, { recursive: true });
    p = await RunningPlatform.start({ today: TODAY });
    // The development issuer is named by the gateway's URL as the launcher gives it (localhost):
    // the pages are opened on that origin, where sign-in returns.
    base = p.gateway.replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await p?.stop();
  });

  async function signedIn(roles: string[], opts: { sub?: string; municipalities?: string[] } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await signInOn(page, roles, opts);
    return page;
  }

  /** From a page that offers sign-in: through the development issuer's page and back. */
  async function signInOn(page: Page, roles: string[], opts: { sub?: string; municipalities?: string[] } = {}): Promise<void> {
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/api\/gateway\/oidc\/authorize/);
    await page.fill('#sub', opts.sub ?? 'e2e-web');
    for (const role of roles) await page.check(`input[name=roles][value="${role}"]`);
    for (const m of ALL) if (opts.municipalities && !opts.municipalities.includes(m)) await page.uncheck(`#gm-${m}`);
    await page.click('#sign-in');
    await page.getByTestId('signed-in').waitFor();
  }

  async function expectAccessible(page: Page, name: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ page: name, violations: grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ page: name, violations: [] });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  /** The texts a chart drew (its SVG: axis labels, legend), without Intl's no-break spaces. */
  const chartTexts = (page: Page, testId: string) =>
    page
      .getByTestId(testId)
      .locator('svg text')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')));

  /** Tab until the focused element matches (keyboard only). */
  async function tabTo(page: Page, match: (el: { testid: string | null; text: string }) => boolean, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const el = (await page.evaluate(`({ testid: document.activeElement?.getAttribute('data-testid') ?? null, text: document.activeElement?.textContent ?? '' })`)) as { testid: string | null; text: string };
      if (match(el)) return;
    }
    throw new Error('focus never reached the element');
  }

  const NL = new Intl.NumberFormat('nl-NL');

  it('should sign in at the development issuer, whose sign-in page is accessible too', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await expectAccessible(page, 'start (not signed in)');
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/api\/gateway\/oidc\/authorize/);
    await expectAccessible(page, 'sign-in page');
    await shot(page, '01-aanmelden');
  });

  it('should show the regional monitor to an analyst with the API’s numbers, its tables, and Dutch messages for bad filters', async () => {
    const page = await signedIn(['regional.analyst']);
    const token = await p.token({ sub: 'e2e-web', org: 'GM0546', roles: ['regional.analyst'], municipalities: ALL });
    await page.goto(`${base}/monitor`);
    await page.getByTestId('flows-chart').waitFor();
    await page.getByTestId('waiting-chart').waitFor();
    await shot(page, '02-regiomonitor');
    await expectAccessible(page, 'monitor');
    await page.getByTestId('budgets-chart').waitFor();
    await page.getByTestId('terms-chart').waitFor();
    await page.getByTestId('distribution-chart').waitFor();
    // Axes in Dutch notation: amounts as `€ 50.000.000`, counts as `1.000`, never ECharts' own `50,000,000`;
    // no code on an axis (the facility types by their Dutch names).
    const budgetAxis = await chartTexts(page, 'budgets-chart');
    expect(budgetAxis.filter((x) => /^€ \d{1,3}(\.\d{3})+$/.test(x)).length).toBeGreaterThan(0);
    const drawn = [...budgetAxis, ...(await chartTexts(page, 'waiting-chart')), ...(await chartTexts(page, 'waiting-over-time-chart')), ...(await chartTexts(page, 'occupancy-chart')), ...(await chartTexts(page, 'flows-chart')), ...(await chartTexts(page, 'distribution-chart')), ...(await chartTexts(page, 'terms-chart'))];
    expect(drawn.filter((x) => /\d,\d{3}\b/.test(x) || /\b[A-Z]{2,}_[A-Z_]+\b/.test(x) || /\bGM\d{4}\b/.test(x))).toEqual([]);
    expect(drawn).toContain('Beschermd thuis');
    // The tooltip of a budget bar: the amount with its cents, in Dutch notation.
    // (hover scrolls the chart into view first: it lies below the fold.)
    const box = await page.getByTestId('budgets-chart').boundingBox();
    if (!box) throw new Error('the budget chart has no box');
    await page.getByTestId('budgets-chart').hover({ position: { x: box.width / 2, y: box.height / 2 } });
    // (ECharts puts the tooltip in a div of its own inside the chart; the axis labels are SVG text.)
    const tooltip = page.getByTestId('budgets-chart').locator('div:not(:has(svg))', { hasText: /€/ }).first();
    await tooltip.waitFor();
    expect(((await tooltip.textContent()) ?? '').replace(/\u00a0/g, ' ')).toMatch(/€ -?\d{1,3}(\.\d{3})*,\d{2}/);

    const api = await p.request('GET', '/api/housing/v1/monitor', { token });
    expect(api.status).toBe(200);
    // The waiting list's table equals the API's figures.
    await page.getByTestId('waiting-toggle').click();
    const rows = await page.getByTestId('waiting-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.length).toBe(api.body.waitingList.length);
    // (The facility type by its Dutch name; the figures in Dutch notation, in the API's order.)
    api.body.waitingList.forEach((w: { facilityType: string; size: number; waitingDaysMedian: number | null }, i: number) => {
      expect(rows[i][0]).not.toBe('');
      expect(rows[i][1]).toBe(new Intl.NumberFormat('nl-NL').format(w.size));
      expect(rows[i][2]).toBe(w.waitingDaysMedian === null ? '—' : new Intl.NumberFormat('nl-NL').format(w.waitingDaysMedian));
    });
    // The waiting list over time: a row per month, the API's figures.
    await page.getByTestId('waiting-over-time-toggle').click();
    const monthly = await page.getByTestId('waiting-over-time-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(api.body.waitingOverTime.length).toBeGreaterThan(1);
    expect(monthly.length).toBe(api.body.waitingOverTime.length);
    api.body.waitingOverTime.forEach((w: { size: number; waitingDaysP90: number | null }, i: number) => {
      expect(monthly[i][1]).toBe(new Intl.NumberFormat('nl-NL').format(w.size));
      expect(monthly[i][3]).toBe(w.waitingDaysP90 === null ? '—' : new Intl.NumberFormat('nl-NL').format(w.waitingDaysP90));
    });
    // The flows table sums the API's rows per month.
    await page.getByTestId('flows-toggle').click();
    const flowCells = await page.getByTestId('flows-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/\./g, ''))));
    // (Every month of the period has its row, an empty month a zero.)
    const perMonth = new Map<string, number>(monthsOf(api.body.from, api.body.to).map((m) => [m, 0]));
    for (const f of api.body.flows as Array<{ month: string; inflow: number }>) perMonth.set(f.month, (perMonth.get(f.month) ?? 0) + f.inflow);
    expect(flowCells).toEqual([...perMonth.keys()].sort().map((m) => perMonth.get(m)));
    // Statutory terms per month (access) and ceiling alerts per provider (procurement), as their APIs count them.
    // The demo's cases ended terms over the past months: some met, some breached (tools/demo/20-access.mjs).
    const terms = await p.request('GET', '/api/access/v1/monitor/terms', { token });
    expect(terms.status).toBe(200);
    const termsPerMonth = new Map<string, { met: number; breached: number }>(monthsOf(terms.body.from, terms.body.to).map((m) => [m, { met: 0, breached: 0 }]));
    for (const r of terms.body.rows as Array<{ month: string; met: number; breached: number }>) {
      const m = termsPerMonth.get(r.month) ?? { met: 0, breached: 0 };
      termsPerMonth.set(r.month, { met: m.met + r.met, breached: m.breached + r.breached });
    }
    const termTotals = [...termsPerMonth.values()].reduce((a, m) => ({ met: a.met + m.met, breached: a.breached + m.breached }), { met: 0, breached: 0 });
    expect(termTotals.met).toBeGreaterThan(0);
    expect(termTotals.breached).toBeGreaterThan(0);
    // The chart names every month the API counts (bars drawn); its table holds the API's numbers.
    // (Months in the browser's own Dutch notation: its ICU may abbreviate differently from Node's.)
    const monthLabels = await page.evaluate((ms) => ms.map((m) => new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`))), [...termsPerMonth.keys()]);
    const termTexts = await chartTexts(page, 'terms-chart');
    expect(monthLabels.filter((m) => !termTexts.includes(m))).toEqual([]);
    expect(await page.getByTestId('terms-chart').locator('svg path').count()).toBeGreaterThan([...termsPerMonth.values()].filter((m) => m.met + m.breached > 0).length);
    await page.getByTestId('terms-toggle').click();
    const termCells = await page
      .getByTestId('terms-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [1, 2].map((i) => Number((tr.querySelectorAll('td')[i]?.textContent ?? '').replace(/\./g, '')))));
    expect(termCells).toEqual([...termsPerMonth.keys()].sort().map((m) => [termsPerMonth.get(m)?.met, termsPerMonth.get(m)?.breached]));
    const year = Number(api.body.to.slice(0, 4));
    const alerts = await p.request('GET', `/api/procurement/v1/ceilings/alerts?year=${year}`, { token });
    expect(alerts.status).toBe(200);
    const providers = await page.getByTestId('ceilings').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent));
    // (Each provider by the register's name, with its AGB code.)
    expect(providers).toEqual(alerts.body.items.map((a: { providerAgb: string; providerName: string | null }) => (a.providerName ? `${a.providerName} (AGB ${a.providerAgb})` : a.providerAgb)));
    expect(alerts.body.items.every((a: { providerName: string | null }) => a.providerName)).toBe(true);
    // Places per municipality against the proportional share (housing's distribution report).
    const distribution = await p.request('GET', `/api/housing/v1/distribution?year=${year}`, { token });
    expect(distribution.status).toBe(200);
    await page.getByTestId('distribution-toggle').click();
    const places = await page.getByTestId('distribution-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelectorAll('td')[0]?.textContent, Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/\./g, ''))]));
    // (The municipalities by name, as people know them.)
    const NAMES: Record<string, string> = { GM0546: 'Leiden', GM0547: 'Leiderdorp', GM0579: 'Oegstgeest', GM0626: 'Voorschoten', GM0638: 'Zoeterwoude' };
    expect(places).toEqual(distribution.body.municipalities.map((m: { municipality: string; places: number }) => [NAMES[m.municipality], m.places]));
    await page.getByTestId('budgets-chart').waitFor();
    // The table behind a chart downloads as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('flows-csv').click()]);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Maand;Instroom;Doorstroom;Uitstroom');
    expect(csv.split('\r\n')).toHaveLength(perMonth.size + 1);
    await expectAccessible(page, 'monitor (tables)');
    await shot(page, '03-regiomonitor-tabellen');

    // A filtered view's link reproduces it in a new tab; the flows of one facility type (the busiest).
    const inflowByType = new Map<string, number>();
    for (const f of api.body.flows as Array<{ facilityType: string; inflow: number }>) inflowByType.set(f.facilityType, (inflowByType.get(f.facilityType) ?? 0) + f.inflow);
    const busiest = [...inflowByType.entries()].sort((a, b) => b[1] - a[1])[0][0];
    await page.fill('#from', '2026-06');
    await page.selectOption('#municipality', 'GM0546');
    await page.selectOption('#facilityType', busiest);
    await page.getByTestId('apply').click();
    await page.getByTestId('measured-on').filter({ hasText: 'jun 2026' }).waitFor();
    const link = page.url();
    expect(link).toContain('from=2026-06');
    // (A new tab signs in first: the session is the tab's; sign-in returns to the link's view.)
    const again = await page.context().newPage();
    await again.goto(link);
    await signInOn(again, ['regional.analyst']);
    await again.getByTestId('flows-chart').waitFor();
    expect(again.url()).toBe(link);
    expect(await again.inputValue('#from')).toBe('2026-06');
    expect(await again.inputValue('#municipality')).toBe('GM0546');
    expect(await again.inputValue('#facilityType')).toBe(busiest);
    const filtered = await p.request('GET', '/api/housing/v1/monitor?from=2026-06&municipality=GM0546', { token });
    const ofType = new Map<string, number>(monthsOf(filtered.body.from, filtered.body.to).map((m) => [m, 0]));
    for (const f of filtered.body.flows as Array<{ month: string; facilityType: string; inflow: number }>) if (f.facilityType === busiest) ofType.set(f.month, (ofType.get(f.month) ?? 0) + f.inflow);
    await again.getByTestId('flows-toggle').click();
    const typeCells = await again.getByTestId('flows-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/\./g, ''))));
    expect(typeCells).toEqual([...ofType.keys()].sort().map((m) => ofType.get(m)));
    expect(await again.getByTestId('measured-on').textContent()).toBe(await page.getByTestId('measured-on').textContent());
    await again.close();

    // A bad month: the API's invalidParams, in Dutch, next to the field; the link holds the view.
    await page.fill('#from', '2026-13');
    await page.getByTestId('apply').click();
    await expect(page.getByTestId('from-error').textContent()).resolves.toBe('Vul een maand in als JJJJ-MM.');
    expect(await page.getAttribute('#from', 'aria-invalid')).toBe('true');
    expect(page.url()).toContain('from=2026-13');
    await expectAccessible(page, 'monitor (bad input)');
    await shot(page, '04-regiomonitor-foutmelding');
  });

  it('should measure the monitor’s largest contentful paint (warm, median of 5)', async () => {
    const page = await signedIn(['regional.analyst']);
    await page.goto(`${base}/monitor`);
    await page.getByTestId('flows-chart').waitFor();
    const lcps: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${base}/monitor`);
      await page.getByTestId('flows-chart').waitFor();
      // (In the page: the last largest-contentful-paint entry, buffered from the navigation.)
      lcps.push(
        Number(
          await page.evaluate(`new Promise((resolve) => new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1].startTime);
          }).observe({ type: 'largest-contentful-paint', buffered: true }))`),
        ),
      );
    }
    const median = [...lcps].sort((a, b) => a - b)[2];
    console.warn(`[web] monitor largest contentful paint, warm, median of 5: ${Math.round(median)} ms (${lcps.map(Math.round).join(', ')} ms)`);
    // Under 1 s on a quiet machine (0.36 and 0.62 s in the runs so far); asserted only against
    // Core Web Vitals' 2.5 s, as the shared two-core machine makes single loads vary.
    expect(median).toBeGreaterThan(0);
    expect(median).toBeLessThan(2500);
  });

  it('should explain a waiting-list position with contributions that add up to the score', async () => {
    const page = await signedIn(['housing.placement-officer']);
    await page.goto(`${base}/wachtlijst`);
    await page.getByTestId('waitlist').waitFor();
    await expectAccessible(page, 'waiting list');
    await shot(page, '05-wachtlijst');
    const whys = page.getByTestId('why');
    expect(await whys.count()).toBeGreaterThan(0);
    await whys.first().click();
    await page.getByTestId('explanation').waitFor();
    const points = await page.getByTestId('contribution').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('[data-points]')?.getAttribute('data-points'))));
    const total = page.getByTestId('explanation-total');
    const score = Number(await total.getAttribute('data-score'));
    expect(points.length).toBeGreaterThan(0);
    expect(points.reduce((s, x) => s + x, 0)).toBeCloseTo(score, 6);
    await expectAccessible(page, 'waiting list (explanation)');
    await shot(page, '06-wachtlijst-uitleg');

    // What-if: the weights of the scheme in force, one field per factor, changed in the form.
    const officer = await p.token({ sub: 'e2e-web', org: 'GM0546', roles: ['housing.placement-officer'], municipalities: ALL });
    const schemes = await p.request('GET', '/api/housing/v1/priority-schemes', { token: officer });
    const inForce = schemes.body.items.find((x: { inForce: boolean }) => x.inForce);
    expect(await page.inputValue('#weight-WAITING_DAYS')).toBe(String(inForce.factors.find((f: { factor: string }) => f.factor === 'WAITING_DAYS').weight).replace('.', ','));
    // Bad input: the API's invalidParams, in Dutch, next to the field.
    await page.fill('#limit', '0');
    await page.getByTestId('what-if').click();
    await expect(page.getByTestId('limit-error').textContent()).resolves.toBe('Vul een heel getal in binnen de toegestane grenzen.');
    await page.fill('#limit', '20');
    await page.fill('#weight-URGENCY', 'veel');
    await page.getByTestId('what-if').click();
    await expect(page.getByTestId('weight-URGENCY-error').textContent()).resolves.toBe('Vul een gewicht in van -10.000 tot en met 10.000, met ten hoogste twee cijfers achter de komma (bijvoorbeeld 0,1).');
    expect(await page.getAttribute('#weight-URGENCY', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#weight-URGENCY', 'aria-describedby')).toContain('weight-URGENCY-error');
    await expectAccessible(page, 'waiting list (what-if, bad weight)');
    await shot(page, '07-wachtlijst-wat-als-foutmelding');
    // Urgency counts ten times less, waiting a hundred times more (a Dutch decimal comma).
    await page.fill('#weight-URGENCY', '3');
    await page.fill('#weight-WAITING_DAYS', '10,5');
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-table').waitFor();
    expect(await page.getByTestId('weight-URGENCY-error').count()).toBe(0);
    // Positions before and after, who moves most first: as the API answers the same weights.
    const factors = inForce.factors.map((f: { factor: string; weight: number; municipalities?: string[] }) => ({ ...f, weight: f.factor === 'URGENCY' ? 3 : f.factor === 'WAITING_DAYS' ? 10.5 : f.weight }));
    for (const f of ['WAITING_DAYS', 'URGENCY', 'HOUSEHOLD_WITH_CHILDREN', 'DISCHARGE_FROM_INSTITUTION', 'ORIGIN_MUNICIPALITY', 'NO_INTERIM_SUPPORT']) if (!factors.some((x: { factor: string }) => x.factor === f)) factors.push({ factor: f, weight: 0 });
    const whatIf = await p.request('POST', '/api/housing/v1/priority-schemes/what-if', { token: officer, body: { factors, seed: inForce.seed, order: 'MOVE', limit: 20 } });
    expect(whatIf.status).toBe(200);
    const moved = await page.getByTestId('what-if-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(moved.map((r) => [r[3], r[4]])).toEqual(whatIf.body.items.map((i: { from: number | null; to: number }) => [i.from === null ? '—' : NL.format(i.from), NL.format(i.to)]));
    const shifts = whatIf.body.items.map((i: { from: number | null; to: number }) => (i.from === null ? 0 : Math.abs(i.from - i.to)));
    expect(shifts).toEqual([...shifts].sort((a: number, b: number) => b - a));
    expect(shifts[0]).toBeGreaterThan(0);
    expect(moved[0][5]).toMatch(/^\d+ (omhoog|omlaag)$/);
    expect(moved.every((r) => !/[A-Z]{2,}_/.test(r.join(' ')))).toBe(true);
    await expectAccessible(page, 'waiting list (what-if)');
    await shot(page, '07-wachtlijst-wat-als');
  });

  it('should show the caseworker a term the test made overdue', async () => {
    const caseworker = await p.token({ sub: 'e2e-web', org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] });
    const person = await p.request('POST', '/api/access/v1/persons', {
      token: caseworker,
      body: { bsn: bsn(1), familyName: 'Termijn', givenName: 'Toets', birthDate: '1970-01-01', brpMunicipality: 'GM0546', municipality: 'GM0546' },
    });
    expect(person.status).toBe(201);
    // Received five weeks before the platform's today: the Wmo's two-week decision term has passed.
    const application = await p.request('POST', '/api/access/v1/applications', { token: caseworker, body: { personId: person.body.id, municipality: 'GM0546', law: 'WMO', receivedAt: daysBefore(TODAY, 35) } });
    expect(application.status).toBe(201);
    const api = await p.until('/api/access/v1/worklist?limit=100', caseworker, (r) => r.status === 200 && r.body.items.some((i: { caseId: string }) => i.caseId === application.body.id));
    const term = api.body.items.find((i: { caseId: string }) => i.caseId === application.body.id);
    expect(term.daysLeft).toBeLessThan(0);

    const page = await signedIn(['access.caseworker'], { municipalities: ['GM0546'] });
    await page.goto(`${base}/werklijst`);
    await page.getByTestId('terms').waitFor();
    const row = page.getByTestId('terms').locator('tbody tr', { hasText: application.body.id.slice(0, 8) });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('td').first().textContent()).resolves.toBe('Verlopen');
    await expectAccessible(page, 'worklist');
    await shot(page, '08-werklijst');

    // The case page, reached from the worklist with the keyboard alone.
    await tabTo(page, (el) => el.text === `Zaak ${application.body.id.slice(0, 8)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/zaak/aanvraag/${application.body.id}`);
    await page.getByTestId('case-terms').waitFor();
    await page.getByTestId('case-person').waitFor();
    expect(await page.getByTestId('case-person').textContent()).toContain(bsn(1));
    await expect(page.getByTestId('case-title').textContent()).resolves.toBe('Aanvraag Wmo 2015 — Toets Termijn');
    const facts = await page.getByTestId('case-facts').textContent();
    expect(facts).toContain('Ontvangen');
    expect(facts).toContain(new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${daysBefore(TODAY, 35)}T00:00:00Z`)));
    // Its decision term, overdue, first.
    const termRow = await page.getByTestId('case-terms').locator('tbody tr').first().evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
    expect(termRow.slice(0, 2)).toEqual(['Beslistermijn (deze zaak)', 'Verlopen']);
    for (const id of ['case-decisions', 'case-provisions', 'case-tasks', 'case-outreach']) await page.locator(`#${id}-title`).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/\b(DECISION|OPEN|WMO|IN_KIND)\b/);
    await expectAccessible(page, 'case');
    await shot(page, '10-zaak');
    // Back to the worklist by keyboard, and bad input there.
    await page.getByText('Terug naar de werklijst').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('terms').waitFor();

    await page.fill('#dueWithinDays', '999');
    await page.getByTestId('apply').click();
    await expect(page.getByTestId('dueWithinDays-error').textContent()).resolves.toBe('Vul een heel getal in binnen de toegestane grenzen.');
  });

  it('should show a caseworker the worklist’s tasks in Dutch, from the API’s task codes', async () => {
    // The demo's provider request for Henk waits on the Zoeterwoude worklist (tools/demo/20-access.mjs).
    const caseworker = await p.token({ sub: 'e2e-web', org: 'GM0638', roles: ['access.caseworker'], municipalities: ['GM0638'] });
    const api = await p.until('/api/access/v1/worklist/tasks?limit=50', caseworker, (r) => r.status === 200 && r.body.items.length > 0, 60_000);
    const page = await signedIn(['access.caseworker'], { municipalities: ['GM0638'] });
    await page.goto(`${base}/werklijst`);
    await page.getByTestId('tasks').waitFor();
    const titles = await page.getByTestId('tasks').locator('tbody tr td[data-key=title]').allTextContents();
    expect(titles).toHaveLength(api.body.items.length);
    const request = api.body.items.find((x: { titleCode: string }) => x.titleCode === 'ANSWER_ASSIGNMENT_REQUEST');
    expect(titles).toContain(`Beantwoord het verzoek om een toewijzing van aanbieder ${request.titleParams.providerAgb} (${request.titleParams.providerReference})`);
    for (const item of api.body.items as Array<{ title: string }>) expect(titles).not.toContain(item.title);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/\b(ASSIGNMENT_REQUEST|UNDER_INVESTIGATION|OVERDUE|COMING_OF_AGE|INVESTIGATION)\b/);
    await expectAccessible(page, 'worklist (tasks)');
    await shot(page, '11-werklijst-taken');
    // The task leads to the person's file: the task again in Dutch, and Henk's registration with its
    // investigation term run out.
    await page.getByTestId('tasks').locator('tbody tr', { hasText: request.titleParams.providerReference }).getByRole('link').click();
    await page.waitForURL(`${base}/zaak/persoon/${request.personId}`);
    await page.getByTestId('case-tasks').waitFor();
    expect(await page.getByTestId('case-tasks').locator('td[data-key=title]').allTextContents()).toContain(
      `Beantwoord het verzoek om een toewijzing van aanbieder ${request.titleParams.providerAgb} (${request.titleParams.providerReference})`,
    );
    const investigation = await page.getByTestId('case-terms').locator('tbody tr', { hasText: 'Onderzoekstermijn' }).first().evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
    expect(investigation[1]).toBe('Verlopen');
    await expectAccessible(page, 'case (person)');
    await shot(page, '12-dossier');
  });

  it('should show no data to a user without a role', async () => {
    const page = await signedIn([]);
    await page.getByTestId('no-roles').waitFor();
    await expectAccessible(page, 'start (no role)');
    await shot(page, '09-geen-rol');
    const calls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) calls.push(r.url());
    });
    for (const path of ['/monitor', '/wachtlijst', '/werklijst', '/zaak/aanvraag/00000000-0000-4000-8000-000000000000']) {
      await page.goto(`${base}${path}`);
      await page.getByTestId('not-allowed').waitFor();
      expect(await page.locator('table').count()).toBe(0);
    }
    expect(calls).toEqual([]);
  });

  it('should work with the keyboard alone', async () => {
    const page = await signedIn(['regional.analyst', 'housing.placement-officer']);
    await page.goto(`${base}/`);
    await page.getByTestId('signed-in').waitFor();
    // The first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    // Tab to the monitor's link in the content and follow it.
    const focusOn = async (match: (el: { testid: string | null; text: string }) => boolean, max = 40) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const el = (await page.evaluate(`({ testid: document.activeElement?.getAttribute('data-testid') ?? null, text: document.activeElement?.textContent ?? '' })`)) as { testid: string | null; text: string };
        if (match(el)) return;
      }
      throw new Error('focus never reached the element');
    };
    await focusOn((el) => el.text === 'Regiomonitor');
    await page.keyboard.press('Enter');
    await page.getByTestId('flows-chart').waitFor();
    await focusOn((el) => el.testid === 'flows-toggle');
    await page.keyboard.press('Enter');
    await page.getByTestId('flows-table').waitFor();
    // The filters by keyboard: a bad month is refused next to the field.
    await page.focus('#to');
    await page.keyboard.type('maart');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('to-error').textContent()).resolves.toBe('Vul een maand in als JJJJ-MM.');
    // The waiting list's explanation opens with the keyboard too.
    await page.goto(`${base}/wachtlijst`);
    await page.getByTestId('waitlist').waitFor();
    await focusOn((el) => el.testid === 'why', 80);
    await page.keyboard.press('Enter');
    await page.getByTestId('explanation').waitFor();
  });
});
