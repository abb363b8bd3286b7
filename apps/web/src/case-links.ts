/**
 * The case page's addresses: `/zaak/<soort>/<id>`, one kind of case per word. A worklist term
 * names its case by the term's kind (a decision term is an application's, an investigation term a
 * registration's, an objection's decision term an objection's); a task or signal names a person,
 * whose file the page then shows.
 */
export const CASE_KINDS = ['aanvraag', 'melding', 'bezwaar', 'besluit', 'persoon'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

const OF_TERM: Readonly<Record<string, CaseKind>> = {
  DECISION: 'aanvraag',
  INVESTIGATION: 'melding',
  OBJECTION_DECISION: 'bezwaar',
  OBJECTION_TERM: 'besluit',
};

export const caseHref = (kind: CaseKind, id: string): string => `/zaak/${kind}/${encodeURIComponent(id)}`;

/** The case a statutory term belongs to; undefined for a kind of term this page does not know. */
export function termCaseHref(termKind: string, caseId: string): string | undefined {
  const kind = OF_TERM[termKind];
  return kind ? caseHref(kind, caseId) : undefined;
}

/** `/zaak/<soort>/<id>` read back; undefined for any other path. */
export function parseCasePath(path: string): { kind: CaseKind; id: string } | undefined {
  const m = /^\/zaak\/([a-z]+)\/([^/]+)\/?$/.exec(path);
  if (!m || !(CASE_KINDS as readonly string[]).includes(m[1])) return undefined;
  return { kind: m[1] as CaseKind, id: decodeURIComponent(m[2]) };
}

/** A short, readable reference to an id (its first eight characters). */
export const shortId = (id: string): string => id.slice(0, 8);
