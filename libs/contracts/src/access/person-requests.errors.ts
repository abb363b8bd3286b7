/**
 * The error codes of access's person requests (`access.person.identity.get`,
 * `access.person.resolve`). An invalid question (a malformed BSN, a purpose missing) is
 * VALIDATION_FAILED with `invalidParams`, as everywhere; these are the rest.
 */
export enum PersonRequestErrorCode {
  /** No person with this id is known to the municipality asked (the same answer whether or not others know them). */
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  /** The caller is not a service that may ask (identity: only the exchange and housing services). */
  CALLER_NOT_ALLOWED = 'CALLER_NOT_ALLOWED',
}
