import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The law as it is (issue 12), responsible municipality: rule sets per scope (Jeugdwet, Wmo
 * support, Wmo protected housing and shelter) with an optional end; the law in force (national
 * access, the central municipality pays) stays the protected-housing default; the "origin for 24
 * months, then BRP" rule set is withdrawn (no law says that; its pending switches were cancelled by
 * the wave-2 migration, and existing provisions keep the municipality they were decided with);
 * each lineage records the rule set and the inputs of its determination; persons get the facts the
 * Jeugdwet and bill 36288 read; mandates to decide for another municipality.
 */
export class ResponsibleMunicipality1796500100000 implements MigrationInterface {
  name = 'ResponsibleMunicipality1796500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE responsibility_rule_set ADD scope text NOT NULL DEFAULT 'WMO_PROTECTED_HOUSING', ADD valid_to date, ADD withdrawn_at timestamptz, ADD withdrawn_reason text`);
    await q.query(`ALTER TABLE responsibility_rule_set ALTER scope DROP DEFAULT, ALTER origin_period_months SET DEFAULT 0`);
    await q.query(`ALTER TABLE responsibility_rule_set DROP CONSTRAINT IF EXISTS responsibility_rule_set_valid_from_key`);
    await q.query(`ALTER TABLE responsibility_rule_set ADD CONSTRAINT responsibility_rule_set_scope_valid_from UNIQUE (scope, valid_from)`);
    await q.query(`UPDATE responsibility_rule_set SET regime = 'NATIONAL_ACCESS' WHERE regime = 'CENTRAL'`);
    await q.query(`
      UPDATE responsibility_rule_set SET withdrawn_at = now(),
             withdrawn_reason = 'No law says "origin for 24 months, then BRP" (issue 12): the law in force (Wmo 2015 art. 1.2.1 b) applies; bill 36288 is a separate rule set a region activates'
       WHERE regime = 'ORIGIN'`);
    await q.query(`
      INSERT INTO responsibility_rule_set (id, scope, valid_from, regime, central_municipality, protected_housing_categories, shelter_categories, note, created_by)
      SELECT gen_random_uuid(), v.scope, v.valid_from::date, v.regime, c.central, '{15,18}'::text[], '{16,17}'::text[], v.note, 'migration'
        FROM (VALUES ('WMO_SUPPORT', '2015-01-01', 'WMO_BRP', 'Wmo 2015 art. 1.2.1 a: the BRP municipality'),
                     ('JEUGDWET', '2022-01-01', 'JEUGDWET_2022', 'Jeugdwet art. 2.3 lid 1 with art. 1.1 "woonplaats" (since 2022)')) AS v(scope, valid_from, regime, note),
             (SELECT coalesce((SELECT central_municipality FROM responsibility_rule_set ORDER BY valid_from LIMIT 1), 'GM0546') AS central) AS c`);

    await q.query(`ALTER TABLE provision_lineage ADD responsibility_rule_set_id uuid, ADD responsibility_inputs jsonb`);
    await q.query(`ALTER TABLE person ADD residence jsonb`);

    await q.query(`
      CREATE TABLE decision_mandate (
        id uuid PRIMARY KEY,
        mandating_municipality text NOT NULL,
        mandated_team text NOT NULL,
        scopes text[] NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decision_mandate_mandating ON decision_mandate (mandating_municipality)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_mandate`);
    await q.query(`ALTER TABLE person DROP COLUMN residence`);
    await q.query(`ALTER TABLE provision_lineage DROP COLUMN responsibility_rule_set_id, DROP COLUMN responsibility_inputs`);
    await q.query(`DELETE FROM responsibility_rule_set WHERE scope <> 'WMO_PROTECTED_HOUSING'`);
    await q.query(`UPDATE responsibility_rule_set SET regime = 'CENTRAL' WHERE regime = 'NATIONAL_ACCESS'`);
    await q.query(`ALTER TABLE responsibility_rule_set DROP CONSTRAINT responsibility_rule_set_scope_valid_from`);
    await q.query(`ALTER TABLE responsibility_rule_set ADD CONSTRAINT responsibility_rule_set_valid_from_key UNIQUE (valid_from)`);
    await q.query(`ALTER TABLE responsibility_rule_set DROP COLUMN scope, DROP COLUMN valid_to, DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_reason`);
  }
}
