import { ArgumentsHost, Catch, HttpException, Logger, RpcExceptionFilter as NestRpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { CommonErrorCode, DomainError, isRpcErrorBody, RpcErrorBody } from '@vangnet/contracts';
import { Observable, throwError } from 'rxjs';
import { capInvalidParams } from './payload-guard';

const logger = new Logger('RpcError');

/** Any error a handler throws, as it travels back over NATS: `{code, message, invalidParams?}`. */
export function toRpcErrorBody(exception: unknown): RpcErrorBody {
  // Already mapped by the exception filter.
  if (isRpcErrorBody(exception) && !(exception instanceof Error)) return exception;
  if (exception instanceof DomainError) {
    const invalid = capInvalidParams(exception.invalidParams);
    const details = { ...(exception.details ?? {}), ...invalid };
    return {
      code: exception.code,
      message: exception.message,
      ...invalid,
      ...(Object.keys(details).length ? { details } : {}),
    };
  }
  if (exception instanceof RpcException) {
    const err = exception.getError();
    if (isRpcErrorBody(err)) return err;
    return { code: CommonErrorCode.INTERNAL, message: typeof err === 'string' ? err : 'request failed' };
  }
  if (exception instanceof HttpException) {
    return { code: httpStatusCode(exception.getStatus()), message: exception.message };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: CommonErrorCode.INTERNAL, message: 'the handler failed unexpectedly' };
}

function httpStatusCode(status: number): string {
  switch (status) {
    case 400:
      return CommonErrorCode.VALIDATION_FAILED;
    case 401:
      return CommonErrorCode.UNAUTHENTICATED;
    case 403:
      return CommonErrorCode.FORBIDDEN;
    case 404:
      return CommonErrorCode.NOT_FOUND;
    case 409:
      return CommonErrorCode.CONFLICT;
    default:
      return CommonErrorCode.INTERNAL;
  }
}

/** For NATS handlers: every error becomes an RpcErrorBody; never "Internal server error". */
@Catch()
export class RpcExceptionFilter implements NestRpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const body = toRpcErrorBody(exception);
    return throwError(() => body);
  }
}
