import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsGreaterThan } from '../common/validation';

export const LIFE_DOMAIN_CHANGED_V1 = 'access.life-domain.changed.v1';

/** A life domain's code: upper snake case, as access keeps them (`FINANCES`, `RECOVERY_PHYSICAL_HEALTH`). */
export const LIFE_DOMAIN_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The framework a domain belongs to: the self-reliance matrix or the recovery framework's six. */
export enum LifeDomainFramework {
  SELF_RELIANCE = 'SELF_RELIANCE',
  RECOVERY = 'RECOVERY',
}

/**
 * One of the region's life domains and its self-reliance scale (DOMAIN.md "Access" 3), kept by a
 * `region.administrator` in access; care plans score goals on it. Region-wide: the envelope's
 * municipality is null. `revision` rises by one per change of that domain: a consumer ignores an
 * event whose revision is not above the one it holds. A domain is deactivated, never deleted.
 */
export class LifeDomainChangedV1 {
  @Matches(LIFE_DOMAIN_CODE_PATTERN)
  code!: string;

  @IsString()
  @Length(1, 200)
  label!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  scaleMin!: number;

  @IsInt()
  @Min(1)
  @Max(100)
  @IsGreaterThan('scaleMin')
  scaleMax!: number;

  @IsBoolean()
  active!: boolean;

  @IsOptional()
  @IsEnum(LifeDomainFramework)
  framework?: LifeDomainFramework;

  /** Display order within the region's list. */
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @IsInt()
  @Min(1)
  revision!: number;
}
