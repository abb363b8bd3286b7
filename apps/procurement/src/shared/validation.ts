import { Nested } from '@vangnet/contracts';
import { IsDefined, IsObject } from 'class-validator';

/**
 * A required nested value object. `Nested()` from the contracts validates the object when present
 * but lets a missing one through (and an array, whose no elements it then checks); this reports
 * the first as REQUIRED and the second as IS_OBJECT.
 */
export function RequiredNested(type: () => new () => object): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsDefined()(target, key);
    IsObject()(target, key);
    Nested(type)(target, key);
  };
}
