import { JsonSchema, MessageSchema } from './json-schema';

/**
 * What makes a change to a published version incompatible (ARCHITECTURE §2: a published class
 * only grows). Both sides count. Old events stay in the streams and are replayed, so every
 * payload the old schema accepted must still be accepted by the new one; and consumers rely on
 * what the old schema promised, so a required field stays required and a type stays the type.
 * Compatible: a new optional field, a new enum value, a looser limit, a new version beside it.
 */
export enum IncompatibleChange {
  /** A field (or a reply class, or the whole message) is gone; a rename is a removal plus an addition. */
  REMOVED = 'REMOVED',
  /** A field's type or format changed (integer → string, date → date-time). */
  RETYPED = 'RETYPED',
  /** A field became required that old payloads may lack (a new required field, or an optional one made required). */
  REQUIRED_ADDED = 'REQUIRED_ADDED',
  /** A required field became optional: consumers rely on it being there (ARCHITECTURE §2: only in a new version). */
  BECAME_OPTIONAL = 'BECAME_OPTIONAL',
  /** An enum lost a value that old payloads may carry. */
  ENUM_VALUE_REMOVED = 'ENUM_VALUE_REMOVED',
  /** A constraint got stricter: a higher minimum, a shorter maximum length, a new or changed pattern, an enum where any value went. */
  NARROWED = 'NARROWED',
}

export interface Incompatibility {
  /** The field's path (`volume.unit`, `members[].role`); empty for the message itself. */
  path: string;
  change: IncompatibleChange;
  detail: string;
}

const types = (s: JsonSchema): string[] | undefined => (s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type]);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const show = (v: unknown) => JSON.stringify(v);

// Lower bounds may only go down, upper bounds only up.
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
// Keywords whose change we cannot prove to be a widening: any change to them counts as a retype.
const OPAQUE = ['anyOf', 'oneOf', 'allOf', 'not', 'const', '$ref', 'multipleOf'] as const;

/** Every way `after` rejects something `before` accepted, as far as our schemas can express it. */
export function compareSchemas(before: JsonSchema, after: JsonSchema, path = ''): Incompatibility[] {
  const out: Incompatibility[] = [];
  const add = (change: IncompatibleChange, detail: string, at = path) => out.push({ path: at, change, detail });

  const tb = types(before);
  const ta = types(after);
  // Any change of type counts, a widening too (integer → number would hand consumers fractions).
  if (show(tb?.slice().sort()) !== show(ta?.slice().sort())) {
    add(IncompatibleChange.RETYPED, `type ${show(before.type ?? 'any')} became ${show(after.type ?? 'any')}`);
  }
  if (after.format !== before.format) {
    add(IncompatibleChange.RETYPED, `format ${show(before.format ?? 'none')} became ${show(after.format ?? 'none')}`);
  }
  if (after.pattern !== undefined && after.pattern !== before.pattern) {
    add(IncompatibleChange.NARROWED, `pattern ${show(before.pattern ?? 'none')} became ${show(after.pattern)}`);
  }
  if (after.enum !== undefined) {
    if (before.enum === undefined) add(IncompatibleChange.NARROWED, `now limited to ${show(after.enum)}`);
    else {
      for (const v of before.enum) {
        if (!after.enum.some((w) => show(w) === show(v))) add(IncompatibleChange.ENUM_VALUE_REMOVED, `value ${show(v)} is gone`);
      }
    }
  }
  for (const k of LOWER_BOUNDS) {
    const a = after[k] as number | undefined;
    const b = before[k] as number | undefined;
    if (a !== undefined && (b === undefined || a > b)) add(IncompatibleChange.NARROWED, `${k} ${b ?? 'none'} became ${a}`);
  }
  for (const k of UPPER_BOUNDS) {
    const a = after[k] as number | undefined;
    const b = before[k] as number | undefined;
    if (a !== undefined && (b === undefined || a < b)) add(IncompatibleChange.NARROWED, `${k} ${b ?? 'none'} became ${a}`);
  }
  if (after.uniqueItems === true && before.uniqueItems !== true) add(IncompatibleChange.NARROWED, 'items must now be unique');
  for (const k of OPAQUE) {
    if (after[k] !== undefined && show(after[k]) !== show(before[k])) add(IncompatibleChange.RETYPED, `${k} changed`);
  }

  if (before.properties !== undefined || after.properties !== undefined) {
    const bp = before.properties ?? {};
    const ap = after.properties ?? {};
    for (const [key, schema] of Object.entries(bp)) {
      if (!(key in ap)) add(IncompatibleChange.REMOVED, 'the field is gone (a rename removes the old name)', join(path, key));
      else out.push(...compareSchemas(schema, ap[key], join(path, key)));
    }
    const wasRequired = new Set(before.required ?? []);
    const isRequired = new Set(after.required ?? []);
    for (const key of isRequired) {
      if (!wasRequired.has(key)) {
        add(IncompatibleChange.REQUIRED_ADDED, key in bp ? 'an optional field became required' : 'a new field is required', join(path, key));
      }
    }
    for (const key of wasRequired) {
      if (!isRequired.has(key) && key in ap) add(IncompatibleChange.BECAME_OPTIONAL, 'a required field became optional', join(path, key));
    }
  }
  if (before.items !== undefined && after.items !== undefined) out.push(...compareSchemas(before.items, after.items, `${path}[]`));
  else if (after.items !== undefined && before.type === 'array') out.push(...compareSchemas({}, after.items, `${path}[]`));
  return out;
}

/** Every incompatible change between a published message's snapshot and its classes now. */
export function compareMessages(before: MessageSchema, after: MessageSchema | undefined): Incompatibility[] {
  if (!after) return [{ path: '', change: IncompatibleChange.REMOVED, detail: `${before.subject} is no longer in the catalogue` }];
  if (before.kind !== after.kind) return [{ path: '', change: IncompatibleChange.RETYPED, detail: `${before.kind} became ${after.kind}` }];
  const out: Incompatibility[] = [];
  if (before.payload) out.push(...compareSchemas(before.payload, after.payload ?? {}, ''));
  if (before.request) out.push(...compareSchemas(before.request, after.request ?? {}, '').map((i) => ({ ...i, path: i.path ? `request.${i.path}` : 'request' })));
  for (const [name, reply] of Object.entries(before.replies ?? {})) {
    const now = after.replies?.[name];
    if (!now) out.push({ path: `reply ${name}`, change: IncompatibleChange.REMOVED, detail: 'the reply class is gone' });
    else out.push(...compareSchemas(reply, now, '').map((i) => ({ ...i, path: i.path ? `reply ${name}.${i.path}` : `reply ${name}` })));
  }
  return out;
}

export function describeIncompatibility(subject: string, i: Incompatibility): string {
  return `${subject}${i.path ? ` ${i.path}` : ''}: ${i.change} — ${i.detail}`;
}
