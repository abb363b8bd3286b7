import { PartnerSnapshotV1 } from './partner-registered.v1';

export const PARTNER_CHANGED_V1 = 'gateway.partner.changed.v1';

/** A registered partner changed (kind, name, scopes, access-team municipalities, or deactivated): the whole partner. */
export class PartnerChangedV1 extends PartnerSnapshotV1 {}
