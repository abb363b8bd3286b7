import { Nested } from '@vangnet/contracts';
import { IsDefined } from 'class-validator';

/**
 * A required nested value object. `Nested()` from the contracts validates the object when present
 * but lets a missing one through; this also reports it as REQUIRED.
 */
export function RequiredNested(type: () => new () => object): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsDefined()(target, key);
    Nested(type)(target, key);
  };
}
