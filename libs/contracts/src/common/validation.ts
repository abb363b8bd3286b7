import { ClassConstructor, plainToInstance } from 'class-transformer';
import { registerDecorator, validateSync, ValidationArguments, ValidationError, ValidationOptions } from 'class-validator';
import { InvalidParam } from './errors';
import { cacheValidationRules } from './validation-rules-cache';

// Every validation in the platform (HTTP bodies, events, requests) asks class-validator for a
// class's rules: found once per class, not on every call.
cacheValidationRules();

// class-validator constraint names → stable codes clients can switch on.
const CODE_OVERRIDES: Readonly<Record<string, string>> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  nestedValidation: 'INVALID_OBJECT',
  isIsoDate: 'INVALID_DATE',
  isYear: 'INVALID_YEAR',
  isOnOrAfter: 'END_BEFORE_START',
  isBsn: 'INVALID_BSN',
  isMunicipalityCode: 'INVALID_MUNICIPALITY_CODE',
  isAgbCode: 'INVALID_AGB_CODE',
  isCents: 'INVALID_AMOUNT',
  isEnum: 'UNKNOWN_VALUE',
  isInt: 'NOT_AN_INTEGER',
  isUuid: 'INVALID_UUID',
  matches: 'INVALID_FORMAT',
  isLength: 'INVALID_LENGTH',
  isObject: 'INVALID_OBJECT',
};

export function constraintToCode(constraint: string): string {
  return CODE_OVERRIDES[constraint] ?? constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function join(parent: string, property: string, isIndex: boolean): string {
  if (!parent) return isIndex ? `[${property}]` : property;
  return isIndex ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** Flatten class-validator errors into `invalidParams` with full field paths. */
export function toInvalidParams(errors: ValidationError[], parent = '', parentIsArray = false): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const e of errors) {
    const name = join(parent, e.property, parentIsArray || /^\d+$/.test(e.property));
    const constraints = e.constraints ?? {};
    // A missing required value fails every constraint; report it once as REQUIRED.
    if (e.value === undefined || e.value === null) {
      const keys = Object.keys(constraints);
      if (keys.length > 0 && !keys.includes('isOptional')) {
        out.push({ name, code: 'REQUIRED', reason: `${name} is required` });
        continue;
      }
    }
    for (const [constraint, message] of Object.entries(constraints)) {
      out.push({ name, code: constraintToCode(constraint), reason: message.replace(e.property, name) });
    }
    if (e.children?.length) out.push(...toInvalidParams(e.children, name, Array.isArray(e.value)));
  }
  return out;
}

export interface ValidateOptions {
  /** Refuse fields the class does not declare (HTTP input); events accept added fields. */
  forbidUnknown?: boolean;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; invalidParams: InvalidParam[] };

/** Turn a plain payload into a validated instance of `cls`, or say which fields are wrong. */
export function validatePayload<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, invalidParams: [{ name: '', code: 'INVALID_OBJECT', reason: 'payload must be a JSON object' }] };
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: options.forbidUnknown ?? false,
    forbidNonWhitelisted: options.forbidUnknown ?? false,
    forbidUnknownValues: false,
  });
  return errors.length ? { ok: false, invalidParams: toInvalidParams(errors) } : { ok: true, value: instance };
}

/** `$property` must be a number above the sibling number property `other` (when both are numbers). */
export function IsGreaterThan(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isGreaterThan',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message: `$property must be greater than ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const floor = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          if (typeof value !== 'number' || typeof floor !== 'number') return true; // type is another rule's job
          return value > floor;
        },
      },
    });
}

/**
 * A rule across fields that no decorator expresses: `test(value, object)` must hold. `name` becomes
 * the problem's code (`lineagesRequired` → LINEAGES_REQUIRED).
 */
export function Satisfies(
  name: string,
  test: (value: unknown, object: Record<string, unknown>) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate: (value: unknown, args: ValidationArguments) => test(value, args.object as Record<string, unknown>) },
    });
}
