import { resolvedOptions, streamMaxAgeMs } from './messaging.options';

const DAY = 86_400_000;

describe('messaging options', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['VANGNET_ACK_WAIT_MS', 'VANGNET_STREAM_MAX_AGE_DAYS', 'VANGNET_INBOX_RETENTION_DAYS']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('should default to a 5 s ack wait, 30 days of stream and twice that of inbox', () => {
    delete process.env.VANGNET_ACK_WAIT_MS;
    delete process.env.VANGNET_STREAM_MAX_AGE_DAYS;
    delete process.env.VANGNET_INBOX_RETENTION_DAYS;
    const o = resolvedOptions({ service: 'finance' });
    expect(o.ackWaitMs).toBe(5000);
    expect(o.streamMaxAgeMs).toBe(30 * DAY);
    expect(o.inboxRetentionMs).toBe(60 * DAY);
  });

  it('should read the environment', () => {
    process.env.VANGNET_ACK_WAIT_MS = '8000';
    process.env.VANGNET_STREAM_MAX_AGE_DAYS = '7';
    process.env.VANGNET_INBOX_RETENTION_DAYS = '10';
    const o = resolvedOptions({ service: 'finance' });
    expect(o).toMatchObject({ ackWaitMs: 8000, streamMaxAgeMs: 7 * DAY, inboxRetentionMs: 10 * DAY });
  });

  it('should never let the inbox forget an event the stream can still deliver', () => {
    process.env.VANGNET_STREAM_MAX_AGE_DAYS = '7';
    process.env.VANGNET_INBOX_RETENTION_DAYS = '3';
    expect(resolvedOptions({ service: 'finance' }).inboxRetentionMs).toBe(8 * DAY);
    process.env.VANGNET_INBOX_RETENTION_DAYS = '7';
    expect(resolvedOptions({ service: 'finance' }).inboxRetentionMs).toBe(8 * DAY);
    expect(resolvedOptions({ service: 'finance', streamMaxAgeMs: 60_000, inboxRetentionMs: 1000 }).inboxRetentionMs).toBe(60_000);
  });

  it('should refuse an ack wait, max age or retention that makes no sense', () => {
    process.env.VANGNET_STREAM_MAX_AGE_DAYS = 'soon';
    expect(() => streamMaxAgeMs()).toThrow(/VANGNET_STREAM_MAX_AGE_DAYS must be a positive number/);
    process.env.VANGNET_STREAM_MAX_AGE_DAYS = '7';
    process.env.VANGNET_INBOX_RETENTION_DAYS = '-1';
    expect(() => resolvedOptions({ service: 'finance' })).toThrow(/VANGNET_INBOX_RETENTION_DAYS must be a positive number/);
    process.env.VANGNET_INBOX_RETENTION_DAYS = '30';
    process.env.VANGNET_ACK_WAIT_MS = '5s';
    expect(() => resolvedOptions({ service: 'finance' })).toThrow(/VANGNET_ACK_WAIT_MS must be at least 1000/);
  });
});
