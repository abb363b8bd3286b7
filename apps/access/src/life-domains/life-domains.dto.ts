import { LifeDomainFramework } from '@vangnet/contracts';
import { IsBoolean, IsEnum, IsOptional, IsString, Length } from 'class-validator';

export class LifeDomainRequest {
  @IsString()
  @Length(1, 200)
  label!: string;

  /** SELF_RELIANCE or RECOVERY; a new domain without one is LOCAL (the region's own). */
  @IsOptional()
  @IsEnum(LifeDomainFramework)
  framework?: LifeDomainFramework;

  @IsBoolean()
  active!: boolean;
}

export interface LifeDomainView {
  code: string;
  label: string;
  framework: string;
  position: number;
  active: boolean;
  /** The scale scores use (the self-reliance matrix's 1–5). */
  scaleMin: number;
  scaleMax: number;
  /** Rises by one per change; the ETag for `If-Match`. */
  revision: number;
}
