import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { PartnerClientEntity, PartnerEntity, PartnerRevisionEntity } from './partners.entity';

@Injectable()
export class PartnersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get partners(): Repository<PartnerEntity> {
    return this.txHost.tx.getRepository(PartnerEntity);
  }

  private get revisions(): Repository<PartnerRevisionEntity> {
    return this.txHost.tx.getRepository(PartnerRevisionEntity);
  }

  private get clients(): Repository<PartnerClientEntity> {
    return this.txHost.tx.getRepository(PartnerClientEntity);
  }

  all(): Promise<PartnerEntity[]> {
    return this.partners.find({ order: { org: 'ASC' } });
  }

  find(org: string, forUpdate = false): Promise<PartnerEntity | null> {
    const q = this.partners.createQueryBuilder('p').where('p.org = :org', { org });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  /** Inserts a new partner unless it exists (or another request just added it); returns whether it did. */
  async insert(p: Pick<PartnerEntity, 'org' | 'kind' | 'name' | 'scopes' | 'accessTeamFor' | 'rateLimitPerMinute'>): Promise<boolean> {
    const result = await this.partners.createQueryBuilder().insert().values(p).orIgnore().returning(['org']).execute();
    return result.raw.length === 1;
  }

  async update(org: string, change: Pick<PartnerEntity, 'name' | 'scopes' | 'accessTeamFor' | 'active' | 'rateLimitPerMinute'>): Promise<void> {
    await this.partners.update({ org }, { ...change, revision: () => 'revision + 1', updatedAt: () => 'now()' });
  }

  /**
   * Marks as announced now, and returns, the partners last announced before `before` (at most
   * `limit`). Two replicas at once: the second waits on the first's row locks and then finds those
   * rows announced already (PostgreSQL checks the condition again), so each is announced once.
   */
  async takeDueAnnouncements(now: Date, before: Date, limit: number): Promise<PartnerEntity[]> {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      // In a WITH: TypeORM answers a bare UPDATE with [rows, count], a SELECT with its rows.
      `WITH due AS (
         UPDATE partner SET announced_at = $1
          WHERE org IN (SELECT org FROM partner WHERE announced_at < $2 ORDER BY announced_at, org LIMIT $3)
            AND announced_at < $2
          RETURNING org, kind, name, scopes, access_team_for, active, revision)
       SELECT * FROM due ORDER BY org`,
      [now, before, limit],
    );
    return rows.map((r) => Object.assign(new PartnerEntity(), { org: r.org, kind: r.kind, name: r.name, scopes: r.scopes, accessTeamFor: r.access_team_for, active: r.active, revision: r.revision }));
  }

  async markAnnounced(org: string, at: Date): Promise<void> {
    await this.partners.update({ org }, { announcedAt: at });
  }

  async audit(row: Omit<PartnerRevisionEntity, 'changedAt'>): Promise<void> {
    await this.revisions.insert(row);
  }

  history(org: string): Promise<PartnerRevisionEntity[]> {
    return this.revisions.find({ where: { org }, order: { revision: 'ASC' } });
  }

  async insertClient(c: Pick<PartnerClientEntity, 'clientId' | 'org' | 'secretHash' | 'createdBy'>): Promise<PartnerClientEntity> {
    await this.clients.insert(c);
    return (await this.findClient(c.clientId)) as PartnerClientEntity;
  }

  findClient(clientId: string): Promise<PartnerClientEntity | null> {
    return this.clients.findOneBy({ clientId });
  }

  clientsOf(org: string): Promise<PartnerClientEntity[]> {
    return this.clients.find({ where: { org }, order: { createdAt: 'ASC', clientId: 'ASC' } });
  }

  /** Revokes an active client of the partner; returns whether there was one. */
  async revokeClient(org: string, clientId: string, revokedBy: string): Promise<boolean> {
    const result = await this.clients
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedBy })
      .where('client_id = :clientId AND org = :org AND revoked_at IS NULL', { clientId, org })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
