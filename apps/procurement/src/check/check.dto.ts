import { ContractCheckRequest, IsAgbCode, IsIsoDate, IsMunicipalityCode, IsoDate, PRODUCT_CODE_PATTERN, ProductCategory, ProductRef } from '@vangnet/contracts';
import { IsDefined, IsEnum, IsOptional, Matches } from 'class-validator';

/** The check's question as a query string (the HTTP form of procurement.contract.check). */
export class ContractCheckQuery {
  @IsAgbCode()
  providerAgb!: string;

  /** The paying (responsible) municipality. */
  @IsMunicipalityCode()
  municipality!: string;

  @IsEnum(ProductCategory, { message: '$property must be a known product category code (01–18, 40–55)' })
  category!: ProductCategory;

  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: '$property must be a product code of 1 to 5 letters or digits' })
  code?: string;

  /** The provision's start date; default today. */
  @IsOptional()
  @IsIsoDate()
  date?: IsoDate;
}

/**
 * The NATS question, as the contract class defines it, but with `product` required: the
 * contracts' `Nested()` lets a missing nested object through (reported to the platform lead).
 */
export class CheckRequest extends ContractCheckRequest {
  @IsDefined()
  override product!: ProductRef;
}
