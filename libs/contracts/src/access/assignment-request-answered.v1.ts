import { IsArray, IsEnum, IsUUID, Matches, ValidateIf } from 'class-validator';
import { RequestRejectionReason } from '../codes/message-codes';
import { PROVIDER_REFERENCE_PATTERN } from '../common/identifiers';
import { Satisfies } from '../common/validation';

export const ASSIGNMENT_REQUEST_ANSWERED_V1 = 'access.assignment-request.answered.v1';

/** The caseworker's answer to a provider's request (iWmo/iJw 319 VerzoekAntwoord, or a 301). */
export enum AssignmentRequestOutcome {
  /** Granted: the exchange sends a 301 with the provider's reference (TR359). */
  GRANTED = 'GRANTED',
  /** Refused with a WJ759 reason: a 319 with VerzoekAntwoord 1. */
  REJECTED = 'REJECTED',
  /** Not decided within 5 working days: a 319 "aanvraag in onderzoek" (2); the final answer follows (TR360, TR365). */
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
}

/**
 * Access's answer to `exchange.assignment-request.received.v1`. A request may be answered
 * UNDER_INVESTIGATION first and finally later; a final answer (GRANTED, REJECTED) is never
 * followed by another, so a consumer keeps the final one whatever order they arrive in.
 * `rejectionReason` is required with REJECTED (the code list's WJ759 code via the mapping), and
 * `lineageIds` holds the granted lineages (at least one) with GRANTED.
 */
export class AssignmentRequestAnsweredV1 {
  @IsUUID()
  requestId!: string;

  /** The provider's ReferentieAanbieder, echoed. */
  @Matches(PROVIDER_REFERENCE_PATTERN)
  providerReference!: string;

  @IsEnum(AssignmentRequestOutcome)
  outcome!: AssignmentRequestOutcome;

  @ValidateIf((o: AssignmentRequestAnsweredV1) => o.outcome === AssignmentRequestOutcome.REJECTED || o.rejectionReason !== undefined)
  @IsEnum(RequestRejectionReason)
  rejectionReason?: RequestRejectionReason;

  @IsArray()
  @IsUUID('all', { each: true })
  @Satisfies(
    'lineagesRequired',
    (v, o) => o.outcome !== AssignmentRequestOutcome.GRANTED || (Array.isArray(v) && v.length > 0),
    '$property must name the granted lineages when the outcome is GRANTED',
  )
  lineageIds!: string[];
}
