import { Injectable } from '@nestjs/common';
import { PartnerSnapshotV1 } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { PartnerTeamEntity } from './partner-team.entity';

@Injectable()
export class PartnerTeamsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Stores the partner as the snapshot has it unless the stored revision is as high or higher
   * (an event delivered late, or again). Returns whether it was stored.
   */
  async apply(p: PartnerSnapshotV1): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `INSERT INTO partner_team (org, kind, name, access_team_for, active, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (org) DO UPDATE SET
         kind = EXCLUDED.kind, name = EXCLUDED.name, access_team_for = EXCLUDED.access_team_for,
         active = EXCLUDED.active, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
       WHERE partner_team.revision < EXCLUDED.revision
       RETURNING org`,
      [p.org, p.kind, p.name, p.accessTeamFor, p.active, p.revision],
    );
    return rows.length === 1;
  }

  byOrg(org: string): Promise<PartnerTeamEntity | null> {
    return this.txHost.tx.getRepository(PartnerTeamEntity).findOneBy({ org });
  }
}
