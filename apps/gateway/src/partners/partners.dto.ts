import { PartnerKind } from '@vangnet/contracts';
import { IsMunicipalityCode } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** What a region administrator says about a partner (the registry's own fields; org and kind are fixed). */
export class PartnerFields {
  @IsString()
  @Length(1, 200)
  name!: string;

  /** From the registry's list (GET /v1/partners/scopes); an unknown one is a 400 naming it. */
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  scopes!: string[];

  /** For an `ORG:` partner team: the municipalities it works for as an access team. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsMunicipalityCode({ each: true })
  accessTeamFor?: string[];

  /** Requests per minute through the gateway for this partner's tokens; absent: the gateway's default. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number;
}

export class RegisterPartnerRequest extends PartnerFields {
  /** `ORG:<KvK>`, `AGB:<8 digits>` or `CORP:<KvK>`. */
  @IsString()
  @Length(1, 64)
  org!: string;
}

export class ChangePartnerRequest extends PartnerFields {
  /** false deactivates the partner (its tokens and clients stop working); a partner is never deleted. */
  @IsBoolean()
  active!: boolean;
}

export interface PartnerView {
  org: string;
  kind: PartnerKind;
  name: string;
  scopes: string[];
  accessTeamFor: string[];
  active: boolean;
  rateLimitPerMinute: number | null;
  /** Rises by one per change; the ETag for `If-Match`. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerRevisionView {
  revision: number;
  name: string;
  scopes: string[];
  accessTeamFor: string[];
  active: boolean;
  rateLimitPerMinute: number | null;
  changedBy: string;
  changedAt: string;
}

export interface PartnerClientView {
  clientId: string;
  org: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Answered once, when the client is created: the secret is not kept and cannot be read again. */
export interface NewPartnerClientView extends PartnerClientView {
  clientSecret: string;
}
