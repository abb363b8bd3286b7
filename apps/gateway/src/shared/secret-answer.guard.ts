import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@vangnet/contracts';
import { IDEMPOTENCY_HEADER } from '@vangnet/platform';
import type { Request } from 'express';

/**
 * For a route whose answer holds a secret (a client secret, an access token): an
 * `Idempotency-Key` would make the platform store that answer for a day to replay it, so it is
 * refused with a 400 naming the header. A guard runs before the idempotency interceptor.
 */
@Injectable()
export class SecretAnswerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.headers[IDEMPOTENCY_HEADER] !== undefined) {
      throw DomainError.invalidField('IDEMPOTENCY_NOT_SUPPORTED', 'Idempotency-Key', 'this answer holds a secret that is never stored, so it cannot be replayed: send the request without an Idempotency-Key');
    }
    return true;
  }
}
