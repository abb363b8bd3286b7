import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facility_type_mapping and reference_stay tables, as their entities declare them, with the
 * region's starting values (DOMAIN.md "Housing"; the region changes them through /v1/settings).
 */
export class SettingsTable1796410981682 implements MigrationInterface {
  name = 'SettingsTable1796410981682';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facility_type_mapping (
        category text NOT NULL,
        product_code text NOT NULL,
        facility_type text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category, product_code),
        CONSTRAINT facility_type_mapping_category_check CHECK (category IN ('15', '16', '17', '18'))
      )`);
    await q.query(`
      CREATE TABLE reference_stay (
        facility_type text PRIMARY KEY,
        days integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reference_stay_days_check CHECK (days > 0)
      )`);
    // Protected housing (15), shelter (16), emergency shelter (17, placed directly), other (18).
    await q.query(`
      INSERT INTO facility_type_mapping (category, product_code, facility_type, updated_by) VALUES
        ('15', '', 'INTRAMURAL_PROTECTED_HOUSING', 'migration'),
        ('16', '', 'DAY_AND_NIGHT_SHELTER', 'migration'),
        ('17', '', 'CRISIS_SINGLE', 'migration'),
        ('18', '', 'PROTECTED_HOUSING_LIGHT', 'migration')`);
    // DOMAIN.md: crisis shelter about 90 days, long-stay boarding about 20 months, women's shelter
    // about 6 months, protected housing 2–4 years (the upper end flags an overstay).
    await q.query(`
      INSERT INTO reference_stay (facility_type, days, updated_by) VALUES
        ('CRISIS_SINGLE', 90, 'migration'),
        ('CRISIS_FAMILY', 90, 'migration'),
        ('NIGHT_SHELTER', 90, 'migration'),
        ('RESPITE_HOUSE', 90, 'migration'),
        ('DAY_AND_NIGHT_SHELTER', 608, 'migration'),
        ('WOMENS_SHELTER', 183, 'migration'),
        ('INTERMEDIATE_FACILITY', 365, 'migration'),
        ('PROTECTED_HOUSING_LIGHT', 1461, 'migration'),
        ('INTRAMURAL_PROTECTED_HOUSING', 1461, 'migration')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_stay`);
    await q.query(`DROP TABLE facility_type_mapping`);
  }
}
