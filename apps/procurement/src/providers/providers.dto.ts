import { IsAgbCode, Nested } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsEmail, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export enum ProviderKind {
  CARE_PROVIDER = 'CARE_PROVIDER',
  HOUSING_CORPORATION = 'HOUSING_CORPORATION',
  SUBSIDISED_ORGANISATION = 'SUBSIDISED_ORGANISATION',
}

export const KVK_PATTERN = /^\d{8}$/;

export class ProviderContact {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: '$property must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

export class CreateProviderRequest {
  @IsAgbCode()
  agb!: string;

  @Matches(KVK_PATTERN, { message: '$property must be a KvK number of 8 digits' })
  kvk!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsEnum(ProviderKind)
  kind!: ProviderKind;

  @IsOptional()
  @Nested(() => ProviderContact)
  contact?: ProviderContact;
}

export class UpdateProviderRequest {
  @IsOptional()
  @Matches(KVK_PATTERN, { message: '$property must be a KvK number of 8 digits' })
  kvk?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsEnum(ProviderKind)
  kind?: ProviderKind;

  @IsOptional()
  @Nested(() => ProviderContact)
  contact?: ProviderContact;
}

export class AgbParam {
  @IsAgbCode()
  agb!: string;
}

export class ProviderListQuery extends PageQuery {
  @IsOptional()
  @IsEnum(ProviderKind)
  kind?: ProviderKind;

  /** Part of the name, case-insensitive. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export interface ProviderView {
  agb: string;
  kvk: string;
  name: string;
  kind: ProviderKind;
  contact: ProviderContact;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One change of the provider register as the audit shows it (ADR 0027). */
export interface ProviderAuditView {
  id: string;
  agb: string;
  version: number;
  action: 'REGISTERED' | 'CHANGED';
  changedBy: string;
  changedByOrg: string;
  changedAt: Date;
  before: Omit<ProviderView, 'createdAt' | 'updatedAt'> | null;
  after: Omit<ProviderView, 'createdAt' | 'updatedAt'>;
}
