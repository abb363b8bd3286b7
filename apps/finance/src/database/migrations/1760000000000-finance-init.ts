import { MigrationInterface, QueryRunner } from 'typeorm';

// The finance schema. Money is BIGINT cents everywhere; dates are DATE (calendar dates in
// Europe/Amsterdam, passed in by the service, never CURRENT_DATE).
export class FinanceInit1760000000000 implements MigrationInterface {
  name = 'FinanceInit1760000000000';

  async up(q: QueryRunner): Promise<void> {
    // Refuses UPDATE and DELETE on the tables of decisions (maker-checker, ADR 0045).
    await q.query(`
      CREATE FUNCTION finance_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is insert-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$`);

    // Budgets and lines.
    await q.query(`
      CREATE TABLE budget (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        year int NOT NULL,
        domain text NOT NULL CHECK (domain IN ('WMO', 'JEUGD', 'MAATSCHAPPELIJKE_ZORG')),
        kind text NOT NULL CHECK (kind IN ('STRUCTURAL', 'INCIDENTAL')),
        name text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality, year, domain, kind)
      )`);
    await q.query(`
      CREATE TABLE budget_line (
        id uuid PRIMARY KEY,
        budget_id uuid NOT NULL REFERENCES budget (id),
        position int NOT NULL,
        name text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        categories text[] NOT NULL DEFAULT '{}',
        product_codes text[] NOT NULL DEFAULT '{}',
        programme text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (budget_id, position)
      )`);
    await q.query(`
      CREATE TABLE budget_alert (
        budget_line_id uuid NOT NULL REFERENCES budget_line (id),
        threshold int NOT NULL,
        percent int NOT NULL,
        forecast_cents bigint NOT NULL,
        budget_cents bigint NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (budget_line_id, threshold)
      )`);
    // Municipality-years whose figures changed; the budget monitor checks their thresholds.
    await q.query(`
      CREATE TABLE budget_dirty (
        municipality text NOT NULL,
        year int NOT NULL,
        seq bigint NOT NULL DEFAULT 1,
        PRIMARY KEY (municipality, year)
      )`);

    // Regional funds and their versioned distribution keys.
    await q.query(`
      CREATE TABLE fund (
        id uuid PRIMARY KEY,
        owner_municipality text NOT NULL,
        name text NOT NULL,
        year int NOT NULL,
        domain text,
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE fund_key (
        fund_id uuid NOT NULL REFERENCES fund (id),
        version int NOT NULL,
        key_hash text NOT NULL,
        weights jsonb NOT NULL,
        basis text,
        total_cents bigint NOT NULL,
        parts jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, version),
        UNIQUE (fund_id, key_hash)
      )`);
    await q.query(`CREATE TRIGGER fund_key_insert_only BEFORE UPDATE OR DELETE ON fund_key FOR EACH ROW EXECUTE FUNCTION finance_insert_only()`);

    // Read model of procurement's tariffs (tariff.published, or procurement.tariff.get answers).
    await q.query(`
      CREATE TABLE tariff (
        contract_id uuid NOT NULL,
        category text NOT NULL,
        code text NOT NULL DEFAULT '',
        year int NOT NULL,
        provider_agb text NOT NULL,
        municipalities text[] NOT NULL,
        unit text NOT NULL,
        variant text NOT NULL,
        tariff_cents bigint NOT NULL,
        valid_from date,
        valid_to date,
        crisis boolean NOT NULL DEFAULT false,
        source text NOT NULL CHECK (source IN ('EVENT', 'RPC')),
        event_time timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, category, code, year)
      )`);
    await q.query(`CREATE INDEX tariff_lookup ON tariff (provider_agb, category, code, year)`);

    // Provision versions as access published them (the facts), and the commitments computed from them.
    await q.query(`
      CREATE TABLE provision_version (
        provision_id uuid PRIMARY KEY,
        lineage_id uuid NOT NULL,
        version int NOT NULL,
        valid_from date NOT NULL,
        decision_id uuid NOT NULL,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        household_id uuid,
        category text NOT NULL,
        product_code text,
        delivery_form text NOT NULL,
        provider_agb text,
        volume_amount bigint,
        volume_unit text,
        volume_frequency text,
        period_start date NOT NULL,
        period_end date,
        budget_cents bigint,
        contract_id uuid,
        tariff_cents bigint,
        tariff_unit text,
        variant text,
        municipality text NOT NULL,
        responsible_municipality text NOT NULL,
        crisis boolean NOT NULL,
        previous_provision_id uuid,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lineage_id, version)
      )`);
    await q.query(`
      CREATE TABLE lineage_end (
        event_id uuid PRIMARY KEY,
        lineage_id uuid NOT NULL,
        provision_id uuid NOT NULL,
        end_date date NOT NULL,
        reason text NOT NULL,
        event_time timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lineage_end_lineage ON lineage_end (lineage_id)`);
    // Facts (a version, an end) stored but not yet in their lineage's commitment; the projector
    // deletes the ones it read, so a fact that arrives while it works is taken next round.
    await q.query(`
      CREATE TABLE projection_pending (
        lineage_id uuid NOT NULL,
        fact_id uuid NOT NULL,
        PRIMARY KEY (lineage_id, fact_id)
      )`);
    // Lineages to recompute for other reasons than a new fact (a tariff, a new budget year, a retry
    // that is due); seq guards against lost updates.
    await q.query(`
      CREATE TABLE lineage_dirty (
        lineage_id uuid PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 1,
        attempts int NOT NULL DEFAULT 0,
        not_before timestamptz
      )`);
    await q.query(`
      CREATE TABLE lineage (
        lineage_id uuid PRIMARY KEY,
        status text NOT NULL,
        reason text,
        total_cents bigint NOT NULL DEFAULT 0,
        horizon date,
        first_day date,
        last_day date,
        end_date date,
        person_id uuid,
        person_pseudonym text,
        provider_agb text,
        municipality text,
        responsible_municipality text,
        category text,
        product_code text,
        versions int NOT NULL DEFAULT 0,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lineage_horizon ON lineage (horizon) WHERE horizon IS NOT NULL`);
    await q.query(`CREATE INDEX lineage_pending ON lineage (provider_agb) WHERE status = 'PENDING_TARIFF'`);
    // A version's commitment in one calendar year: the year's part and its twelve month parts
    // (months[1] is January; 0 where the version is not in force). One row per version and year
    // rather than per month keeps the booking of 2,000 lineages a second within the machine's
    // insert rate.
    await q.query(`
      CREATE TABLE commitment (
        lineage_id uuid NOT NULL,
        provision_id uuid NOT NULL,
        year int NOT NULL,
        municipality text NOT NULL,
        provider_agb text,
        category text NOT NULL,
        product_code text,
        tariff_cents bigint,
        amount_cents bigint NOT NULL,
        months bigint[] NOT NULL CHECK (cardinality(months) = 12),
        PRIMARY KEY (lineage_id, provision_id, year)
      )`);
    await q.query(`CREATE INDEX commitment_municipality_year ON commitment (municipality, year)`);
    // The journal of bookings: what each recomputation added or released per year.
    await q.query(`
      CREATE TABLE commitment_mutation (
        id bigserial PRIMARY KEY,
        lineage_id uuid NOT NULL,
        year int NOT NULL,
        municipality text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BOOKED', 'REBOOKED', 'RELEASED')),
        delta_cents bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commitment_mutation_lineage ON commitment_mutation (lineage_id)`);

    // Declarations (iWmo 323 in HTTP form) and their assessed lines.
    await q.query(`
      CREATE TABLE declaration (
        id uuid PRIMARY KEY,
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        declaration_number text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        received_on date NOT NULL,
        due_date date NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        submitted_by text NOT NULL,
        status text NOT NULL,
        line_count int NOT NULL,
        approved_count int NOT NULL,
        rejected_count int NOT NULL,
        submitted_debit_cents bigint NOT NULL,
        submitted_credit_cents bigint NOT NULL,
        approved_debit_cents bigint NOT NULL,
        approved_credit_cents bigint NOT NULL,
        UNIQUE (provider_agb, declaration_number)
      )`);
    await q.query(`CREATE INDEX declaration_municipality ON declaration (municipality, received_at)`);
    await q.query(`
      CREATE TABLE declaration_line (
        declaration_id uuid NOT NULL,
        line_no int NOT NULL,
        provider_agb text NOT NULL,
        payer_municipality text NOT NULL,
        reference text NOT NULL,
        previous_reference text,
        reference_owner boolean NOT NULL,
        submitted_provision_id uuid NOT NULL,
        lineage_id uuid NOT NULL,
        provision_id uuid NOT NULL,
        person_id uuid NOT NULL,
        responsible_municipality text NOT NULL,
        category text NOT NULL,
        product_code text,
        period_start date NOT NULL,
        period_end date NOT NULL,
        volume bigint NOT NULL,
        unit text NOT NULL,
        tariff_cents bigint NOT NULL,
        amount_cents bigint NOT NULL,
        debit_credit text NOT NULL CHECK (debit_credit IN ('DEBIT', 'CREDIT')),
        approved boolean NOT NULL,
        reasons text[] NOT NULL,
        approved_cents bigint NOT NULL,
        count_unit text,
        counted_volume bigint NOT NULL,
        PRIMARY KEY (declaration_id, line_no)
      )`);
    await q.query(`CREATE UNIQUE INDEX declaration_line_reference ON declaration_line (provider_agb, reference) WHERE reference_owner`);
    await q.query(`CREATE INDEX declaration_line_lineage ON declaration_line (lineage_id)`);
    await q.query(`CREATE INDEX declaration_line_credit ON declaration_line (provider_agb, previous_reference) WHERE debit_credit = 'CREDIT' AND approved`);
    await q.query(`CREATE INDEX declaration_line_responsible ON declaration_line (responsible_municipality, period_start) WHERE approved`);

    // Cumulative approved spend per provider × responsible municipality × year, and its report sequence.
    await q.query(`
      CREATE TABLE spend (
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        year int NOT NULL,
        spend_cents bigint NOT NULL,
        sequence int NOT NULL,
        PRIMARY KEY (provider_agb, municipality, year)
      )`);

    // Payment batches: prepared by one controller, decided by another; all insert-only.
    await q.query(`
      CREATE TABLE payment_batch (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        prepared_by text NOT NULL,
        prepared_org text NOT NULL,
        prepared_at timestamptz NOT NULL DEFAULT now(),
        total_cents bigint NOT NULL,
        declaration_count int NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX payment_batch_municipality ON payment_batch (municipality, prepared_at)`);
    await q.query(`
      CREATE TABLE payment_batch_item (
        batch_id uuid NOT NULL REFERENCES payment_batch (id),
        declaration_id uuid NOT NULL REFERENCES declaration (id),
        provider_agb text NOT NULL,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (batch_id, declaration_id)
      )`);
    await q.query(`CREATE INDEX payment_batch_item_declaration ON payment_batch_item (declaration_id)`);
    await q.query(`
      CREATE TABLE payment_decision (
        id uuid PRIMARY KEY,
        batch_id uuid NOT NULL UNIQUE REFERENCES payment_batch (id),
        decision text NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
        prepared_by text NOT NULL,
        decided_by text NOT NULL,
        decided_org text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        comment text,
        CHECK (decided_by <> prepared_by)
      )`);
    for (const t of ['payment_batch', 'payment_batch_item', 'payment_decision']) {
      await q.query(`CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION finance_insert_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'payment_decision',
      'payment_batch_item',
      'payment_batch',
      'spend',
      'declaration_line',
      'declaration',
      'commitment_mutation',
      'commitment',
      'lineage',
      'lineage_dirty',
      'projection_pending',
      'lineage_end',
      'provision_version',
      'tariff',
      'fund_key',
      'fund',
      'budget_dirty',
      'budget_alert',
      'budget_line',
      'budget',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query('DROP FUNCTION IF EXISTS finance_insert_only()');
  }
}
