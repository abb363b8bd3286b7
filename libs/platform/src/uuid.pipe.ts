import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@vangnet/contracts';
import { isUUID } from 'class-validator';

/** The code the validation pipe gives a field that must be a UUID; a path parameter gets the same. */
export const INVALID_UUID = 'INVALID_UUID';

/**
 * A path parameter that must be a UUID: `@Param('id', UuidPipe) id: string`. Anything else is a
 * 400 naming the parameter, never a database error; the value comes back in lower case.
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
    const name = metadata.data ?? 'id';
    throw DomainError.invalidField(INVALID_UUID, name, `${name} must be a UUID`);
  }
}
