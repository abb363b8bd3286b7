import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { actorOf, Caller } from '@vangnet/auth';
import { DomainError } from '@vangnet/contracts';
import { createHash } from 'crypto';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap, catchError, throwError } from 'rxjs';
import { DataSource, IsNull, MigrationInterface, QueryRunner, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** What the claiming insert returns: the key, when this request won it. */
interface ClaimedKeyRow {
  key: string;
}

/**
 * POSTs accept an Idempotency-Key: the first request with a key runs and its answer is stored; a
 * repeat with the same key and body gets the stored answer, a repeat with another body is 422, and
 * one that arrives while the first still runs is 409. Keys are per caller and kept for a day.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: Repository<IdempotencyKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(IdempotencyKeyEntity);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || typeof key !== 'string') return next.handle();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw DomainError.invalidField('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key', 'Idempotency-Key must be 1–255 visible ASCII characters');
    }
    const actor = req.caller ? actorOf(req.caller) : 'anonymous';
    const hash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    const status = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    return from(this.claim(actor, key, hash, req)).pipe(
      switchMap((previous) => {
        if (previous) {
          res.status(previous.status);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(previous.response);
        }
        return next.handle().pipe(
          switchMap((body) => {
            // A route may set its own status (@Res passthrough): correct the stored one once sent.
            res.once('finish', () => {
              if (res.statusCode !== status && res.statusCode >= 200 && res.statusCode < 300) {
                void this.keys.update({ actor, key }, { status: res.statusCode }).catch(() => undefined);
              }
            });
            return from(this.complete(actor, key, status, body)).pipe(switchMap(() => of(body)));
          }),
          catchError((e) => from(this.release(actor, key)).pipe(switchMap(() => throwError(() => e)))),
        );
      }),
    );
  }

  private async claim(actor: string, key: string, hash: string, req: Request): Promise<{ status: number; response: unknown } | undefined> {
    // The claim is the insert that wins: raw, for ON CONFLICT DO NOTHING RETURNING in one statement.
    const inserted: ClaimedKeyRow[] = await this.dataSource.query(
      `INSERT INTO idempotency_key (actor, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, req.method, req.originalUrl, hash],
    );
    if (inserted.length) return undefined;
    const row = await this.keys.findOne({ select: { requestHash: true, status: true, response: true, completedAt: true }, where: { actor, key } });
    if (!row) return this.claim(actor, key, hash, req);
    if (row.requestHash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', 422);
    }
    if (!row.completedAt) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still running', 409);
    return { status: row.status ?? HttpStatus.CREATED, response: row.response };
  }

  private async complete(actor: string, key: string, status: number, body: unknown): Promise<void> {
    await this.keys.update({ actor, key }, { status, response: jsonValue(body), completedAt: () => 'now()' });
    // Keys live for a day; sweep now and then.
    if (Math.random() < 0.01) await this.keys.createQueryBuilder().delete().where(`created_at < now() - interval '1 day'`).execute();
  }

  private async release(actor: string, key: string): Promise<void> {
    await this.keys.delete({ actor, key, completedAt: IsNull() }).catch(() => undefined);
  }
}

export class IdempotencyTable1700000000200 implements MigrationInterface {
  name = 'IdempotencyTable1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        actor text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (actor, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
  }
}

// A route's answer as the jsonb column keeps it (an undefined answer is stored as null).
function jsonValue(body: unknown): object | string | number | boolean | null {
  if (body === null || typeof body === 'object' || typeof body === 'string' || typeof body === 'number' || typeof body === 'boolean') return body;
  return null;
}
