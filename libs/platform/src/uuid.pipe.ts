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

/**
 * A path parameter that must be a positive whole number that fits a PostgreSQL bigint and a
 * JavaScript number (`@Param('id', IdPipe) id: number`): anything else is a 400 `INVALID_ID`
 * naming the parameter (Nest's ParseIntPipe let 99999999999999999999999 through to the database).
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const n = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(n)) return n;
    const name = metadata.data ?? 'id';
    throw DomainError.invalidField('INVALID_ID', name, `${name} must be a positive whole number`);
  }
}
