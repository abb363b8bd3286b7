import { Law } from '@vangnet/contracts';
import { randomBytes } from 'crypto';

/** A municipality in a message header is its four-digit CBS code (LDT_Gemeente); ours carry the GM prefix. */
export function gemeentecodeOf(municipality: string): string {
  return municipality.slice(2);
}

export function municipalityOfGemeentecode(code: string): string | undefined {
  return /^\d{4}$/.test(code) ? `GM${code}` : undefined;
}

export function lawOfStandard(standard: 'iwmo' | 'ijw'): Law {
  return standard === 'ijw' ? Law.JEUGDWET : Law.WMO;
}

export function standardOfLaw(law: string): 'iwmo' | 'ijw' {
  return law === Law.JEUGDWET ? 'ijw' : 'iwmo';
}

/**
 * A BerichtIdentificatie for a message we send: unique per sender and message type (rule 9056),
 * at most 12 characters (LDT_IdentificatieBericht). 12 base-36 characters of 62 random bits.
 */
export function newIdentification(): string {
  const n = randomBytes(8).readBigUInt64BE() >> 2n;
  return n.toString(36).toUpperCase().padStart(12, '0').slice(-12);
}

/** The segment of a path the way the library and the rule stylesheet write it: an index only when the class repeats. */
export function seg(name: string, i: number, count: number): string {
  return count > 1 ? `${name}[${i + 1}]` : name;
}
