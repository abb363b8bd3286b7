import { PlanSection, Viewer } from '../plans/plans.rules';

export interface ResidentPart<C, W> {
  crisisCard: C;
  wrap: W;
  ownInput: string | null;
}

/**
 * What of the resident's own part a viewer sees: each part only with its section in the consent
 * the resident gave (AVG art. 9 lid 2 a; the coordinator records it, so sees it). Undefined when
 * the viewer sees none of it: the part is left out as if it did not exist.
 */
export function visibleResidentPart<C, W>(viewer: Viewer, part: ResidentPart<C, W>): Partial<ResidentPart<C, W>> | undefined {
  const out: Partial<ResidentPart<C, W>> = {};
  if (viewer.sections.has(PlanSection.CRISIS_CARD)) out.crisisCard = part.crisisCard;
  if (viewer.sections.has(PlanSection.WRAP)) out.wrap = part.wrap;
  if (viewer.sections.has(PlanSection.OWN_INPUT)) out.ownInput = part.ownInput;
  return Object.keys(out).length ? out : undefined;
}
