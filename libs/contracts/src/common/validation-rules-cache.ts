import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** The parts of class-validator's metadata storage that a validation asks, every time. */
interface RuleStorage {
  addValidationMetadata(metadata: ValidationMetadata): void;
  getTargetValidationMetadatas(target: object, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): ValidationMetadata[];
  groupByPropertyName(metadata: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
}

const CACHED = Symbol.for('vangnet.validation-rules-cache');

/**
 * class-validator finds a class's rules anew on every validation, of every nested object: it walks
 * the rules of every class it knows (a few hundred here) to find inherited ones, filters them and
 * groups them by property. That was about half the CPU of validating an event's payload (ADR 0016).
 * The rules are fixed once the classes are loaded, so the answer is kept per class and options,
 * and everything kept is forgotten whenever a rule is registered (a class loaded later). The
 * validation itself, and what it answers, are class-validator's own.
 */
export function cacheValidationRules(): void {
  const storage = getMetadataStorage() as unknown as RuleStorage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  let rules = new Map<object | string, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    add(metadata);
    rules = new Map();
    grouped = new WeakMap();
  };

  const find = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let perClass = rules.get(target);
    if (!perClass) rules.set(target, (perClass = new Map()));
    let found = perClass.get(key);
    if (!found) perClass.set(key, (found = find(target, schema, always, strictGroups, groups)));
    return found;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}
