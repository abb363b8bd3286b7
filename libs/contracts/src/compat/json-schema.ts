// Tooling, not a runtime part of the contracts: the index does not export it, so no service loads it.
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { MessageDefinition } from '../catalogue';
import { AGB_CODE_PATTERN, MUNICIPALITY_CODE_PATTERN } from '../common/identifiers';
import { ORG_ID_PATTERN } from '../common/roles';

// class-transformer's own metadata (the @Type of nested classes); its types live apart from its code.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** A JSON Schema as class-validator-jsonschema writes it (the draft-07 subset our decorators produce). */
export interface JsonSchema {
  [keyword: string]: unknown;
  title?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** The committed form of one message: its payload, or its request and replies, each self-contained. */
export interface MessageSchema {
  subject: string;
  kind: 'event' | 'request';
  payload?: JsonSchema;
  request?: JsonSchema;
  replies?: Record<string, JsonSchema>;
}

const REF_PREFIX = '#/definitions/';

type Meta = { type: string; constraints?: unknown[] };

// Our own decorators (registerDecorator) carry no schema of their own: say what each accepts.
// Any other custom rule (cross-field: isOnOrAfter, isGreaterThan, Satisfies) has no JSON Schema
// form and adds nothing (the library would guess from the emitted design type, which differs
// between compilers).
const CONVERTERS: Record<string, (meta: Meta) => JsonSchema> = {
  [ValidationTypes.CUSTOM_VALIDATION]: () => ({}),
  isIsoDate: () => ({ type: 'string', format: 'date' }),
  isYear: () => ({ type: 'integer', minimum: 2000, maximum: 2200 }),
  isBsn: () => ({ type: 'string', pattern: '^\\d{9}$' }),
  isMunicipalityCode: () => ({ type: 'string', pattern: MUNICIPALITY_CODE_PATTERN.source }),
  isAgbCode: () => ({ type: 'string', pattern: AGB_CODE_PATTERN.source }),
  isOrg: () => ({ type: 'string', pattern: `^(GM\\d{4}|(AGB|CORP|ORG):${ORG_ID_PATTERN.source.slice(1, -1)})$` }),
  isOrgId: () => ({ type: 'string', pattern: ORG_ID_PATTERN.source }),
  isCents: (meta) => {
    const min = meta.constraints?.[0];
    return typeof min === 'number' ? { type: 'integer', minimum: min } : { type: 'integer' };
  },
};

type Constructor = new (...args: never[]) => object;

/** The classes a class nests (`@Nested`, `@ValidateNested` + `@Type`), by the name its $refs use. */
function nestedClasses(cls: Constructor): Map<string, Constructor> {
  const out = new Map<string, Constructor>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    if (m.type !== ValidationTypes.NESTED_VALIDATION) continue;
    const target = m.target as Constructor;
    const typed = defaultMetadataStorage.findTypeMetadata(target, m.propertyName);
    const child = (typed ? typed.typeFunction() : Reflect.getMetadata('design:type', target.prototype, m.propertyName)) as Constructor | undefined;
    if (!child) continue;
    const known = out.get(child.name);
    if (known && known !== child) throw new Error(`${cls.name} nests two classes named ${child.name}`);
    out.set(child.name, child);
  }
  return out;
}

/** The JSON Schema of a contract class with every nested class written inline (no $ref). */
export function classSchema(cls: Constructor, stack: Constructor[] = []): JsonSchema {
  if (stack.includes(cls)) throw new Error(`${[...stack, cls].map((c) => c.name).join(' → ')}: a contract class may not nest itself`);
  const schema = targetConstructorToSchema(cls, {
    refPointerPrefix: REF_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: CONVERTERS as never,
  }) as JsonSchema;
  const nested = nestedClasses(cls);
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (typeof node !== 'object' || node === null) return node;
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string' && o.$ref.startsWith(REF_PREFIX)) {
      const child = nested.get(o.$ref.slice(REF_PREFIX.length));
      if (!child) throw new Error(`${cls.name}: cannot resolve ${o.$ref}`);
      const { $ref: _ref, ...rest } = o;
      return { ...classSchema(child, [...stack, cls]), ...(inline(rest) as object) };
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inline(v)]));
  };
  return { title: cls.name, ...(inline(schema) as JsonSchema) };
}

export function messageSchema(d: MessageDefinition): MessageSchema {
  if (d.kind === 'event') return { subject: d.subject, kind: 'event', payload: classSchema(d.payload as Constructor) };
  return {
    subject: d.subject,
    kind: 'request',
    request: classSchema(d.request as Constructor),
    replies: Object.fromEntries(d.reply.map((r) => [r.name, classSchema(r as Constructor)])),
  };
}
