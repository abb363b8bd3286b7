import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { RunningPlatform } from './platform';

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
    // The flows table sums the API's rows per month.
    await page.getByTestId('flows-toggle').click();
    const flowCells = await page.getByTestId('flows-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/\./g, ''))));
    const perMonth = new Map<string, number>();
    for (const f of api.body.flows as Array<{ month: string; inflow: number }>) perMonth.set(f.month, (perMonth.get(f.month) ?? 0) + f.inflow);
    expect(flowCells).toEqual([...perMonth.keys()].sort().map((m) => perMonth.get(m)));
    // Statutory terms per month (access) and ceiling alerts per provider (procurement), as their APIs count them.
    const terms = await p.request('GET', '/api/access/v1/monitor/terms', { token });
    expect(terms.status).toBe(200);
    const breachedPerMonth = new Map<string, number>();
    for (const r of terms.body.rows as Array<{ month: string; breached: number }>) breachedPerMonth.set(r.month, (breachedPerMonth.get(r.month) ?? 0) + r.breached);
    await page.getByTestId('terms-toggle').click();
    const termCells = await page.getByTestId('terms-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[2]?.textContent ?? '').replace(/\./g, ''))));
    expect(termCells).toEqual([...breachedPerMonth.keys()].sort().map((m) => breachedPerMonth.get(m)));
    const year = Number(api.body.to.slice(0, 4));
    const alerts = await p.request('GET', `/api/procurement/v1/ceilings/alerts?year=${year}`, { token });
    expect(alerts.status).toBe(200);
    const providers = await page.getByTestId('ceilings').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent));
    expect(providers).toEqual(alerts.body.items.map((a: { providerAgb: string }) => a.providerAgb));
    // Places per municipality against the proportional share (housing's distribution report).
    const distribution = await p.request('GET', `/api/housing/v1/distribution?year=${year}`, { token });
    expect(distribution.status).toBe(200);
    await page.getByTestId('distribution-toggle').click();
    const places = await page.getByTestId('distribution-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelectorAll('td')[0]?.textContent, Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/\./g, ''))]));
    expect(places).toEqual(distribution.body.municipalities.map((m: { municipality: string; places: number }) => [m.municipality, m.places]));
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

    // A filtered view's link reproduces it in a new tab.
    await page.fill('#from', '2026-06');
    await page.selectOption('#municipality', 'GM0546');
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

    // A what-if of another scheme, and bad input in its form.
    await page.fill('#limit', '0');
    await page.getByTestId('what-if').click();
    await expect(page.getByTestId('limit-error').textContent()).resolves.toBe('Vul een heel getal in binnen de toegestane grenzen.');
    await page.fill('#limit', '50');
    await page.getByTestId('what-if').click();
    await page.getByTestId('what-if-table').waitFor();
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

    await page.fill('#dueWithinDays', '999');
    await page.getByTestId('apply').click();
    await expect(page.getByTestId('dueWithinDays-error').textContent()).resolves.toBe('Vul een heel getal in binnen de toegestane grenzen.');
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
    for (const path of ['/monitor', '/wachtlijst', '/werklijst']) {
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
