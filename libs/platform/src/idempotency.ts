import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { actorOf, Caller } from '@vangnet/auth';
import { DomainError } from '@vangnet/contracts';
import { createHash } from 'crypto';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap, catchError, throwError } from 'rxjs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * POSTs accept an Idempotency-Key: the first request with a key runs and its answer is stored; a
 * repeat with the same key and body gets the stored answer, a repeat with another body is 422, and
 * one that arrives while the first still runs is 409. Keys are per caller and kept for a day.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

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
                void this.dataSource
                  .query('UPDATE idempotency_key SET status = $3 WHERE actor = $1 AND key = $2', [actor, key, res.statusCode])
                  .catch(() => undefined);
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
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_key (actor, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
      [actor, key, req.method, req.originalUrl, hash],
    );
    if (inserted.length) return undefined;
    const [row] = await this.dataSource.query(
      'SELECT request_hash, status, response, completed_at FROM idempotency_key WHERE actor = $1 AND key = $2',
      [actor, key],
    );
    if (!row) return this.claim(actor, key, hash, req);
    if (row.request_hash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', 422);
    }
    if (!row.completed_at) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still running', 409);
    return { status: row.status, response: row.response };
  }

  private async complete(actor: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_key SET status = $3, response = $4, completed_at = now() WHERE actor = $1 AND key = $2',
      [actor, key, status, JSON.stringify(body ?? null)],
    );
    // Keys live for a day; sweep now and then.
    if (Math.random() < 0.01) await this.dataSource.query(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
  }

  private async release(actor: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_key WHERE actor = $1 AND key = $2 AND completed_at IS NULL', [actor, key]).catch(() => undefined);
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
