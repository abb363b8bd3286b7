import { RunningPlatform } from './platform';

// Issue 13: the platform as `npm start` runs it (its own NATS with a user per service), every
// service at LOG_LEVEL=debug, demo data loaded and personal data asked for in every way a client
// might; afterwards no log holds a test BSN, plain or URL-encoded, and no problem echoes one.

/** A BSN that passes the eleven-proof, distinct per n (in the 9999… test range). */
function testBsn(n: number): string {
  for (let k = n; ; k += 1000) {
    const prefix = `9999${String(k % 10000).padStart(4, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
    if (sum % 11 < 10) return prefix + String(sum % 11);
  }
}

const percentEncoded = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');

describe('no personal data in any log (LOG_LEVEL=debug, a NATS user per service)', () => {
  let p: RunningPlatform;
  // The demo data's residents (tools/demo: testBsn(101…130)) and this test's own.
  const demo = Array.from({ length: 30 }, (_, i) => testBsn(101 + i));
  const mine = [testBsn(901), testBsn(902)];

  beforeAll(async () => {
    p = await RunningPlatform.start({ demo: true, logLevel: 'debug', ownNats: true });
  }, 480_000);

  afterAll(() => p?.stop());

  it('should run the demo on its own NATS with a user per service', () => {
    expect(p.output()).toContain('NATS runs with a user per service');
    expect(p.output()).not.toMatch(/Permissions Violation/i);
  });

  it('should keep every form of a BSN out of every log and every problem instance', async () => {
    const caseworker = await p.token({ org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] });
    const auditor = await p.token({ org: 'GM0546', roles: ['auditor'], municipalities: ['GM0546'] });
    const [a, b] = mine;
    const created = await p.request('POST', '/api/access/v1/persons', {
      token: caseworker,
      body: { bsn: a, familyName: 'Privé', givenName: 'Test', birthDate: '1980-01-01', brpMunicipality: 'GM0546', municipality: 'GM0546' },
    });
    expect([200, 201]).toContain(created.status);
    const problems: Array<{ instance?: string }> = [];
    for (const path of [
      `/api/access/v1/persons?bsn=${a}`,
      `/api/access/v1/persons?bsn=${percentEncoded(a)}`,
      `/api/access/v1/persons?bsn=${b}`,
      `/api/access/v1/persons?bsn=${a}x`,
      `/api/access/v1/persons/${a}`,
      `/api/access/v1/processing-log?bsn=${a}`,
      `/api/access/v1/nothing/${b}?bsn=${b}`,
      `/api/finance/v1/declarations?bsn=${a}`,
    ]) {
      for (const token of [caseworker, auditor, undefined]) {
        const res = await p.request('GET', path, { token });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && typeof res.body === 'object') problems.push(res.body);
      }
    }
    // Bodies with a BSN that the services refuse (the body is never logged, nor echoed in a 500).
    await p.request('POST', '/api/access/v1/persons', { token: caseworker, body: { bsn: b, familyName: 'X', birthDate: 'not a date' } });
    await p.request('POST', '/api/access/v1/persons', { token: caseworker, body: { bsn: `${b}\u0000` } });
    await p.request('POST', '/api/access/v1/persons', { token: caseworker, body: `{"bsn":"${b}",` as unknown as object });
    await p.stopServices();
    for (const problem of problems) for (const bsn of [...mine, ...demo]) expect(problem.instance ?? '').not.toContain(bsn);
    const logs = p.logs();
    expect(Object.keys(logs).length).toBeGreaterThanOrEqual(7);
    expect(Object.values(logs).join('\n')).toContain('"level":"debug"');
    const found: string[] = [];
    for (const [file, text] of Object.entries(logs)) {
      for (const bsn of [...mine, ...demo]) {
        for (const form of [bsn, percentEncoded(bsn), encodeURIComponent(`"${bsn}"`)]) {
          if (text.includes(form)) found.push(`${file}: ${form} in ${text.split('\n').find((l) => l.includes(form))?.slice(0, 300)}`);
        }
      }
    }
    expect(found).toEqual([]);
  }, 120_000);
});
