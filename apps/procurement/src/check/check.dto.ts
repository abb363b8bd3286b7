import { ContractCheckRequest, IsAgbCode, IsIsoDate, IsMunicipalityCode, IsoDate, PRODUCT_CODE_PATTERN, ProductCategory, ProductRef } from '@vangnet/contracts';
import { IsDefined, IsEnum, IsObject, IsOptional, Matches } from 'class-validator';

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
 * The NATS question, as the contract class defines it, but with `product` required to be an
 * object: the contracts' `Nested()` lets a missing one and an array through (reported).
 */
export class CheckRequest extends ContractCheckRequest {
  @IsDefined()
  @IsObject()
  override product!: ProductRef;
}
