import { registerDecorator, ValidationOptions } from 'class-validator';
import { ORG_ID_PATTERN, parseOrg } from './roles';

export const MUNICIPALITY_CODE_PATTERN = /^GM\d{4}$/;
export const AGB_CODE_PATTERN = /^\d{8}$/;
const BSN_PATTERN = /^\d{9}$/;

/** BSN: nine digits passing the eleven-proof (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11). */
export function isValidBsn(value: unknown): value is string {
  if (typeof value !== 'string' || !BSN_PATTERN.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0 && value !== '000000000';
}

export function isMunicipalityCode(value: unknown): value is string {
  return typeof value === 'string' && MUNICIPALITY_CODE_PATTERN.test(value);
}

export function isAgbCode(value: unknown): value is string {
  return typeof value === 'string' && AGB_CODE_PATTERN.test(value);
}

/** CBS code as the iStandaarden write it: `GM0546` ↔ `0546`. */
export function municipalityToIstandaard(code: string): string {
  return code.slice(2);
}

export function municipalityFromIstandaard(code: string): string {
  return `GM${code}`;
}

function simple(name: string, message: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: (v: unknown) => test(v) },
      });
}

export const IsBsn = simple('isBsn', '$property must be a BSN of 9 digits that passes the eleven-proof', isValidBsn);
export const IsMunicipalityCode = simple(
  'isMunicipalityCode',
  '$property must be a CBS municipality code GM followed by 4 digits',
  isMunicipalityCode,
);
export const IsAgbCode = simple('isAgbCode', '$property must be an AGB code of 8 digits', isAgbCode);

/** An `org` claim as tokens carry it: `GM0546`, `AGB:12345678`, `CORP:<KvK>` or `ORG:<KvK>`. */
export const IsOrg = simple('isOrg', '$property must be an organisation: GMxxxx, AGB:<8 digits>, CORP:<id> or ORG:<id>', (v) => typeof v === 'string' && parseOrg(v) !== undefined);
/** An organisation's id without its prefix (a corporation's KvK number, as in `CORP:<KvK>`). */
export const IsOrgId = simple('isOrgId', '$property must be an organisation id of 1 to 32 letters, digits or dashes', (v) => typeof v === 'string' && ORG_ID_PATTERN.test(v));

/** A provider's own reference for a request (iWmo/iJw LDT_Referentie): 1–36 characters on one line, not only spaces. */
export const PROVIDER_REFERENCE_PATTERN = /^(?=.*\S).{1,36}$/;
