import { DomainError } from '@vangnet/contracts';
import { ArgumentsHost } from '@nestjs/common';
import { lastValueFrom, Observable } from 'rxjs';
import { AllExceptionsFilter, bodyParserErrorHandler, DATABASE_UNAVAILABLE, isDatabaseUnavailable, problem, toProblem } from './problem.filter';

describe(toProblem.name, () => {
  it('should carry a domain error’s details as extension members without overwriting the standard ones', () => {
    const sut = toProblem(new DomainError('PERSON_EXISTS', 'a person with this BSN exists', 409, undefined, { existingId: 'p-1', status: 200, code: 'X' }), '/api/access/v1/persons');
    expect(sut).toMatchObject({ status: 409, code: 'PERSON_EXISTS', existingId: 'p-1', instance: '/api/access/v1/persons' });
  });

  it('should hide the message of an unexpected error', () => {
    const sut = toProblem(new Error('password=secret'));
    expect(sut).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(sut)).not.toContain('secret');
  });
});

describe(bodyParserErrorHandler.name, () => {
  const answer = (err: object) => {
    const res = { headersSent: false, status: jest.fn(), type: jest.fn(), send: jest.fn(), setHeader: jest.fn() };
    res.status.mockReturnValue(res);
    res.type.mockReturnValue(res);
    bodyParserErrorHandler(err, { originalUrl: '/api/gateway/v1/x?bsn=123456782' } as never, res as never, jest.fn());
    return { status: res.status.mock.calls[0][0] as number, body: JSON.parse(res.send.mock.calls[0][0] as string) };
  };

  it('should answer a middleware’s own failure as 500 problem+json without its message', () => {
    const { status, body } = answer(new TypeError("Cannot read properties of undefined (reading 'originalUrl')"));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL', instance: '/api/gateway/v1/x' });
    expect(JSON.stringify(body)).not.toMatch(/originalUrl|TypeError|123456782/);
  });

  it('should pass a parser’s own 4xx through', () => {
    expect(answer(Object.assign(new Error('request aborted'), { status: 400, expose: true, type: 'request.aborted' })).status).toBe(400);
    expect(answer({ type: 'entity.parse.failed', message: 'Unexpected token' }).body.code).toBe('INVALID_JSON');
  });
});

describe(problem.name, () => {
  it('should list at most 100 invalid params and count them all', () => {
    const params = Array.from({ length: 250 }, (_, i) => ({ name: `k${i}`, code: 'UNKNOWN_FIELD', reason: 'x' }));
    const sut = problem(400, 'VALIDATION_FAILED', 'bad', '/x', params) as unknown as { invalidParams: unknown[]; invalidParamsCount: number };
    expect(sut.invalidParams).toHaveLength(100);
    expect(sut.invalidParamsCount).toBe(250);
  });
});

describe(isDatabaseUnavailable.name, () => {
  const withCode = (message: string, code: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });
  const previous = process.env.DATABASE_URL;
  beforeAll(() => (process.env.DATABASE_URL = 'postgres://u@db.example:6543/vangnet'));
  afterAll(() => (previous === undefined ? delete process.env.DATABASE_URL : (process.env.DATABASE_URL = previous)));

  it.each([
    ['admin_shutdown wrapped by TypeORM', Object.assign(new Error('terminating connection due to administrator command'), { driverError: withCode('x', '57P01') })],
    ['cannot_connect_now', withCode('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a refused connection to the database', withCode('connect ECONNREFUSED', 'ECONNREFUSED', { port: 6543, syscall: 'connect' })],
    ['a pool that got no connection in time', new Error('timeout exceeded when trying to connect')],
    ['a socket that died', new Error('Connection terminated unexpectedly')],
    ['a transaction whose connection went away', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
  ])('should count %s as the database unavailable: 503 DATABASE_UNAVAILABLE', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toProblem(error)).toMatchObject({ status: 503, code: DATABASE_UNAVAILABLE });
  });

  it.each([
    ['a unique violation', withCode('duplicate key', '23505')],
    ['a refused connection to another service', withCode('connect ECONNREFUSED', 'ECONNREFUSED', { port: 3001, syscall: 'connect' })],
    ['a plain bug', new TypeError('x is undefined')],
  ])('should not count %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toProblem(error).status).not.toBe(503);
  });
});

describe(AllExceptionsFilter.name, () => {
  it('should answer a NATS request that met the database away with DATABASE_UNAVAILABLE, not INTERNAL', async () => {
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const err = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const answer = await lastValueFrom(new AllExceptionsFilter().catch(err, host) as Observable<never>).catch((e: unknown) => e);
    expect(answer).toMatchObject({ code: DATABASE_UNAVAILABLE });
    const other = await lastValueFrom(new AllExceptionsFilter().catch(new Error('bug'), host) as Observable<never>).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'INTERNAL' });
  });
});
