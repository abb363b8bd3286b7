import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { HouseholdRole } from './persons.dto';

export interface PersonRow {
  id: string;
  bsn: string;
  givenName: string | null;
  familyName: string;
  birthDate: IsoDate | null;
  brpMunicipality: string | null;
  originMunicipality: string | null;
  safetyFlag: boolean;
  municipalities: string[];
  version: number;
  households: Array<{ householdId: string; role: HouseholdRole }>;
}

export type NewPerson = Omit<PersonRow, 'version' | 'households'>;

const PERSON_COLUMNS = `p.id, p.bsn, p.given_name AS "givenName", p.family_name AS "familyName", p.birth_date AS "birthDate",
  p.brp_municipality AS "brpMunicipality", p.origin_municipality AS "originMunicipality", p.safety_flag AS "safetyFlag",
  p.municipalities, p.version,
  COALESCE((SELECT json_agg(json_build_object('householdId', m.household_id, 'role', m.role) ORDER BY m.added_at)
              FROM household_member m WHERE m.person_id = p.id), '[]'::json) AS households`;

export interface HouseholdRow {
  id: string;
  municipality: string;
  version: number;
  members: Array<{ personId: string; role: HouseholdRole }>;
}

@Injectable()
export class PersonsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Inserts unless the BSN exists; returns whether it did. */
  async insert(p: NewPerson): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO person (id, bsn, given_name, family_name, birth_date, brp_municipality, origin_municipality, safety_flag, municipalities)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (bsn) DO NOTHING RETURNING id`,
      [p.id, p.bsn, p.givenName, p.familyName, p.birthDate, p.brpMunicipality, p.originMunicipality, p.safetyFlag, p.municipalities],
    );
    return rows.length === 1;
  }

  async findById(id: string, forUpdate = false): Promise<PersonRow | undefined> {
    const [row] = await this.txHost.tx.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row;
  }

  async findByBsn(bsn: string): Promise<PersonRow | undefined> {
    const [row] = await this.txHost.tx.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.bsn = $1`, [bsn]);
    return row;
  }

  async findMany(ids: string[]): Promise<PersonRow[]> {
    if (!ids.length) return [];
    return this.txHost.tx.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY($1::uuid[])`, [ids]);
  }

  /** Adds tenants to the person's scope (a registration, application or paying municipality). */
  async addMunicipalities(id: string, municipalities: string[]): Promise<void> {
    const wanted = [...new Set(municipalities.filter(Boolean))];
    if (!wanted.length) return;
    await this.txHost.tx.query(
      `UPDATE person SET municipalities = ARRAY(SELECT DISTINCT unnest(municipalities || $2::text[]) ORDER BY 1)
        WHERE id = $1 AND NOT municipalities @> $2::text[]`,
      [id, wanted],
    );
  }

  async update(id: string, p: Omit<NewPerson, 'id' | 'bsn'>): Promise<number> {
    // UPDATE through TypeORM answers [rows, rowCount].
    const [[row]] = await this.txHost.tx.query(
      `UPDATE person SET given_name = $2, family_name = $3, birth_date = $4, brp_municipality = $5, origin_municipality = $6,
              safety_flag = $7, municipalities = $8, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING version`,
      [id, p.givenName, p.familyName, p.birthDate, p.brpMunicipality, p.originMunicipality, p.safetyFlag, p.municipalities],
    );
    return row.version;
  }

  async insertHousehold(id: string, municipality: string, members: Array<{ personId: string; role: HouseholdRole }>): Promise<void> {
    await this.txHost.tx.query(`INSERT INTO household (id, municipality) VALUES ($1, $2)`, [id, municipality]);
    await this.addMembers(id, members);
  }

  async addMembers(householdId: string, members: Array<{ personId: string; role: HouseholdRole }>): Promise<number> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO household_member (household_id, person_id, role)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[]) ON CONFLICT DO NOTHING RETURNING person_id`,
      [householdId, members.map((m) => m.personId), members.map((m) => m.role)],
    );
    if (rows.length) await this.txHost.tx.query(`UPDATE household SET version = version + 1 WHERE id = $1`, [householdId]);
    return rows.length;
  }

  async findHousehold(id: string): Promise<HouseholdRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT h.id, h.municipality, h.version,
              COALESCE((SELECT json_agg(json_build_object('personId', m.person_id, 'role', m.role) ORDER BY m.added_at)
                          FROM household_member m WHERE m.household_id = h.id), '[]'::json) AS members
         FROM household h WHERE h.id = $1`,
      [id],
    );
    return row;
  }
}
