import { maskBsns, redactUrl, scrubLogValue } from './redaction';

describe('log redaction', () => {
  it('should mask BSNs in a URL’s path and every query value but the safe ones', () => {
    expect(redactUrl('/api/access/v1/persons?bsn=999990019&limit=5')).toBe('/api/access/v1/persons?bsn=[redacted]&limit=5');
    expect(redactUrl('/api/access/v1/processing-log?bsn=999990019')).toBe('/api/access/v1/processing-log?bsn=[redacted]');
    expect(redactUrl('/api/access/v1/persons/by-bsn/999990019')).toBe('/api/access/v1/persons/by-bsn/[redacted]');
    expect(redactUrl('/x?name=Jansen&municipality=GM0546')).toBe('/x?name=[redacted]&municipality=GM0546');
    expect(redactUrl('/x?limit=999990019')).toBe('/x?limit=[redacted]');
    expect(redactUrl('/x?b%73n=999990019')).toBe('/x?b%73n=[redacted]');
    expect(redactUrl('/x')).toBe('/x');
  });

  it('should mask only nine-digit runs that pass the eleven-proof', () => {
    expect(maskBsns('person 999990019 and 123456789 and 1234567890 and 999990019x')).toBe('person [redacted] and 123456789 and 1234567890 and [redacted]x');
    expect(maskBsns('a=%2C999990019%2C')).toBe('a=%2C[redacted]%2C');
  });

  it('should mask BSNs in messages, nested objects and errors without touching the original', () => {
    const err = Object.assign(new Error('duplicate key (bsn)=(999990019)'), { code: '23505' });
    const out = scrubLogValue({ msg: 'bsn 999990019', nested: { list: ['999990019'] }, err }) as { err: { message: string; stack: string; code: string } } & Record<string, unknown>;
    expect(JSON.stringify({ ...out, err: { message: out.err.message, stack: out.err.stack } })).not.toContain('999990019');
    expect(out.err.code).toBe('23505');
    expect(err.message).toContain('999990019');
  });
});
