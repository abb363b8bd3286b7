import { Test } from '@nestjs/testing';
import { Role } from '@vangnet/contracts';
import { ClsModule } from 'nestjs-cls';
import { callerFromClaims } from './caller';
import { CallerContext } from './caller-context';
import { GROUP_COMMIT_MAX_ROWS, ProcessingEntry, ProcessingLog } from './processing-log';
import { ProcessingAction } from './processing-log.entity';

// The batching of the group commit, with the database call under the test's control; that the
// records reach PostgreSQL (and that a failed commit fails the requests) is proven against a real
// one in apps/access/test/processing-log-group-commit.int-spec.ts.

const caller = callerFromClaims({ sub: 'cw-1', org: 'GM0546', roles: [Role.ACCESS_CASEWORKER], municipalities: ['GM0546'] });

function anEntry(overrides: Partial<ProcessingEntry> = {}): ProcessingEntry {
  return { pseudonym: 'a'.repeat(64), action: ProcessingAction.READ, purpose: 'identify', legalBasis: 'Wmo 2015', resource: 'person', resourceId: 'p-1', municipality: 'GM0546', ...overrides };
}

/** A database call that waits until the test lets it answer (or fail). */
function gatedQuery() {
  const calls: Array<{ params: unknown[][]; answer(): void; fail(e: Error): void }> = [];
  const query = jest.fn(
    (_sql: unknown, params: unknown[][]) =>
      new Promise<void>((answer, fail) => {
        calls.push({ params, answer, fail });
      }),
  );
  return { query, calls };
}

/** Lets every settled promise run its continuations. */
const settle = () => new Promise((r) => setImmediate(r));

describe(ProcessingLog.name, () => {
  beforeAll(async () => {
    await Test.createTestingModule({ imports: [ClsModule.forRoot({ global: true })] }).compile();
  });

  function aLog(opts: { inTransaction?: boolean; query?: jest.Mock; txQuery?: jest.Mock } = {}) {
    const txHost = { isTransactionActive: () => opts.inTransaction ?? false, tx: { query: opts.txQuery ?? jest.fn() } };
    const callers = { get: () => caller } as unknown as CallerContext;
    const dataSource = { query: opts.query ?? jest.fn().mockResolvedValue([]) };
    return new ProcessingLog(txHost as never, callers, dataSource as never);
  }

  const rowsOf = (params: unknown[][]) => params[0].length;

  it('should commit the first record at once and those that arrive meanwhile together, each resolving only after its commit', async () => {
    const db = gatedQuery();
    const sut = aLog({ query: db.query });
    const done: number[] = [];
    const first = sut.record(anEntry({ resourceId: 'p-0' })).then(() => done.push(0));
    await settle();
    expect(db.calls).toHaveLength(1);
    const rest = [1, 2, 3].map((i) => sut.record(anEntry({ resourceId: `p-${i}` })).then(() => done.push(i)));
    await settle();
    // The second batch waits for the first commit: one statement at a time.
    expect(db.calls).toHaveLength(1);
    expect(done).toEqual([]);

    db.calls[0].answer();
    await first;
    expect(done).toEqual([0]);
    await settle();
    expect(db.calls).toHaveLength(2);
    expect(rowsOf(db.calls[1].params)).toBe(3);
    // resource_id is the tenth column.
    expect(db.calls[1].params[9]).toEqual(['p-1', 'p-2', 'p-3']);
    expect(done).toEqual([0]);

    db.calls[1].answer();
    await Promise.all(rest);
    expect(done.sort()).toEqual([0, 1, 2, 3]);
  });

  it('should fail every request whose commit failed, and commit the next ones', async () => {
    const db = gatedQuery();
    const sut = aLog({ query: db.query });
    const first = sut.record(anEntry());
    await settle();
    // Each request's outcome, caught as it happens (an answer or the error it failed with).
    const failing = [sut.record(anEntry()), sut.record([anEntry(), anEntry()])].map((p) => p.then(() => 'answered', (e: unknown) => e));
    db.calls[0].answer();
    await first;
    await settle();
    const outage = new Error('connection terminated');
    db.calls[1].fail(outage);
    await expect(Promise.all(failing)).resolves.toEqual([outage, outage]);

    const after = sut.record(anEntry());
    await settle();
    expect(db.calls).toHaveLength(3);
    db.calls[2].answer();
    await expect(after).resolves.toBeUndefined();
  });

  it('should never split one request’s records over two commits, and keep a commit within its row limit', async () => {
    const db = gatedQuery();
    const sut = aLog({ query: db.query });
    const first = sut.record(anEntry());
    await settle();
    const big = Array.from({ length: GROUP_COMMIT_MAX_ROWS - 1 }, () => anEntry());
    const waiting = [sut.record(big), sut.record([anEntry(), anEntry()]), sut.record(Array.from({ length: GROUP_COMMIT_MAX_ROWS + 5 }, () => anEntry()))];
    db.calls[0].answer();
    await first;
    await settle();
    expect(rowsOf(db.calls[1].params)).toBe(GROUP_COMMIT_MAX_ROWS - 1);
    db.calls[1].answer();
    await settle();
    expect(rowsOf(db.calls[2].params)).toBe(2);
    db.calls[2].answer();
    await settle();
    // Larger than the limit on its own: still one commit.
    expect(rowsOf(db.calls[3].params)).toBe(GROUP_COMMIT_MAX_ROWS + 5);
    db.calls[3].answer();
    await expect(Promise.all(waiting)).resolves.toHaveLength(3);
  });

  it('should write inside the caller’s transaction when there is one, not in a group commit', async () => {
    const txQuery = jest.fn().mockResolvedValue([]);
    const query = jest.fn();
    const sut = aLog({ inTransaction: true, query, txQuery });
    await sut.record([anEntry(), anEntry({ action: ProcessingAction.UPDATE })]);
    expect(query).not.toHaveBeenCalled();
    expect(txQuery).toHaveBeenCalledTimes(1);
    const params = txQuery.mock.calls[0][1] as unknown[][];
    expect(params[0]).toEqual(['cw-1', 'cw-1']);
    expect(params[2]).toEqual([JSON.stringify([Role.ACCESS_CASEWORKER]), JSON.stringify([Role.ACCESS_CASEWORKER])]);
    expect(params[5]).toEqual([ProcessingAction.READ, ProcessingAction.UPDATE]);
  });

  it('should refuse an entry without the resident before anything is queued', async () => {
    const query = jest.fn();
    const sut = aLog({ query });
    await expect(sut.record(anEntry({ pseudonym: undefined, bsn: undefined }))).rejects.toThrow(/BSN or pseudonym/);
    expect(query).not.toHaveBeenCalled();
  });

  it('should give the INSERT for a one-statement change with its parameters numbered from the one asked', () => {
    const sut = aLog();
    const { sql, params } = sut.statement(anEntry(), 7);
    expect(sql).toMatch(/^INSERT INTO processing_log \(actor_sub, .*\) SELECT .* FROM unnest\(\$7::text\[\], \$8::text\[\], \$9::jsonb\[\]/);
    expect(sql).toContain('$17::text[]');
    expect(sql).not.toContain('$18');
    expect(params).toHaveLength(11);
    expect(() => sut.statement([], 1)).toThrow(/at least one entry/);
  });
});
