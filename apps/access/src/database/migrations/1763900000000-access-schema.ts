import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access schema: persons and households, registrations with outreach tasks, investigations
 * with life-domain scores, applications with suspensions, decisions with provision lineages and
 * versions, objections, referrals and escalations, statutory deadlines and the
 * responsible-municipality rule sets. Dates are DATE (calendar days, Europe/Amsterdam), money BIGINT cents.
 */
export class AccessSchema1763900000000 implements MigrationInterface {
  name = 'AccessSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        bsn text NOT NULL,
        given_name text,
        family_name text NOT NULL,
        birth_date date,
        brp_municipality text,
        origin_municipality text,
        safety_flag boolean NOT NULL DEFAULT false,
        -- The tenants that may read this person (created, registered, applied, decided or pay).
        municipalities text[] NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_bsn_unique UNIQUE (bsn)
      )`);

    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE household_member (
        household_id uuid NOT NULL REFERENCES household (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (household_id, person_id)
      )`);
    await q.query(`CREATE INDEX household_member_person ON household_member (person_id)`);

    await q.query(`
      CREATE TABLE life_domain (
        code text PRIMARY KEY,
        label text NOT NULL,
        framework text NOT NULL,
        position integer NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    const domains: Array<[string, string, string]> = [
      ['FINANCES', 'Financiën', 'SELF_RELIANCE'],
      ['DAYTIME_ACTIVITIES', 'Dagbesteding', 'SELF_RELIANCE'],
      ['HOUSING', 'Huisvesting', 'SELF_RELIANCE'],
      ['DOMESTIC_RELATIONS', 'Huiselijke relaties', 'SELF_RELIANCE'],
      ['MENTAL_HEALTH', 'Geestelijke gezondheid', 'SELF_RELIANCE'],
      ['PHYSICAL_HEALTH', 'Lichamelijke gezondheid', 'SELF_RELIANCE'],
      ['ADDICTION', 'Verslaving', 'SELF_RELIANCE'],
      ['ADL', 'Algemene dagelijkse levensverrichtingen', 'SELF_RELIANCE'],
      ['SOCIAL_NETWORK', 'Sociaal netwerk', 'SELF_RELIANCE'],
      ['COMMUNITY_PARTICIPATION', 'Maatschappelijke participatie', 'SELF_RELIANCE'],
      ['JUSTICE', 'Justitie', 'SELF_RELIANCE'],
      ['RECOVERY_MENTAL_HEALTH_AND_RISKS', 'Psychische gezondheid en risico’s', 'RECOVERY'],
      ['RECOVERY_PHYSICAL_HEALTH', 'Lichamelijke gezondheid', 'RECOVERY'],
      ['RECOVERY_SOCIAL_NETWORK', 'Sociaal netwerk', 'RECOVERY'],
      ['RECOVERY_MEANINGFUL_DAYTIME_ACTIVITIES', 'Zinvolle dagbesteding', 'RECOVERY'],
      ['RECOVERY_PERSONAL_SAFETY', 'Persoonlijke veiligheid', 'RECOVERY'],
      ['RECOVERY_STABLE_HOUSING', 'Stabiele en veilige huisvesting', 'RECOVERY'],
    ];
    await q.query(
      `INSERT INTO life_domain (code, label, framework, position) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [domains.map((d) => d[0]), domains.map((d) => d[1]), domains.map((d) => d[2]), domains.map((_, i) => i + 1)],
    );

    await q.query(`
      CREATE TABLE registration (
        id uuid PRIMARY KEY,
        person_id uuid REFERENCES person (id),
        received_at date NOT NULL,
        receiving_municipality text NOT NULL,
        origin_municipality text,
        source text NOT NULL,
        channel text NOT NULL,
        can_ask_for_help boolean NOT NULL,
        category text,
        summary text,
        status text NOT NULL DEFAULT 'OPEN',
        registered_by_org text NOT NULL,
        registered_by_sub text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX registration_person ON registration (person_id)`);
    await q.query(`
      CREATE TABLE outreach_task (
        id uuid PRIMARY KEY,
        registration_id uuid NOT NULL UNIQUE REFERENCES registration (id),
        municipality text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        created_on date NOT NULL,
        closed_on date
      )`);
    await q.query(`
      CREATE TABLE investigation (
        id uuid PRIMARY KEY,
        registration_id uuid NOT NULL UNIQUE REFERENCES registration (id),
        person_id uuid REFERENCES person (id),
        municipality text NOT NULL,
        completed_at date NOT NULL,
        investigated_by text NOT NULL,
        investigated_by_sub text NOT NULL,
        client_support_offered boolean NOT NULL,
        client_support_accepted boolean,
        considered jsonb NOT NULL,
        conclusion text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE life_domain_score (
        investigation_id uuid NOT NULL REFERENCES investigation (id),
        domain text NOT NULL REFERENCES life_domain (code),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        PRIMARY KEY (investigation_id, domain)
      )`);

    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        registration_id uuid REFERENCES registration (id),
        household_id uuid REFERENCES household (id),
        municipality text NOT NULL,
        law text NOT NULL,
        received_at date NOT NULL,
        origin_municipality text,
        requested jsonb,
        status text NOT NULL DEFAULT 'OPEN',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_person ON application (person_id)`);
    await q.query(`
      CREATE TABLE application_suspension (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        start_date date NOT NULL,
        end_date date,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX application_suspension_application ON application_suspension (application_id)`);

    await q.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL UNIQUE REFERENCES application (id),
        person_id uuid NOT NULL REFERENCES person (id),
        household_id uuid,
        municipality text NOT NULL,
        law text NOT NULL,
        decided_at date NOT NULL,
        outcome text NOT NULL,
        objection_due date NOT NULL,
        decided_by_sub text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decision_person ON decision (person_id, decided_at)`);
    await q.query(`
      CREATE TABLE decision_rejection (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decision (id),
        position integer NOT NULL,
        category text NOT NULL,
        product_code text,
        delivery_form text,
        reason text
      )`);
    await q.query(`CREATE INDEX decision_rejection_decision ON decision_rejection (decision_id)`);

    // A lineage is one assignment (iWmo ToewijzingNummer); its id is the first version's id.
    await q.query(`
      CREATE TABLE provision_lineage (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        decision_id uuid NOT NULL REFERENCES decision (id),
        municipality text NOT NULL,
        category text NOT NULL,
        period_start date NOT NULL,
        responsibility_basis text NOT NULL,
        client_since date,
        latest_version integer NOT NULL DEFAULT 1,
        end_date date,
        end_reason text,
        end_note text,
        row_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX provision_lineage_person ON provision_lineage (person_id)`);
    await q.query(`
      CREATE TABLE provision (
        id uuid PRIMARY KEY,
        lineage_id uuid NOT NULL REFERENCES provision_lineage (id),
        version integer NOT NULL,
        valid_from date NOT NULL,
        decision_id uuid NOT NULL REFERENCES decision (id),
        person_id uuid NOT NULL REFERENCES person (id),
        household_id uuid,
        municipality text NOT NULL,
        responsible_municipality text NOT NULL,
        responsibility_reason text NOT NULL,
        responsibility_switch_on date,
        responsibility_switch_error text,
        category text NOT NULL,
        product_code text,
        delivery_form text NOT NULL,
        provider_agb text,
        volume_amount integer,
        volume_unit text,
        volume_frequency text,
        period_start date NOT NULL,
        period_end date,
        budget_cents bigint,
        contract_id uuid,
        tariff_cents bigint,
        tariff_unit text,
        variant text,
        crisis boolean NOT NULL,
        law text NOT NULL,
        previous_provision_id uuid,
        change_reason text,
        created_by_sub text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provision_lineage_version UNIQUE (lineage_id, version)
      )`);
    await q.query(`CREATE INDEX provision_decision ON provision (decision_id)`);
    await q.query(`CREATE INDEX provision_provider ON provision (provider_agb, lineage_id) WHERE provider_agb IS NOT NULL`);
    await q.query(`CREATE INDEX provision_switch_due ON provision (responsibility_switch_on) WHERE responsibility_switch_on IS NOT NULL`);

    await q.query(`
      CREATE TABLE objection (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decision (id),
        person_id uuid NOT NULL REFERENCES person (id),
        municipality text NOT NULL,
        received_at date NOT NULL,
        term_end date NOT NULL,
        timely boolean NOT NULL,
        advisory_committee boolean NOT NULL,
        grounds text,
        status text NOT NULL DEFAULT 'OPEN',
        outcome text,
        decided_at date,
        decision_due date NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX objection_decision ON objection (decision_id)`);

    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        registration_id uuid NOT NULL REFERENCES registration (id),
        person_id uuid REFERENCES person (id),
        municipality text NOT NULL,
        target text NOT NULL,
        organisation text,
        note text,
        at timestamptz NOT NULL,
        status text NOT NULL,
        status_at timestamptz NOT NULL,
        created_by_sub text NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX referral_registration ON referral (registration_id)`);
    await q.query(`
      CREATE TABLE referral_status (
        seq bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral (id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        note text,
        by_sub text NOT NULL
      )`);
    await q.query(`CREATE INDEX referral_status_referral ON referral_status (referral_id, seq)`);

    await q.query(`
      CREATE TABLE deadline (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        case_id uuid NOT NULL,
        municipality text NOT NULL,
        person_id uuid,
        start_date date NOT NULL,
        due_date date NOT NULL,
        suspended_days integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'OPEN',
        met_on date,
        breached_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deadline_case UNIQUE (kind, case_id)
      )`);
    await q.query(`CREATE INDEX deadline_open_due ON deadline (due_date, id) WHERE status = 'OPEN'`);

    await q.query(`
      CREATE TABLE responsibility_rule_set (
        id uuid PRIMARY KEY,
        valid_from date NOT NULL UNIQUE,
        regime text NOT NULL,
        central_municipality text NOT NULL,
        origin_period_months integer NOT NULL,
        safety_net_municipality text,
        protected_housing_categories text[] NOT NULL,
        shelter_categories text[] NOT NULL,
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Defaults for the demo region (central municipality Leiden); see docs/adr/0033.
    await q.query(`
      INSERT INTO responsibility_rule_set (id, valid_from, regime, central_municipality, origin_period_months,
             safety_net_municipality, protected_housing_categories, shelter_categories, note, created_by)
      VALUES (gen_random_uuid(), '2015-01-01', 'CENTRAL', 'GM0546', 0, NULL, '{15,18}', '{16,17}',
              'Wmo 2015: protected housing and shelter through the central municipality', 'migration'),
             (gen_random_uuid(), '2026-01-01', 'ORIGIN', 'GM0546', 24, NULL, '{15,18}', '{16,17}',
              'Woonplaatsbeginsel beschermd wonen: new clients by municipality of origin for 24 months, then BRP', 'migration')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'responsibility_rule_set',
      'deadline',
      'referral_status',
      'referral',
      'objection',
      'provision',
      'provision_lineage',
      'decision_rejection',
      'decision',
      'application_suspension',
      'application',
      'life_domain_score',
      'investigation',
      'outreach_task',
      'registration',
      'life_domain',
      'household_member',
      'household',
      'person',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
