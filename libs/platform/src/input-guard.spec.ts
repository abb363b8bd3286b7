import type { NextFunction, Request, Response } from 'express';
import { inputGuard } from './input-guard';

function run(body: unknown, query: Record<string, unknown> = {}) {
  let status: number | undefined;
  let sent: unknown;
  const res = {
    status(s: number) { status = s; return this; },
    type() { return this; },
    setHeader() { return this; },
    set() { return this; },
    json(b: unknown) { sent = b; return this; },
    send(b: unknown) { sent = b; return this; },
    end() { return this; },
  } as unknown as Response;
  const next = jest.fn() as unknown as NextFunction;
  inputGuard()({ path: '/api/x/v1/mailbox', originalUrl: '/api/x/v1/mailbox', query, body } as unknown as Request, res, next);
  return { status, sent, next: next as unknown as jest.Mock };
}

describe('inputGuard', () => {
  it('should pass a raw body (bytes from a route’s own raw parser) to the route, however long', () => {
    const xml = Buffer.from(`<?xml version="1.0"?><a>${'x'.repeat(5_000)}</a>`, 'utf8');
    const r = run(xml);
    expect(r.next).toHaveBeenCalledWith();
    expect(r.status).toBeUndefined();
  });

  it('should refuse a parsed JSON body with too many fields, naming the code', () => {
    const body = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, i]));
    const r = run(body);
    expect(r.next).not.toHaveBeenCalled();
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.sent)).toContain('TOO_MANY_FIELDS');
  });
});
