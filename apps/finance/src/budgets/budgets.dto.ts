import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCents, IsMunicipalityCode, IsYear, NestedList, PRODUCT_CODE_PATTERN, ProductCategory } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { BudgetDomain, BudgetKind } from './budgets.rules';

export class BudgetLineInput {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsCents()
  amountCents!: number;

  /** Product categories this line pays for (empty: every category of the budget's domain not claimed by a narrower line). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @IsEnum(ProductCategory, { each: true })
  categories?: ProductCategory[];

  /** Product codes this line pays for (narrower than categories). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(PRODUCT_CODE_PATTERN, { each: true })
  productCodes?: string[];

  /** e.g. the action line of a regional programme. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  programme?: string;
}

export class CreateBudgetRequest {
  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsEnum(BudgetDomain)
  domain!: BudgetDomain;

  @IsEnum(BudgetKind)
  kind!: BudgetKind;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @NestedList(() => BudgetLineInput)
  lines!: BudgetLineInput[];
}

export class AddBudgetLinesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @NestedList(() => BudgetLineInput)
  lines!: BudgetLineInput[];
}

export class BudgetQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsYear()
  year?: number;
}

export class BudgetReportQuery {
  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;
}
