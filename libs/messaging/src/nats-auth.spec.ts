import { natsAuthFromEnv, natsPermissions, natsServerAuthorization, natsUsers } from './nats-auth';

describe('NATS users per service', () => {
  it('should connect without credentials when NATS_USER is unset, and with them when set', () => {
    expect(natsAuthFromEnv({})).toEqual({});
    expect(natsAuthFromEnv({ NATS_USER: 'access', NATS_PASSWORD: 'pw' })).toEqual({ user: 'access', pass: 'pw' });
    expect(natsAuthFromEnv({ NATS_USER: 'access', NATS_PASSWORD: 'pw', NATS_TLS_CA: '/ca.pem' })).toMatchObject({ tls: { caFile: '/ca.pem' } });
    // The Helm chart's names.
    expect(natsAuthFromEnv({ NATS_TLS_CA_FILE: '/ca.crt', NATS_TLS_CERT_FILE: '/tls.crt', NATS_TLS_KEY_FILE: '/tls.key' })).toEqual({
      tls: { caFile: '/ca.crt', certFile: '/tls.crt', keyFile: '/tls.key' },
    });
  });

  it('should allow a service its own subjects and the requests and streams it consumes, nothing else', () => {
    const finance = natsPermissions('finance', 't1.');
    expect(finance.publish.allow).toEqual(expect.arrayContaining(['t1.finance.>', 't1.procurement.tariff.get', '$JS.API.CONSUMER.*.*.T1_ACCESS.>', '$JS.ACK.T1_ACCESS.>', '$O.T1_DECLARATIONS.>']));
    expect(finance.publish.allow).not.toContain('t1.access.>');
    expect(finance.publish.allow.some((s) => s.startsWith('t1.access.'))).toBe(false);
    expect(finance.publish.allow.some((s) => s.includes('STREAM.DELETE'))).toBe(false);
    expect(finance.subscribe.allow).toEqual(['t1.finance.>', '_INBOX.>']);
    const access = natsPermissions('access');
    expect(access.publish.allow).toContain('access.>');
    expect(access.publish.allow).not.toContain('$O.DECLARATIONS.>');
  });

  it('should write a nats-server authorization block with a user per service and an operator', () => {
    const users = natsUsers('');
    expect(users.map((u) => u.user)).toEqual(expect.arrayContaining(['access', 'finance', 'gateway', 'vangnet-operator']));
    expect(new Set(users.map((u) => u.password)).size).toBe(users.length);
    const conf = natsServerAuthorization(users);
    expect(conf.startsWith('authorization {\n  users = [')).toBe(true);
    expect(conf).toContain('"user":"access"');
  });
});
