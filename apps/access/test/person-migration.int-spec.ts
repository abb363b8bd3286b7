import { TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { bsnFor, LEIDEN, LEIDERDORP, startAccess } from './support/access';

/**
 * ADR 0051: the migration to per-municipality person records moves each existing person's data to
 * every municipality that knew them, and back down again.
 */
describe('access: migrating persons to one record per municipality', () => {
  let ctx: TestContext;
  let svc: TestService;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    db = svc.app.get(DataSource);
  });

  afterAll(() => ctx.close());

  /** Undoes migrations, newest first, down to and including `name` (later ones come and go with time). */
  async function undoThrough(name: string): Promise<void> {
    const applied = async () => ((await db.query(`SELECT name FROM migrations`)) as Array<{ name: string }>).map((m) => m.name);
    while ((await applied()).includes(name)) await db.undoLastMigration();
  }

  it('should give every municipality of a person its own copy of what was shared, and undo to one record', async () => {
    // Back to the schema before: every later migration, then the person records.
    await undoThrough('PersonPerMunicipality1796500300000');
    const shared = randomUUID();
    const alone = randomUUID();
    await db.query(
      `INSERT INTO person (id, bsn, given_name, family_name, birth_date, brp_municipality, origin_municipality, residence, safety_flag, municipalities, version)
       VALUES ($1, $2, 'Anna', 'Vermeulen', '1990-02-03', $3, NULL, '{"lastResidentialMunicipality": "GM0546"}', true, $4, 3),
              ($5, $6, NULL, NULL, NULL, NULL, NULL, NULL, false, $7, 1)`,
      [shared, bsnFor(8001), LEIDEN, [LEIDEN, LEIDERDORP], alone, bsnFor(8002), [LEIDERDORP]],
    );

    await db.runMigrations({ transaction: 'each' });
    const columns: Array<{ column_name: string }> = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'person' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['bsn', 'created_at', 'id']);
    const records = await db.query(
      `SELECT person_id, municipality, given_name, family_name, birth_date::text AS birth_date, brp_municipality, residence, safety_flag, version
         FROM person_record WHERE person_id = ANY($1) ORDER BY person_id = $2 DESC, municipality`,
      [[shared, alone], shared],
    );
    const copy = { given_name: 'Anna', family_name: 'Vermeulen', birth_date: '1990-02-03', brp_municipality: LEIDEN, residence: { lastResidentialMunicipality: LEIDEN }, safety_flag: true, version: 3 };
    expect(records).toEqual([
      { person_id: shared, municipality: LEIDEN, ...copy },
      { person_id: shared, municipality: LEIDERDORP, ...copy },
      { person_id: alone, municipality: LEIDERDORP, given_name: null, family_name: null, birth_date: null, brp_municipality: null, residence: null, safety_flag: false, version: 1 },
    ]);

    // And down: one record, every municipality in scope, the flag kept.
    await undoThrough('PersonPerMunicipality1796500300000');
    const [back] = await db.query(`SELECT family_name, safety_flag, municipalities FROM person WHERE id = $1`, [shared]);
    expect(back).toEqual({ family_name: 'Vermeulen', safety_flag: true, municipalities: [LEIDEN, LEIDERDORP] });
    await db.runMigrations({ transaction: 'each' });
    await expect(db.query(`SELECT count(*)::int AS n FROM person_record WHERE person_id = ANY($1)`, [[shared, alone]])).resolves.toEqual([{ n: 3 }]);
  });
});
