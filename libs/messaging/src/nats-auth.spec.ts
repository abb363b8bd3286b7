import { inboxPrefixOf, natsAuthFromEnv, natsPermissions, natsServerAuthorization, natsUsers } from './nats-auth';

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
    expect(finance.publish.allow).toEqual(
      expect.arrayContaining(['t1.finance.>', 't1.procurement.tariff.get', '$JS.API.CONSUMER.MSG.NEXT.T1_ACCESS.finance', '$JS.ACK.T1_ACCESS.finance.>', '$O.T1_DECLARATIONS.>']),
    );
    expect(finance.publish.allow).not.toContain('t1.access.>');
    expect(finance.publish.allow.some((s) => s.startsWith('t1.access.'))).toBe(false);
    expect(finance.publish.allow.some((s) => s.includes('STREAM.DELETE'))).toBe(false);
    const access = natsPermissions('access');
    expect(access.publish.allow).toContain('access.>');
    expect(access.publish.allow).not.toContain('$O.DECLARATIONS.>');
  });

  it('should let a service subscribe only to its own inbox and answer requests only into the caller’s reply subject', () => {
    const finance = natsPermissions('finance', 't1.');
    expect(finance.subscribe.allow).toEqual(['t1.finance.>', `${inboxPrefixOf('finance')}.>`]);
    expect(inboxPrefixOf('finance')).toBe('_INBOX_finance');
    // No inbox is published to but through allow_responses (one answer to a request received).
    expect(finance.publish.allow.some((s) => s.startsWith('_INBOX'))).toBe(false);
    expect(finance.allow_responses).toBe(true);
  });

  it('should let a service update only its own stream and use only its own consumer on the streams it reads', () => {
    const finance = natsPermissions('finance', 't1.').publish.allow;
    expect(finance).toEqual(expect.arrayContaining(['$JS.API.STREAM.UPDATE.T1_FINANCE', '$JS.API.STREAM.INFO.T1_ACCESS', '$JS.API.CONSUMER.CREATE.T1_ACCESS.finance.>']));
    expect(finance.filter((s) => s.includes('STREAM.UPDATE'))).toEqual(['$JS.API.STREAM.UPDATE.T1_FINANCE', '$JS.API.STREAM.UPDATE.OBJ_T1_DECLARATIONS']);
    expect(finance.some((s) => s.includes('STREAM.PURGE') && !s.includes('OBJ_'))).toBe(false);
    // No wildcard over the consumers of a stream it reads, and nothing on another reader's consumer.
    expect(finance.filter((s) => s.includes('T1_ACCESS') && s.startsWith('$JS.API.CONSUMER.')).every((s) => s.includes('.finance'))).toBe(true);
    expect(finance.some((s) => s.includes('.housing'))).toBe(false);
    // The gateway names its consumers per webhook subscription: any name but another reader's.
    const gateway = natsPermissions('gateway', 't1.').publish;
    expect(gateway.allow).toContain('$JS.API.CONSUMER.*.*.T1_ACCESS.>');
    expect(gateway.deny).toEqual(expect.arrayContaining(['$JS.API.CONSUMER.MSG.NEXT.T1_ACCESS.finance', '$JS.API.CONSUMER.DELETE.T1_ACCESS.housing', '$JS.ACK.T1_ACCESS.finance.>']));
    expect(gateway.allow.some((s) => s.includes('STREAM.UPDATE.T1_ACCESS'))).toBe(false);
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
