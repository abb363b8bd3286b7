import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PRODUCT_CODE_PATTERN, ProductCategory } from '../codes/product-category';
import { Frequency, Unit } from '../codes/units';
import { IsIsoDate, IsOnOrAfter, IsoDate } from './dates';

/** A validity period: start, optional end (inclusive), end ≥ start. */
export class Period {
  @IsIsoDate()
  start!: IsoDate;

  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('start')
  end?: IsoDate;
}

/** Amount + unit + frequency. A EURO amount is in cents, as in iWmo. */
export class Volume {
  @IsInt()
  @Min(1)
  @Max(99_999_999)
  amount!: number;

  @IsEnum(Unit)
  unit!: Unit;

  @IsEnum(Frequency)
  frequency!: Frequency;
}

/** Category from the code list plus an optional product code from the municipality's catalogue. */
export class ProductRef {
  @IsEnum(ProductCategory, { message: '$property must be a known product category code (01–18, 40–55)' })
  category!: ProductCategory;

  @IsOptional()
  @Matches(PRODUCT_CODE_PATTERN, { message: '$property must be a product code of 1 to 5 letters or digits' })
  code?: string;
}

export class Money {
  @IsInt()
  cents!: number;
}

/**
 * A nested value object: `@Nested(() => Period)`. Required unless the field also has
 * `@IsOptional()`; an array or a scalar in its place is refused, not waved through.
 */
export function Nested(type: () => new () => object): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsObject({ message: '$property must be an object' })(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}

/**
 * A list of nested value objects: `@NestedList(() => Line)`, with `@IsArray()` beside it. Each
 * element must be an object: class-validator's `ValidateNested({ each: true })` alone lets an array
 * in an element's place through (`[[[]]]` validated as nothing and was accepted). The one way to
 * declare such a list: a spec refuses `@ValidateNested` anywhere else.
 */
export function NestedList(type: () => new () => object): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsObject({ each: true, message: 'each value in $property must be an object' })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}

/** Whether a period (end inclusive) contains a date; an open end runs forever. */
export function periodContains(period: { start: IsoDate; end?: IsoDate | null }, date: IsoDate): boolean {
  return date >= period.start && (period.end == null || date <= period.end);
}

export function periodsOverlap(
  a: { start: IsoDate; end?: IsoDate | null },
  b: { start: IsoDate; end?: IsoDate | null },
): boolean {
  return (a.end == null || b.start <= a.end) && (b.end == null || a.start <= b.end);
}
