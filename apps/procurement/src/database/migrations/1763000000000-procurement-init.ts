import { MigrationInterface, QueryRunner } from 'typeorm';

/** Procurement's own tables: providers, rounds, contracts, catalogue, ceilings, spend, stops, waiting times, subsidies. */
export class ProcurementInit1763000000000 implements MigrationInterface {
  name = 'ProcurementInit1763000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider (
        agb text PRIMARY KEY CHECK (agb ~ '^[0-9]{8}$'),
        kvk text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        contact jsonb NOT NULL DEFAULT '{}',
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE procurement_round (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        municipalities text[] NOT NULL,
        lots jsonb NOT NULL DEFAULT '[]',
        published_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE contract (
        id uuid PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        provider_agb text NOT NULL REFERENCES provider (agb),
        round_id uuid REFERENCES procurement_round (id),
        lot text,
        term_start date NOT NULL,
        term_end date NOT NULL,
        initial_end date NOT NULL,
        status text NOT NULL,
        ended_on date,
        end_reason text,
        subcontractors text[] NOT NULL DEFAULT '{}',
        revision int NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (term_end >= term_start)
      )`);
    await q.query('CREATE INDEX contract_provider_idx ON contract (provider_agb)');
    await q.query(`
      CREATE TABLE contract_municipality (
        contract_id uuid NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
        municipality text NOT NULL,
        PRIMARY KEY (contract_id, municipality)
      )`);
    await q.query('CREATE INDEX contract_municipality_idx ON contract_municipality (municipality)');
    await q.query(`
      CREATE TABLE contract_option (
        contract_id uuid NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
        idx int NOT NULL,
        extends_to date NOT NULL,
        decision_deadline date NOT NULL,
        status text NOT NULL,
        decided_on date,
        decided_by text,
        evaluation jsonb,
        notified_at timestamptz,
        PRIMARY KEY (contract_id, idx)
      )`);
    await q.query(`CREATE INDEX contract_option_open_idx ON contract_option (decision_deadline) WHERE status = 'OPEN'`);
    // code '' means the whole category (an aspecific product).
    await q.query(`
      CREATE TABLE contracted_product (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
        category text NOT NULL,
        code text NOT NULL DEFAULT '',
        variant text NOT NULL,
        unit text NOT NULL,
        crisis boolean NOT NULL DEFAULT false,
        indexation_bp int,
        UNIQUE (contract_id, category, code)
      )`);
    await q.query(`
      CREATE TABLE contract_tariff (
        product_id uuid NOT NULL REFERENCES contracted_product (id) ON DELETE CASCADE,
        year int NOT NULL,
        tariff_cents bigint NOT NULL CHECK (tariff_cents >= 0),
        PRIMARY KEY (product_id, year)
      )`);
    await q.query(`
      CREATE TABLE catalogue_entry (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        year int NOT NULL,
        category text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        unit text,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality, category, code, valid_from),
        CHECK (valid_to >= valid_from)
      )`);
    await q.query('CREATE INDEX catalogue_entry_year_idx ON catalogue_entry (municipality, year)');
    await q.query(`
      CREATE TABLE ceiling (
        provider_agb text NOT NULL REFERENCES provider (agb),
        municipality text NOT NULL,
        year int NOT NULL,
        ceiling_cents bigint NOT NULL CHECK (ceiling_cents >= 0),
        version int NOT NULL DEFAULT 1,
        set_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_agb, municipality, year)
      )`);
    // Spend comes from finance and may name a provider this service has not registered (yet).
    await q.query(`
      CREATE TABLE spend (
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        year int NOT NULL,
        spend_cents bigint NOT NULL,
        sequence bigint NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_agb, municipality, year)
      )`);
    // What fired, once each: the primary key is the guarantee.
    await q.query(`
      CREATE TABLE ceiling_threshold (
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        year int NOT NULL,
        threshold_percent int NOT NULL CHECK (threshold_percent IN (70, 90, 100)),
        spend_cents bigint NOT NULL,
        ceiling_cents bigint NOT NULL,
        reached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_agb, municipality, year, threshold_percent)
      )`);
    await q.query(`
      CREATE TABLE client_stop (
        id uuid PRIMARY KEY,
        provider_agb text NOT NULL REFERENCES provider (agb),
        municipality text NOT NULL,
        reason text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        lifted_on date,
        lift_reason text,
        lifted_by text,
        lifted_at timestamptz,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query('CREATE INDEX client_stop_key_idx ON client_stop (provider_agb, municipality)');
    await q.query(`
      CREATE TABLE waiting_time_report (
        id bigserial PRIMARY KEY,
        provider_agb text NOT NULL REFERENCES provider (agb),
        category text NOT NULL,
        code text NOT NULL DEFAULT '',
        waiting_days int NOT NULL CHECK (waiting_days >= 0),
        measured_on date NOT NULL,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX waiting_time_report_key_idx ON waiting_time_report (provider_agb, category, code, measured_on DESC, id DESC)');
    await q.query(`
      CREATE TABLE waiting_time_norm (
        category text NOT NULL,
        code text NOT NULL DEFAULT '',
        norm_days int NOT NULL CHECK (norm_days >= 0),
        set_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category, code)
      )`);
    await q.query(`
      CREATE TABLE subsidy (
        id uuid PRIMARY KEY,
        reference text UNIQUE,
        organisation_agb text NOT NULL REFERENCES provider (agb),
        municipality text NOT NULL,
        year int NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        purpose text NOT NULL,
        conditions jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX subsidy_municipality_year_idx ON subsidy (municipality, year)');
    await q.query(`
      CREATE TABLE subsidy_instalment (
        subsidy_id uuid NOT NULL REFERENCES subsidy (id) ON DELETE CASCADE,
        seq int NOT NULL,
        due_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        PRIMARY KEY (subsidy_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'subsidy_instalment',
      'subsidy',
      'waiting_time_norm',
      'waiting_time_report',
      'client_stop',
      'ceiling_threshold',
      'spend',
      'ceiling',
      'catalogue_entry',
      'contract_tariff',
      'contracted_product',
      'contract_option',
      'contract_municipality',
      'contract',
      'procurement_round',
      'provider',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
