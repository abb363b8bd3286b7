import { Inject, Injectable, Logger } from '@nestjs/common';
import { DECLARATION_ASSESSED_V1, DECLARATIONS_BUCKET, DeclarationReceivedV1, DomainError, InvalidParam } from '@vangnet/contracts';
import { bucketName, existingBucket, NATS_CONNECTION, Outbox, PoisonEventError, toNdjson } from '@vangnet/messaging';
import { NatsConnection, ObjectStore } from 'nats';
import { randomUUID } from 'crypto';
import { BudgetMonitor } from '../budgets/budget.monitor';
import { parseObjectLines } from './declarations.dto';
import { DeclarationErrorCode } from './declarations.errors';
import { DeclarationsRepository } from './declarations.repository';
import { assessedEventOf, headerProblems, netCents, refusalEventOf, REFUSAL_RETOUR_CODE, rejectedLinesOf, rejectedObjectNameOf, totalProblem } from './declarations.rules';
import { DeclarationsService } from './declarations.service';

/** Who a declaration by reference is recorded as submitted by. */
export const EXCHANGE_SUBMITTER = 'exchange';

/**
 * Declarations the exchange hands over by reference (ARCHITECTURE §2 "Large documents", ADR
 * 0049): the lines are an NDJSON object in the `<PREFIX>DECLARATIONS` bucket; they are assessed
 * as the HTTP route assesses them, stored, and answered with finance.declaration.assessed.v1 (the
 * rejected lines inline up to 1,000, beyond that as an object in the same bucket). Once per
 * declaration: a second event for the same `declarationRef` changes nothing. A missing or
 * malformed object is a dead letter with its reason.
 */
@Injectable()
export class ReceivedDeclarationsService {
  private readonly logger = new Logger(ReceivedDeclarationsService.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly declarations: DeclarationsService,
    private readonly repo: DeclarationsRepository,
    private readonly outbox: Outbox,
    private readonly monitor: BudgetMonitor,
  ) {}

  /** Assess a declaration by reference, in the inbox's transaction. */
  async assess(received: DeclarationReceivedV1): Promise<void> {
    if (await this.repo.receiptOf(received.declarationRef)) return;
    const bucket = await this.bucket(received.bucket);
    const text = await this.read(bucket, received.bucket, received.objectName);
    const { lines, invalid } = parseObjectLines(text, received.lineCount, received.receivedOn);
    const problems = [...headerProblems(received, received.providerAgb, received.receivedOn), ...invalid];
    const total = invalid.length ? undefined : totalProblem(lines, received.totalCents);
    if (total) problems.push(total);
    if (problems.length) throw new PoisonEventError('OBJECT_MALFORMED', `object ${received.objectName}: ${describe(problems)}`);

    let plan;
    try {
      plan = await this.declarations.assessAndStore({ providerAgb: received.providerAgb, header: received, lines, receivedOn: received.receivedOn, submittedBy: EXCHANGE_SUBMITTER });
    } catch (e) {
      // DomainError, not DeclarationError: the static helpers (`conflict`) build the base class.
      const code = e instanceof DomainError ? REFUSAL_RETOUR_CODE[e.code as DeclarationErrorCode] : undefined;
      if (!code) throw e;
      // Refused whole: nothing of it is stored; the 325 carries the code on its header.
      const id = randomUUID();
      await this.repo.insertReceipt({ declarationRef: received.declarationRef, declarationId: id, providerAgb: received.providerAgb, declarationNumber: received.declarationNumber, outcome: 'REFUSED', retourCodes: [code], rejectedObjectName: null });
      await this.outbox.publish({ type: DECLARATION_ASSESSED_V1, data: refusalEventOf(received, id, [code], netCents(lines)), municipality: received.municipality });
      this.logger.log(`declaration ${received.declarationRef} refused whole (${code}): ${(e as Error).message}`);
      return;
    }

    const rejected = rejectedLinesOf(plan.lines);
    const answer = assessedEventOf(received, plan, rejected);
    // Beyond the inline limit the rejected lines go into the declaration's own bucket (a retry
    // writes the same object again); its chunks are published at once, so their acknowledgements
    // get time on a busy server.
    if (answer.rejectedObjectName) await bucket.putBlob({ name: rejectedObjectNameOf(received.declarationRef) }, toNdjson(rejected), { timeout: 60_000 });
    await this.repo.insertReceipt({
      declarationRef: received.declarationRef,
      declarationId: plan.record.id,
      providerAgb: received.providerAgb,
      declarationNumber: received.declarationNumber,
      outcome: 'ASSESSED',
      retourCodes: [],
      rejectedObjectName: answer.rejectedObjectName ?? null,
    });
    await this.outbox.publish({ type: DECLARATION_ASSESSED_V1, data: answer, municipality: received.municipality });
    // Budgets check the marked months once the inbox's transaction has committed (else at their next poll).
    this.monitor.schedule(1000);
  }

  /** The deployment's declarations bucket, and no other: finance reads nothing else of the exchange's. */
  private async bucket(name: string): Promise<ObjectStore> {
    const expected = bucketName(DECLARATIONS_BUCKET);
    if (name !== expected) throw new PoisonEventError('UNKNOWN_BUCKET', `declarations are read from bucket ${expected}, not ${name}`);
    const bucket = await existingBucket(this.nc, name);
    if (!bucket) throw new PoisonEventError('OBJECT_MISSING', `bucket ${name} does not exist`);
    return bucket;
  }

  private async read(bucket: ObjectStore, bucketName: string, objectName: string): Promise<string> {
    let bytes: Uint8Array | null;
    try {
      bytes = await bucket.getBlob(objectName);
    } catch (e) {
      // A digest that does not match is a damaged object; anything else (a timeout) is tried again.
      if (/corrupt|digest/i.test((e as Error).message)) throw new PoisonEventError('OBJECT_CORRUPT', `object ${objectName}: ${(e as Error).message}`);
      throw e;
    }
    if (bytes === null) throw new PoisonEventError('OBJECT_MISSING', `object ${objectName} is not in bucket ${bucketName}`);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

function describe(problems: readonly InvalidParam[]): string {
  const shown = problems.slice(0, 10).map((p) => `${p.name} ${p.code}: ${p.reason}`);
  return problems.length > 10 ? `${shown.join('; ')}; and ${problems.length - 10} more` : shown.join('; ');
}
