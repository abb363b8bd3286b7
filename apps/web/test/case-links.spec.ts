import { caseHref, parseCasePath, termCaseHref } from '../src/case-links';

const ID = '3f2a6c1e-0b1d-4e8a-9c55-7d1e2f3a4b5c';

describe('the case page’s addresses', () => {
  it('should lead from each kind of worklist term to its case', () => {
    expect(termCaseHref('DECISION', ID)).toBe(`/zaak/aanvraag/${ID}`);
    expect(termCaseHref('INVESTIGATION', ID)).toBe(`/zaak/melding/${ID}`);
    expect(termCaseHref('OBJECTION_DECISION', ID)).toBe(`/zaak/bezwaar/${ID}`);
    expect(termCaseHref('SOMETHING_NEW', ID)).toBeUndefined();
  });

  it('should read an address back, and nothing else as a case', () => {
    expect(parseCasePath(caseHref('persoon', ID))).toEqual({ kind: 'persoon', id: ID });
    expect(parseCasePath(`/zaak/aanvraag/${ID}/`)).toEqual({ kind: 'aanvraag', id: ID });
    for (const path of ['/zaak', '/zaak/aanvraag', `/zaak/iets/${ID}`, `/werklijst/${ID}`, `/zaak/aanvraag/${ID}/meer`]) expect(parseCasePath(path)).toBeUndefined();
  });
});
