import { DomainError, InvalidParam } from '@vangnet/contracts';

/**
 * What any JSON input must satisfy before class-transformer or a handler sees it (issue 13):
 * class-transformer recurses without a limit (a 2,400-level body overflowed its stack: a 500),
 * PostgreSQL refuses a NUL in text (a 500 at the first write), and a `__proto__` or
 * `constructor` key slipped past the unknown-field check that catches every other key.
 * One walk, iterative (so it cannot overflow itself), over HTTP bodies, query strings and NATS
 * request payloads alike.
 */
export const PayloadErrorCode = {
  /** Nested deeper than `maxDepth` objects/arrays. */
  TOO_DEEP: 'TOO_DEEP',
  /** One object with more than `maxKeysPerObject` keys. */
  TOO_MANY_FIELDS: 'TOO_MANY_FIELDS',
  /** A NUL (U+0000) in a string or key: no store or message format we use carries it. */
  INVALID_CHARACTER: 'INVALID_CHARACTER',
  /** `__proto__`, `constructor`, `prototype`: refused like any unknown field. */
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
} as const;

export interface PayloadLimits {
  /** Deepest nesting of objects and arrays (the top-level object is depth 1). */
  maxDepth: number;
  /** Most keys in one object (a body with 20,000 unknown keys is refused before validation). */
  maxKeysPerObject: number;
}

export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxDepth: 32, maxKeysPerObject: 1000 };

/** The most `invalidParams` one error lists; the rest are only counted (`invalidParamsCount`). */
export const MAX_INVALID_PARAMS = 100;

const NUL = String.fromCharCode(0);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_NAME = 200;

export class PayloadRefusedError extends DomainError {
  constructor(code: string, message: string, invalidParams: InvalidParam[]) {
    super(code, message, 400, invalidParams);
  }
}

function join(parent: string, key: string, isIndex: boolean): string {
  const name = isIndex ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name;
}

function printable(key: string): string {
  return key.split(NUL).join('\\u0000');
}

/**
 * Refuse (throw `PayloadRefusedError`, a 400) a payload that is too deep, has too many keys in
 * one object, carries a NUL in any string or key, or uses a prototype key. `root` prefixes the
 * field names (`''` for a body, `''` for a query too: its keys are the parameter names).
 */
export function inspectPayload(value: unknown, limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS, what = 'the request'): void {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && value.includes(NUL)) {
      throw new PayloadRefusedError(PayloadErrorCode.INVALID_CHARACTER, `${what} contains a NUL character`, [
        { name: '', code: PayloadErrorCode.INVALID_CHARACTER, reason: 'must not contain a NUL (U+0000) character' },
      ]);
    }
    return;
  }
  const problems: InvalidParam[] = [];
  const stack: Array<{ v: object; name: string; depth: number }> = [{ v: value, name: '', depth: 1 }];
  while (stack.length) {
    const { v, name, depth } = stack.pop() as { v: object; name: string; depth: number };
    if (depth > limits.maxDepth) {
      throw new PayloadRefusedError(PayloadErrorCode.TOO_DEEP, `${what} is nested deeper than ${limits.maxDepth} levels`, [
        { name, code: PayloadErrorCode.TOO_DEEP, reason: `nesting deeper than ${limits.maxDepth} levels is refused` },
      ]);
    }
    const isArray = Array.isArray(v);
    const keys = Object.keys(v);
    if (!isArray && keys.length > limits.maxKeysPerObject) {
      throw new PayloadRefusedError(PayloadErrorCode.TOO_MANY_FIELDS, `${what} has an object with ${keys.length} fields`, [
        { name, code: PayloadErrorCode.TOO_MANY_FIELDS, reason: `an object may have at most ${limits.maxKeysPerObject} fields` },
      ]);
    }
    for (const key of keys) {
      const child = join(name, printable(key), isArray);
      if (!isArray) {
        if (FORBIDDEN_KEYS.has(key)) problems.push({ name: child, code: PayloadErrorCode.UNKNOWN_FIELD, reason: `property ${key} should not exist` });
        else if (key.includes(NUL)) problems.push({ name: child, code: PayloadErrorCode.INVALID_CHARACTER, reason: 'a field name must not contain a NUL (U+0000) character' });
      }
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        if (item.includes(NUL)) problems.push({ name: child, code: PayloadErrorCode.INVALID_CHARACTER, reason: `${child} must not contain a NUL (U+0000) character` });
      } else if (item !== null && typeof item === 'object') {
        stack.push({ v: item, name: child, depth: depth + 1 });
      }
    }
  }
  if (problems.length) {
    problems.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    throw new PayloadRefusedError(
      'VALIDATION_FAILED',
      `${what} has invalid fields`,
      problems,
    );
  }
}

/** At most `MAX_INVALID_PARAMS` entries, and how many there were when there were more. */
export function capInvalidParams(params: InvalidParam[] | undefined): { invalidParams?: InvalidParam[]; invalidParamsCount?: number } {
  if (!params?.length) return {};
  if (params.length <= MAX_INVALID_PARAMS) return { invalidParams: params };
  return { invalidParams: params.slice(0, MAX_INVALID_PARAMS), invalidParamsCount: params.length };
}
