import { CommonErrorCode, DomainError } from '@vangnet/contracts';

export class AuthError extends DomainError<CommonErrorCode.UNAUTHENTICATED | CommonErrorCode.FORBIDDEN> {
  static unauthenticated(message: string): AuthError {
    return new AuthError(CommonErrorCode.UNAUTHENTICATED, message, 401);
  }

  static forbidden(message: string): AuthError {
    return new AuthError(CommonErrorCode.FORBIDDEN, message, 403);
  }
}
