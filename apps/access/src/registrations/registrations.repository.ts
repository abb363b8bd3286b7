import { Injectable } from '@nestjs/common';
import { ConsideredOption, IsoDate, ProductCategory, RegistrationChannel, RegistrationSource } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { LifeDomainView } from './registrations.dto';

export interface RegistrationRow {
  id: string;
  personId: string | null;
  personBsn: string | null;
  receivedAt: IsoDate;
  receivingMunicipality: string;
  originMunicipality: string | null;
  source: RegistrationSource;
  channel: RegistrationChannel;
  canAskForHelp: boolean;
  category: ProductCategory | null;
  summary: string | null;
  status: string;
  registeredByOrg: string;
  registeredBySub: string;
  version: number;
  outreachTask: { id: string; status: string; createdOn: IsoDate } | null;
}

export interface InvestigationRow {
  id: string;
  registrationId: string;
  personId: string | null;
  municipality: string;
  completedAt: IsoDate;
  investigatedBy: string;
  investigatedBySub: string;
  clientSupportOffered: boolean;
  clientSupportAccepted: boolean | null;
  considered: Array<{ option: ConsideredOption; sufficient: boolean; note?: string }>;
  conclusion: ConsideredOption | null;
  scores: Array<{ domain: string; score: number }>;
}

const REGISTRATION_COLUMNS = `r.id, r.person_id AS "personId", p.bsn AS "personBsn", r.received_at AS "receivedAt",
  r.receiving_municipality AS "receivingMunicipality", r.origin_municipality AS "originMunicipality", r.source, r.channel,
  r.can_ask_for_help AS "canAskForHelp", r.category, r.summary, r.status, r.registered_by_org AS "registeredByOrg",
  r.registered_by_sub AS "registeredBySub", r.version,
  (SELECT json_build_object('id', t.id, 'status', t.status, 'createdOn', t.created_on) FROM outreach_task t WHERE t.registration_id = r.id) AS "outreachTask"`;

@Injectable()
export class RegistrationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(r: Omit<RegistrationRow, 'personBsn' | 'status' | 'version' | 'outreachTask'>): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO registration (id, person_id, received_at, receiving_municipality, origin_municipality, source, channel,
              can_ask_for_help, category, summary, registered_by_org, registered_by_sub)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        r.id,
        r.personId,
        r.receivedAt,
        r.receivingMunicipality,
        r.originMunicipality,
        r.source,
        r.channel,
        r.canAskForHelp,
        r.category,
        r.summary,
        r.registeredByOrg,
        r.registeredBySub,
      ],
    );
  }

  async insertOutreachTask(id: string, registrationId: string, municipality: string, createdOn: IsoDate): Promise<void> {
    await this.txHost.tx.query(`INSERT INTO outreach_task (id, registration_id, municipality, created_on) VALUES ($1, $2, $3, $4)`, [
      id,
      registrationId,
      municipality,
      createdOn,
    ]);
  }

  async find(id: string, forUpdate = false): Promise<RegistrationRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM registration r LEFT JOIN person p ON p.id = r.person_id WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row;
  }

  async findByPerson(personId: string, municipalities: string[]): Promise<RegistrationRow[]> {
    return this.txHost.tx.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM registration r LEFT JOIN person p ON p.id = r.person_id
        WHERE r.person_id = $1 AND r.receiving_municipality = ANY($2::text[]) ORDER BY r.received_at DESC, r.id LIMIT 200`,
      [personId, municipalities],
    );
  }

  async linkPerson(id: string, personId: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE registration SET person_id = $2, version = version + 1 WHERE id = $1`, [id, personId]);
  }

  async setStatus(id: string, status: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE registration SET status = $2, version = version + 1 WHERE id = $1`, [id, status]);
  }

  async insertInvestigation(i: Omit<InvestigationRow, 'scores'>, scores: Array<{ domain: string; score: number }>): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO investigation (id, registration_id, person_id, municipality, completed_at, investigated_by, investigated_by_sub,
              client_support_offered, client_support_accepted, considered, conclusion)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (registration_id) DO NOTHING RETURNING id`,
      [
        i.id,
        i.registrationId,
        i.personId,
        i.municipality,
        i.completedAt,
        i.investigatedBy,
        i.investigatedBySub,
        i.clientSupportOffered,
        i.clientSupportAccepted,
        JSON.stringify(i.considered),
        i.conclusion,
      ],
    );
    if (!rows.length) return false;
    if (scores.length) {
      await this.txHost.tx.query(
        `INSERT INTO life_domain_score (investigation_id, domain, score) SELECT $1, * FROM unnest($2::text[], $3::smallint[])`,
        [i.id, scores.map((s) => s.domain), scores.map((s) => s.score)],
      );
    }
    return true;
  }

  async findInvestigation(registrationId: string): Promise<InvestigationRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT i.id, i.registration_id AS "registrationId", i.person_id AS "personId", i.municipality, i.completed_at AS "completedAt",
              i.investigated_by AS "investigatedBy", i.investigated_by_sub AS "investigatedBySub",
              i.client_support_offered AS "clientSupportOffered", i.client_support_accepted AS "clientSupportAccepted",
              i.considered, i.conclusion,
              COALESCE((SELECT json_agg(json_build_object('domain', s.domain, 'score', s.score) ORDER BY d.position)
                          FROM life_domain_score s JOIN life_domain d ON d.code = s.domain WHERE s.investigation_id = i.id), '[]'::json) AS scores
         FROM investigation i WHERE i.registration_id = $1`,
      [registrationId],
    );
    return row;
  }

  async lifeDomains(activeOnly = false): Promise<LifeDomainView[]> {
    return this.txHost.tx.query(
      `SELECT code, label, framework, position, active FROM life_domain ${activeOnly ? 'WHERE active' : ''} ORDER BY position, code`,
    );
  }

  async upsertLifeDomain(code: string, label: string, framework: string | undefined, active: boolean): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO life_domain (code, label, framework, position, active)
       VALUES ($1, $2, COALESCE($3, 'LOCAL'), (SELECT COALESCE(max(position), 0) + 1 FROM life_domain), $4)
       ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, framework = COALESCE($3, life_domain.framework), active = EXCLUDED.active`,
      [code, label, framework ?? null, active],
    );
  }
}
