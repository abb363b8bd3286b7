import { DomainError } from '@vangnet/contracts';

/** The DomainError a rule throws (any other outcome fails the test), to match its status, code and fields. */
export function refusal(rule: () => unknown): DomainError {
  try {
    rule();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal, and the rule answered');
}
