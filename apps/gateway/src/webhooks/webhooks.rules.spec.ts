import { DomainError, eventDefinition, OrgKind } from '@vangnet/contracts';
import { readFileSync } from 'fs';
import { join } from 'path';
import { PARTNER_SCOPES } from '../partners/partners.rules';
import {
  checkEventTypes,
  checkTargetAddress,
  checkTargetUrl,
  dataFor,
  pseudonymOf,
  isFor,
  isPrivateAddress,
  nextAttemptAt,
  retryDelayMs,
  RETRY_WINDOW_MS,
  servicesOf,
  sign,
  Subscriber,
  toCloudEvent,
  verifySignature,
  WEBHOOK_EVENT_TYPES,
} from './webhooks.rules';

const provider: Subscriber = { orgKind: OrgKind.PROVIDER, orgId: '12345678', municipalities: [] };
const corporation: Subscriber = { orgKind: OrgKind.CORPORATION, orgId: '87654321', municipalities: [] };
const municipality: Subscriber = { orgKind: OrgKind.MUNICIPALITY, orgId: 'GM0546', municipalities: ['GM0546'] };

function fieldError(fn: () => unknown): { status: number; code: string; name?: string } {
  try {
    fn();
  } catch (e) {
    const d = e as DomainError;
    return { status: d.status, code: d.code, name: d.invalidParams?.[0]?.name };
  }
  throw new Error('expected an error');
}

describe('webhook event types', () => {
  it('should offer only catalogue events, each opened by a scope of the partner registry for the same kinds', () => {
    expect(WEBHOOK_EVENT_TYPES.length).toBeGreaterThan(0);
    for (const t of WEBHOOK_EVENT_TYPES) {
      // The catalogue lists the gateway among the consumers: its NATS user may then read the stream (natsPermissions).
      expect({ type: t.type, consumers: eventDefinition(t.type)?.consumers }).toEqual({ type: t.type, consumers: expect.arrayContaining(['gateway']) });
      expect(PARTNER_SCOPES[t.scope]).toBeDefined();
    }
  });

  it('should name the field of an unknown, closed or unscoped event type', () => {
    expect(fieldError(() => checkEventTypes(provider, ['access.provision.granted.v1', 'access.nothing.happened.v1'], ['webhooks.assignments']))).toEqual({
      status: 400,
      code: 'UNKNOWN_EVENT_TYPE',
      name: 'eventTypes[1]',
    });
    expect(fieldError(() => checkEventTypes(provider, ['housing.nomination.made.v1'], ['webhooks.assignments']))).toEqual({ status: 403, code: 'EVENT_TYPE_NOT_ALLOWED', name: 'eventTypes[0]' });
    expect(fieldError(() => checkEventTypes(provider, ['access.decision.issued.v1'], ['webhooks.assignments']))).toEqual({ status: 403, code: 'EVENT_TYPE_NOT_ALLOWED', name: 'eventTypes[0]' });
    expect(fieldError(() => checkEventTypes(provider, ['finance.declaration.assessed.v1'], ['webhooks.assignments']))).toEqual({ status: 403, code: 'SCOPE_MISSING', name: 'eventTypes[0]' });
    expect(() => checkEventTypes(corporation, ['housing.nomination.made.v1'], ['webhooks.nominations'])).not.toThrow();
    expect(() => checkEventTypes(municipality, ['housing.nomination.made.v1', 'access.provision.granted.v1'], undefined)).not.toThrow();
  });

  it('should read each producing stream once', () => {
    expect(servicesOf(['access.provision.granted.v1', 'finance.declaration.assessed.v1', 'access.provision.ended.v1'])).toEqual(['access', 'finance']);
  });
});

describe('the audience filter', () => {
  const types = ['access.provision.granted.v1', 'housing.nomination.made.v1'];
  const granted = (providerAgb?: string, responsibleMunicipality = 'GM0546') => ({ type: 'access.provision.granted.v1', municipality: 'GM0546', data: { providerAgb, responsibleMunicipality, lineageId: 'x' } });

  it('should give a provider only the events naming its own AGB', () => {
    expect(isFor(provider, types, granted('12345678'))).toBe(true);
    expect(isFor(provider, types, granted('99999999'))).toBe(false);
    expect(isFor(provider, types, granted(undefined))).toBe(false);
    expect(isFor(provider, ['access.provision.changed.v1'], granted('12345678'))).toBe(false);
  });

  it('should give a corporation only its own nominations', () => {
    expect(isFor(corporation, types, { type: 'housing.nomination.made.v1', municipality: 'GM0546', data: { corporation: '87654321' } })).toBe(true);
    expect(isFor(corporation, types, { type: 'housing.nomination.made.v1', municipality: 'GM0546', data: { corporation: '11111111' } })).toBe(false);
    expect(isFor(corporation, types, granted('87654321'))).toBe(false);
  });

  it('should give a municipal subscriber what concerns its municipalities', () => {
    expect(isFor(municipality, types, granted('1'))).toBe(true);
    expect(isFor(municipality, types, { ...granted('1'), municipality: 'GM0547' })).toBe(true);
    expect(isFor(municipality, types, { type: 'access.provision.granted.v1', municipality: 'GM0547', data: { responsibleMunicipality: 'GM0599' } })).toBe(false);
  });
});

describe('CloudEvents and signatures', () => {
  const envelope = {
    id: '0b9a2f4e-3c1d-4e5f-8a9b-0c1d2e3f4a5b',
    type: 'access.provision.ended.v1',
    source: 'urn:vangnet:access',
    time: '2027-01-01T10:00:00.000Z',
    municipality: 'GM0546',
    correlationId: 'c',
    data: { lineageId: 'a1b2', providerAgb: '12345678', endDate: '2027-01-31' },
  };

  it('should map the envelope with the event id, the subject by aggregate id and nothing of the envelope beyond it', () => {
    const ce = toCloudEvent(envelope);
    expect(ce).toEqual({
      specversion: '1.0',
      id: envelope.id,
      source: 'urn:vangnet:access',
      type: 'access.provision.ended.v1',
      time: envelope.time,
      subject: 'provisions/a1b2',
      datacontenttype: 'application/json',
      data: envelope.data,
    });
    expect(Object.keys(ce)).not.toContain('correlationId');
  });

  it('should sign timestamp and body so a receiver can verify, and refuse a changed body or an old timestamp', () => {
    const body = JSON.stringify(toCloudEvent(envelope));
    const header = sign('whsec_test', 1_800_000_000, body);
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_test', header, '1800000000', body, 1_800_000_010)).toBe(true);
    expect(verifySignature('whsec_test', header, '1800000000', body.replace('a1b2', 'a1b3'), 1_800_000_010)).toBe(false);
    expect(verifySignature('whsec_other', header, '1800000000', body, 1_800_000_010)).toBe(false);
    expect(verifySignature('whsec_test', header, '1800000000', body, 1_800_001_000)).toBe(false);
    expect(verifySignature('whsec_test', `v1=00 ${header}`, '1800000000', body, 1_800_000_000)).toBe(true);
  });

  it('should be checked by the README’s receiver example the way the gateway signs', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const example = /## Webhooks[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('function verifyWebhook');
    // The partner's code as printed, run as it would be in a receiver.
    const verifyWebhook = new Function('require', `${example}\nreturn verifyWebhook;`)(require) as (secret: string, headers: Record<string, string>, rawBody: string, now?: number) => boolean;
    const body = JSON.stringify(toCloudEvent(envelope));
    const headers = { 'webhook-id': envelope.id, 'webhook-timestamp': '1800000000', 'webhook-signature': sign('whsec_test', 1_800_000_000, body) };
    expect(verifyWebhook('whsec_test', headers, body, 1_800_000_010)).toBe(true);
    expect(verifyWebhook('whsec_test', { ...headers, 'webhook-signature': `v1=00 ${headers['webhook-signature']}` }, body, 1_800_000_010)).toBe(true);
    expect(verifyWebhook('whsec_test', headers, body.replace('a1b2', 'a1b3'), 1_800_000_010)).toBe(false);
    expect(verifyWebhook('whsec_other', headers, body, 1_800_000_010)).toBe(false);
    expect(verifyWebhook('whsec_test', headers, body, 1_800_001_000)).toBe(false);
  });
});

describe('what a partner receives of the payload', () => {
  const data = { lineageId: 'l', personId: 'p', personPseudonym: 'a'.repeat(64), providerAgb: '12345678' };

  it('should withhold the processing-log pseudonym from partners and keep it for the log', () => {
    expect(dataFor(provider, data)).toEqual({ lineageId: 'l', personId: 'p', providerAgb: '12345678' });
    expect(dataFor(corporation, data)).not.toHaveProperty('personPseudonym');
    expect(dataFor(municipality, data)).toEqual(data);
    expect(pseudonymOf(data)).toBe('a'.repeat(64));
    expect(pseudonymOf({ personPseudonym: 'short' })).toBeNull();
    expect(pseudonymOf(undefined)).toBeNull();
  });
});

describe('the retry schedule', () => {
  it('should double from 5 s up to an hour', () => {
    expect([1, 2, 3, 4, 10, 11, 40].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 2_560_000, 3_600_000, 3_600_000]);
  });

  it('should keep trying for at least 24 hours and then give up', () => {
    const first = new Date('2027-01-01T00:00:00Z');
    let now = first;
    let failed = 0;
    for (;;) {
      failed += 1;
      const next = nextAttemptAt(first, failed, now);
      if (!next) break;
      now = next;
    }
    expect(now.getTime() - first.getTime()).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(now.getTime() - first.getTime()).toBeLessThan(RETRY_WINDOW_MS + 3_600_000);
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(50);
  });
});

describe('the target policy', () => {
  it('should want https outside development and name the url', () => {
    expect(fieldError(() => checkTargetUrl('http://partner.example.nl/hook', false))).toEqual({ status: 400, code: 'HTTPS_REQUIRED', name: 'url' });
    expect(checkTargetUrl('http://127.0.0.1:9999/hook', true).port).toBe('9999');
    expect(fieldError(() => checkTargetUrl('ftp://partner.example.nl/hook', true))).toEqual({ status: 400, code: 'HTTPS_REQUIRED', name: 'url' });
    expect(fieldError(() => checkTargetUrl('not a url', false))).toEqual({ status: 400, code: 'INVALID_URL', name: 'url' });
    expect(fieldError(() => checkTargetUrl('https://user:pw@partner.example.nl/', false))).toEqual({ status: 400, code: 'INVALID_URL', name: 'url' });
  });

  it('should know loopback, private, link-local and mapped addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '[::1]', 'nonsense']) {
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: true });
    }
    for (const a of ['145.97.39.155', '8.8.8.8', '2a00:1450:4001:80b::200e', '172.32.0.1']) {
      expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: false });
    }
  });

  it('should refuse a host that resolves to a private address, naming the url', async () => {
    const resolve = async (host: string) => (host === 'intranet.example.nl' ? ['145.97.39.155', '10.0.0.5'] : host === 'partner.example.nl' ? ['145.97.39.155'] : []);
    await expect(checkTargetAddress(new URL('https://partner.example.nl/hook'), resolve)).resolves.toEqual(['145.97.39.155']);
    await expect(checkTargetAddress(new URL('https://intranet.example.nl/hook'), resolve)).rejects.toMatchObject({ code: 'PRIVATE_TARGET', invalidParams: [expect.objectContaining({ name: 'url' })] });
    await expect(checkTargetAddress(new URL('https://[::1]:8443/hook'), resolve)).rejects.toMatchObject({ code: 'PRIVATE_TARGET' });
    await expect(checkTargetAddress(new URL('https://nowhere.example.nl/hook'), resolve)).rejects.toMatchObject({ code: 'UNRESOLVABLE_TARGET' });
  });
});
