import { IsIsoDate, IsMunicipalityCode, IsoDate, IsOnOrAfter, IsYear, NestedList, PRODUCT_CODE_PATTERN, ProductCategory, Unit } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CatalogueEntryRequest {
  @IsEnum(ProductCategory, { message: '$property must be a known product category code (01–18, 40–55)' })
  category!: ProductCategory;

  @Matches(PRODUCT_CODE_PATTERN, { message: '$property must be a product code of 1 to 5 letters or digits' })
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsEnum(Unit)
  unit?: Unit;

  /** Default: 1 January of the catalogue's year. */
  @IsOptional()
  @IsIsoDate()
  validFrom?: IsoDate;

  /** Default: 31 December of the catalogue's year (inclusive). */
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('validFrom')
  validTo?: IsoDate;
}

export class PublishCatalogueRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @NestedList(() => CatalogueEntryRequest)
  entries!: CatalogueEntryRequest[];
}

export class CatalogueParams {
  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;
}

export class CatalogueEntryParams extends CatalogueParams {
  @IsEnum(ProductCategory, { message: '$property must be a known product category code (01–18, 40–55)' })
  category!: ProductCategory;

  @Matches(PRODUCT_CODE_PATTERN, { message: '$property must be a product code of 1 to 5 letters or digits' })
  code!: string;
}

export class CatalogueQuery {
  /** Only the versions valid on this date. */
  @IsOptional()
  @IsIsoDate()
  date?: IsoDate;
}

export class WithdrawQuery {
  /** First day the code is no longer valid; default 1 January of the year. */
  @IsOptional()
  @IsIsoDate()
  from?: IsoDate;
}

export interface CatalogueEntryView {
  id: string;
  category: string;
  code: string;
  name: string;
  unit: string | null;
  validFrom: IsoDate;
  validTo: IsoDate;
}

export interface CatalogueView {
  municipality: string;
  year: number;
  entries: CatalogueEntryView[];
  changes?: { added: number; changed: number; unchanged: number };
  /** The first registration of this year's codes came after the year started (ADR 0024). */
  initialLoad?: boolean;
}
