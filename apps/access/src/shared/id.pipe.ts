import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@vangnet/contracts';
import { AccessErrorCode } from './access.errors';
import { isUUID } from 'class-validator';

/** A path id must be a UUID: otherwise a 400 naming the parameter, never a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
    const name = metadata.data ?? 'id';
    throw DomainError.invalidField(AccessErrorCode.INVALID_UUID, name, `${name} must be a UUID`);
  }
}
