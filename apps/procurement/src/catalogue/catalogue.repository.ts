import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { randomUUID } from 'crypto';
import { CatalogueVersion } from './catalogue.rules';

const COLUMNS = `id, category, code, name, unit, valid_from AS "validFrom", valid_to AS "validTo"`;

@Injectable()
export class CatalogueRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Serialises catalogue writes for one municipality. */
  async lock(municipality: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:catalogue:${municipality}`]);
  }

  async ofYear(municipality: string, year: number, date?: IsoDate): Promise<CatalogueVersion[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM catalogue_entry
        WHERE municipality = $1 AND year = $2 AND ($3::date IS NULL OR (valid_from <= $3 AND valid_to >= $3))
        ORDER BY category, code, valid_from`,
      [municipality, year, date ?? null],
    );
  }

  async versionsOf(municipality: string, category: string, code: string, year: number): Promise<CatalogueVersion[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM catalogue_entry WHERE municipality = $1 AND category = $2 AND code = $3 AND year = $4 ORDER BY valid_from`,
      [municipality, category, code, year],
    );
  }

  /** Every version of every code of a municipality (for the check's read model). */
  async allOf(municipality: string): Promise<Array<{ category: string; code: string; validFrom: IsoDate; validTo: IsoDate }>> {
    return this.txHost.tx.query(
      `SELECT category, code, valid_from AS "validFrom", valid_to AS "validTo" FROM catalogue_entry WHERE municipality = $1`,
      [municipality],
    );
  }

  async insert(municipality: string, year: number, rows: Array<Omit<CatalogueVersion, 'id'>>, actor: string): Promise<void> {
    if (!rows.length) return;
    await this.txHost.tx.query(
      `INSERT INTO catalogue_entry (id, municipality, year, category, code, name, unit, valid_from, valid_to, created_by)
       SELECT id, $1, $2, category, code, name, unit, valid_from, valid_to, $3
         FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[])
           AS r(id, category, code, name, unit, valid_from, valid_to)`,
      [
        municipality,
        year,
        actor,
        rows.map(() => randomUUID()),
        rows.map((r) => r.category),
        rows.map((r) => r.code),
        rows.map((r) => r.name),
        rows.map((r) => r.unit),
        rows.map((r) => r.validFrom),
        rows.map((r) => r.validTo),
      ],
    );
  }

  async update(id: string, name: string, unit: string | null, validTo: IsoDate): Promise<void> {
    await this.txHost.tx.query('UPDATE catalogue_entry SET name = $2, unit = $3, valid_to = $4 WHERE id = $1', [id, name, unit, validTo]);
  }

  async setValidTo(id: string, validTo: IsoDate): Promise<void> {
    await this.txHost.tx.query('UPDATE catalogue_entry SET valid_to = $2 WHERE id = $1', [id, validTo]);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.txHost.tx.query('DELETE FROM catalogue_entry WHERE id = ANY($1::uuid[])', [ids]);
  }
}
