import { RejectedDeclarationLine, RetourCode } from '@vangnet/contracts';
import type { Finding, ParsedMessage } from '@vangnet/istandaarden';
import { prestatiePath } from '../mailbox/mailbox.rules';

/** Each line's path in the 323, by its ReferentieNummer (a 325 names the lines finance rejected). */
export function linePathsByReference(message: ParsedMessage): Map<string, string> {
  const out = new Map<string, string>();
  if (message.messageType !== '323') return out;
  const clients = message.declaratie.clienten;
  clients.forEach((c, ci) => c.prestaties.forEach((p, li) => out.set(p.productReferentie.referentieNummer, prestatiePath(ci, clients.length, li, c.prestaties.length))));
  return out;
}

/**
 * Finance's assessment as findings on the 323 (level 4: finance checks contract, tariff and volume
 * against the assignment), one per retour code, on the line it names; a declaration refused whole
 * (e.g. 9333) on the declaration itself, so no line is assessed (TR342).
 */
export function financeFindings(message: ParsedMessage, rejected: readonly RejectedDeclarationLine[], declarationRetourCodes: readonly RetourCode[] = []): Finding[] {
  const paths = linePathsByReference(message);
  const out: Finding[] = [];
  for (const code of declarationRetourCodes) out.push({ level: 'external', code: 'FINANCE', retourCode: code, path: '/Bericht/Declaratie', message: `finance refused the declaration (${code})` });
  for (const line of rejected) {
    const path = paths.get(line.reference);
    if (!path) throw new Error(`finance rejected line ${line.reference}, which the declaration does not hold`);
    for (const code of line.retourCodes) out.push({ level: 'external', code: 'FINANCE', retourCode: code, path, message: `finance rejected line ${line.reference} (${code})` });
  }
  return out;
}
