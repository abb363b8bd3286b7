import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError, InvalidParam, validatePayload } from '@vangnet/contracts';
import { plainToInstance } from 'class-transformer';

export class ValidationFailedError extends DomainError<CommonErrorCode.VALIDATION_FAILED> {
  constructor(invalidParams: InvalidParam[], message = 'the request has invalid fields') {
    super(CommonErrorCode.VALIDATION_FAILED, message, 400, invalidParams);
  }
}

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object, undefined];

/**
 * One validation pipe for HTTP bodies/queries and NATS request payloads: class-validator against
 * the parameter's class, unknown fields refused, every failure named by its field path. It throws
 * a DomainError, which the exception filter renders as problem+json or as an RPC error body.
 */
@Injectable()
export class PayloadValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (!metatype || PRIMITIVES.includes(metatype) || metadata.type === 'custom') return value;
    if (metadata.type === 'query' || metadata.type === 'param') {
      // Query strings are text: let class-transformer turn "2026" into 2026 where the class says number.
      const converted = plainToInstance(metatype, value ?? {}, { enableImplicitConversion: true });
      const result = validatePayload(metatype, instanceToPlainShallow(converted), { forbidUnknown: true });
      if (!result.ok) throw new ValidationFailedError(result.invalidParams, 'the query has invalid parameters');
      return result.value;
    }
    const result = validatePayload(metatype, value, { forbidUnknown: true });
    if (!result.ok) throw new ValidationFailedError(result.invalidParams);
    return result.value;
  }
}

function instanceToPlainShallow(instance: object): Record<string, unknown> {
  return { ...(instance as Record<string, unknown>) };
}
