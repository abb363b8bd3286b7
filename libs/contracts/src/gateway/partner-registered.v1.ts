import { ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { IsMunicipalityCode, IsOrg } from '../common/identifiers';
import { Satisfies } from '../common/validation';

export const PARTNER_REGISTERED_V1 = 'gateway.partner.registered.v1';

/** A partner's kind: the prefix of its `org` claim. */
export enum PartnerKind {
  /** `ORG:<KvK>`: another partner, e.g. a neighbourhood team working as a municipality's access team. */
  ORG = 'ORG',
  /** `AGB:<code>`: a care provider. */
  AGB = 'AGB',
  /** `CORP:<KvK>`: a housing corporation. */
  CORP = 'CORP',
}

/** A scope a partner may be given (lower case, dotted, e.g. `webhooks.nominations`). */
export const PARTNER_SCOPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

/**
 * A partner organisation as the gateway's registry holds it (ARCHITECTURE §6), kept by a
 * `region.administrator`. `org` is the full claim value (`ORG:12345678`) and `kind` its prefix.
 * `accessTeamFor` lists the municipalities an `ORG:` team works for as an access team (empty for
 * other kinds). `revision` rises by one per change: a consumer ignores an event whose revision is
 * not above the one it holds. A partner is deactivated (`active: false`), never deleted.
 */
export class PartnerSnapshotV1 {
  @IsOrg()
  @Matches(/^(ORG|AGB|CORP):/, { message: '$property must be a partner organisation (ORG:, AGB: or CORP:), not a municipality' })
  org!: string;

  @IsEnum(PartnerKind)
  @Satisfies('kindMatchesOrg', (v, o) => typeof o.org !== 'string' || o.org.startsWith(`${String(v)}:`), '$property must be the prefix of org')
  kind!: PartnerKind;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsArray()
  @ArrayUnique()
  @Matches(PARTNER_SCOPE_PATTERN, { each: true })
  scopes!: string[];

  @IsArray()
  @ArrayUnique()
  @IsMunicipalityCode({ each: true })
  @Satisfies('accessTeamOnlyForOrg', (v, o) => o.kind === PartnerKind.ORG || (Array.isArray(v) && v.length === 0), '$property is for ORG: partners only')
  accessTeamFor!: string[];

  @IsBoolean()
  active!: boolean;

  @IsInt()
  @Min(1)
  revision!: number;
}

/** A partner was registered (revision 1). */
export class PartnerRegisteredV1 extends PartnerSnapshotV1 {}
