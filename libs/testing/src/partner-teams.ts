import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerKind, PartnerSnapshotV1 } from '@vangnet/contracts';
import { DataSource } from 'typeorm';
import { publishEvent } from './publish-event';
import { TestContext, TestService } from './test-context';
import { waitFor } from './wait';

/**
 * The gateway's partner registry as a service learns it (ADR 0017): publishes the partner as the
 * registry would (`gateway.partner.registered.v1` for revision 1, `.changed.v1` after; an `ORG:`
 * access team with the `access.cases` scope unless `partner` says otherwise) and waits until `svc`
 * holds that revision in its `partner_team` table.
 */
export async function registerPartner(ctx: TestContext, svc: TestService, partner: Pick<PartnerSnapshotV1, 'org'> & Partial<PartnerSnapshotV1>): Promise<PartnerSnapshotV1> {
  const p: PartnerSnapshotV1 = { kind: PartnerKind.ORG, name: `Wijkteam ${partner.org}`, scopes: ['access.cases'], accessTeamFor: [], active: true, revision: 1, ...partner };
  await publishEvent(ctx, p.revision === 1 ? PARTNER_REGISTERED_V1 : PARTNER_CHANGED_V1, p);
  const held = async () => ((await svc.app.get(DataSource).query(`SELECT revision FROM partner_team WHERE org = $1`, [p.org])) as Array<{ revision: number }>)[0]?.revision;
  await waitFor(async () => (await held()) === p.revision, 10_000, `${p.org} revision ${p.revision} in partner_team`);
  return p;
}
