import { IsAgbCode, IsIsoDate, IsoDate, ProductCategory, ProductRef } from '@vangnet/contracts';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequiredNested } from '../shared/validation';

export class ReportWaitingTimeRequest {
  @IsAgbCode()
  providerAgb!: string;

  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  /** Days from request (aanmelding) to start of care, as measured on `measuredOn`. */
  @IsInt()
  @Min(0)
  @Max(3650)
  waitingDays!: number;

  @IsIsoDate()
  measuredOn!: IsoDate;
}

export class SetNormRequest {
  /** Without a code the norm holds for the whole category. */
  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  @IsInt()
  @Min(0)
  @Max(3650)
  normDays!: number;
}

export class WaitingTimeQuery {
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;
}

export interface WaitingTimeView {
  providerAgb: string;
  product: { category: string; code?: string };
  waitingDays: number;
  measuredOn: IsoDate;
  normDays: number | null;
  exceedsNorm: boolean | null;
}

export interface NormView {
  product: ProductRef;
  normDays: number;
}
