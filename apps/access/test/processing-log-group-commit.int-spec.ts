import { pseudonymize } from '@vangnet/auth';
import { TEST_PSEUDONYM_KEY, TestContext, TestService } from '@vangnet/testing';
import { Pool } from 'pg';
import { AccessClient, actorsFor, bsnFor, createPerson, startAccess } from './support/access';

/**
 * Issue 21 (ADR 0053): reads write their processing-log records in group commits. Every answer
 * goes out only after its own record is committed, and a commit that fails fails the requests
 * waiting for it (none answers without its record). How records are batched is proven in
 * libs/auth/src/processing-log.spec.ts.
 */
describe('access: processing-log records of concurrent reads, group-committed', () => {
  let ctx: TestContext;
  let svc: TestService;
  let caseworker: AccessClient;
  // A pool: the reads below look at the log concurrently, each on a connection of its own (one
  // client would queue them, which pg 8 prints a deprecation for and pg 9 refuses).
  let db: Pool;
  let seed = 7100;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    caseworker = new AccessClient(svc, (await actorsFor(ctx)).caseworker);
    db = new Pool({ connectionString: ctx.db.url, max: 4 });
  });

  afterAll(async () => {
    await db.end();
    await ctx.close();
  });

  const readsOf = async (bsn: string) =>
    (
      await db.query<{ correlation_id: string }>(`SELECT correlation_id FROM access.processing_log WHERE subject_pseudonym = $1 AND action = 'READ'`, [
        pseudonymize(bsn, TEST_PSEUDONYM_KEY),
      ])
    ).rows;

  it('should answer N concurrent reads each after its own record is committed, one record per read', async () => {
    const bsn = bsnFor(++seed);
    const personId = await createPerson(caseworker, { bsn });
    const n = 30;
    const committedAtAnswer: boolean[] = [];
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const res = await (i % 2 ? caseworker.post('/persons/search', { bsn }) : caseworker.get(`/persons/${personId}`));
        expect(res.status).toBe(200);
        // Looked for the moment the answer arrives: it must already be committed.
        const correlationId = res.headers['x-correlation-id'];
        committedAtAnswer.push((await readsOf(bsn)).some((r) => r.correlation_id === correlationId));
      }),
    );
    expect(committedAtAnswer).toEqual(Array.from({ length: n }, () => true));
    const reads = await readsOf(bsn);
    expect(reads).toHaveLength(n);
    expect(new Set(reads.map((r) => r.correlation_id)).size).toBe(n);
  });

  it('should fail the reads whose commit fails, answering none of them, and commit again once the database takes records', async () => {
    const bsn = bsnFor(++seed);
    await createPerson(caseworker, { bsn });
    // Every new record is refused from now on (a NOT VALID check still applies to new rows).
    await db.query(`ALTER TABLE access.processing_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => caseworker.post('/persons/search', { bsn })));
      for (const a of answers) {
        expect(a.status).toBeGreaterThanOrEqual(500);
        expect(JSON.stringify(a.body)).not.toContain(bsn);
      }
    } finally {
      await db.query(`ALTER TABLE access.processing_log DROP CONSTRAINT refuse_all`);
    }
    await expect(readsOf(bsn)).resolves.toHaveLength(0);
    const again = await caseworker.post('/persons/search', { bsn }).expect(200);
    expect(again.body.items).toHaveLength(1);
    await expect(readsOf(bsn)).resolves.toHaveLength(1);
  });
});
