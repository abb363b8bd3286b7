import type { RetourCode } from '@vangnet/contracts';

export type ValidationLevel = 'xsd' | 'inMessage' | 'crossMessage' | 'external';

/** One failed rule, at one level, pointing at the element(s) it concerns. */
export interface Finding {
  level: ValidationLevel;
  /** The rule: TR101, CD041, … for the stylesheet and the cross-message rules; XSD for schema errors; the hook's own for external checks. */
  code: string;
  /** The WJ001 code the retour carries for it. */
  retourCode: RetourCode;
  /** `/Bericht/Client[2]/Prestaties/Prestatie[3]`, the stylesheet's own path form. */
  path: string;
  /** Every element the rule names, when it names more than one. */
  paths?: string[];
  message: string;
}
