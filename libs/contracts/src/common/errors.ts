/** One invalid input field: `name` is its path (`provisions[0].volume.unit`). */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** RFC 9457 problem details in the shape of the Dutch API design rules. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  correlationId?: string;
  invalidParams?: InvalidParam[];
}

/**
 * How an error travels over NATS request/reply: `{code, message, invalidParams?}` (ARCHITECTURE §2)
 * and `details` (issue 2), which repeats the invalid fields and carries a domain error's details.
 */
export interface RpcErrorBody {
  code: string;
  message: string;
  invalidParams?: InvalidParam[];
  details?: Record<string, unknown>;
}

/** Codes every service shares. Feature codes live in each feature's `*.errors.ts`. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_JSON = 'INVALID_JSON',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** Who the caller is may never do this: a missing role, or an org kind that cannot hold it (403). */
  FORBIDDEN = 'FORBIDDEN',
  /**
   * The caller may do this, but not for this tenant: a municipality its token does not grant, or
   * another provider's AGB or corporation's KvK (403, the field that named the tenant in
   * `invalidParams`). A record of another tenant looked up by id is a 404 instead.
   */
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  NO_RESPONDER = 'NO_RESPONDER',
  TIMEOUT = 'TIMEOUT',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/**
 * A domain rule was broken. One enum of codes and one subclass per feature:
 * `class DecisionError extends DomainError<DecisionErrorCode> {}`. The HTTP filter turns it into
 * problem+json with `status`; the RPC filter into `{code, message, invalidParams}`.
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly status = 422,
    readonly invalidParams?: InvalidParam[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  static notFound<C extends string>(code: C, message: string): DomainError<C> {
    return new DomainError(code, message, 404);
  }

  static conflict<C extends string>(code: C, message: string, invalidParams?: InvalidParam[]): DomainError<C> {
    return new DomainError(code, message, 409, invalidParams);
  }

  /** A 400 that names the field, for rules the DTO's decorators cannot express. */
  static invalidField<C extends string>(code: C, name: string, reason: string, status = 400): DomainError<C> {
    return new DomainError(code, reason, status, [{ name, code, reason }]);
  }
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorBody).code === 'string' &&
    typeof (value as RpcErrorBody).message === 'string'
  );
}
