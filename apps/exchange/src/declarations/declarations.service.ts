import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DECLARATION_RECEIVED_V1,
  DeclarationAssessedV1,
  DeclarationObjectLine,
  DeclarationReceivedV1,
  DECLARATIONS_BUCKET,
  RejectedDeclarationLine,
} from '@vangnet/contracts';
import { buildRetour, Finding, IstandaardMessage, parseMessage, ParsedMessage, ValidationReport } from '@vangnet/istandaarden';
import { bucketName, NATS_CONNECTION, Outbox, PoisonEventError, toNdjson } from '@vangnet/messaging';
import { Clock, mustExist } from '@vangnet/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'crypto';
import { nanos, NatsConnection, ObjectStore } from 'nats';
import { MessageEntity } from '../archive/archive.entity';
import { ArchiveService } from '../archive/archive.service';
import { newIdentification } from '../shared/codes';
import { DeclarationsRepository } from './declarations.repository';
import { financeFindings } from './declarations.rules';

/** Objects live 30 days at most (the bucket's time to live); the exchange deletes them once the 325 is written. */
const BUCKET_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Declarations (323) by reference: the lines that passed the exchange's validation go to finance
 * as an NDJSON object in the JetStream object store (ARCHITECTURE §2 "Large documents"), announced
 * by exchange.declaration.received; finance's finance.declaration.assessed becomes the 325 with
 * only the rejected lines and the totals (TR342), and the objects are deleted.
 */
@Injectable()
export class DeclarationsService {
  private readonly logger = new Logger(DeclarationsService.name);
  private store?: Promise<ObjectStore>;

  constructor(
    private readonly repo: DeclarationsRepository,
    private readonly archive: ArchiveService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  /** The deployment's declarations bucket, made with its time to live by its owner. */
  private bucket(): Promise<ObjectStore> {
    this.store ??= this.nc
      .jetstream()
      .views.os(bucketName(DECLARATIONS_BUCKET), { ttl: nanos(BUCKET_TTL_MS) })
      .catch((e) => {
        this.store = undefined;
        throw e;
      });
    return this.store;
  }

  /** Hand the clean lines of an accepted 323 to finance, in the pipeline's transaction. */
  async submit(inbound: MessageEntity, message: ParsedMessage, lines: DeclarationObjectLine[], totalCents: number): Promise<void> {
    if (message.messageType !== '323') throw new Error('only a 323 is a declaration');
    const id = randomUUID();
    const objectName = `${id}.ndjson`;
    const bucket = await this.bucket();
    await bucket.putBlob({ name: objectName }, toNdjson(lines), { timeout: 120_000 });
    const receivedOn = this.clock.today();
    await this.repo.insert({
      id,
      messageId: inbound.id,
      providerAgb: inbound.providerAgb,
      municipality: inbound.municipality,
      declarationNumber: message.declaratie.declaratieNummer,
      objectName,
      lineCount: lines.length,
      receivedOn,
      answerBasis: { ...message, declaratie: { ...message.declaratie, clienten: [] } } as IstandaardMessage,
      status: 'WITH_FINANCE',
      answerMessageId: null,
    });
    const data: DeclarationReceivedV1 = {
      declarationRef: id,
      providerAgb: inbound.providerAgb,
      municipality: inbound.municipality,
      declarationNumber: message.declaratie.declaratieNummer,
      period: { start: message.declaratie.declaratiePeriode.begindatum, end: message.declaratie.declaratiePeriode.einddatum },
      lineCount: lines.length,
      bucket: bucketName(DECLARATIONS_BUCKET),
      objectName,
      totalCents,
      receivedOn,
    };
    await this.outbox.publish({ type: DECLARATION_RECEIVED_V1, data, municipality: inbound.municipality });
  }

  /** Finance's assessment, in the inbox's transaction: the 325, then the objects go. Once per declaration. */
  async applyAssessed(data: DeclarationAssessedV1): Promise<void> {
    if (!data.declarationRef) return; // a declaration that came over finance's HTTP route
    const row = await this.repo.find(data.declarationRef, true);
    if (!row) throw new PoisonEventError('UNKNOWN_DECLARATION', `declaration ${data.declarationRef} did not come through the exchange`);
    if (row.status === 'ANSWERED') return;
    const bucket = await this.bucket();
    const rejected = data.rejected ?? (data.rejectedObjectName ? await this.readRejected(bucket, data.rejectedObjectName) : []);
    const meta = mustExist(await this.archive.message(row.messageId, false), `message ${row.messageId}`);
    // Nothing rejected anywhere: the 325 carries no line, and the 323 need not be read again.
    const clean = meta.findings.length === 0 && rejected.length === 0 && !data.declarationRetourCodes?.length;
    const inbound = clean ? meta : mustExist(await this.archive.message(row.messageId), `message ${row.messageId}`);
    const message = clean ? (row.answerBasis) : parseMessage(inbound.xml);
    const findings = [...inbound.findings, ...financeFindings(message, rejected, data.declarationRetourCodes)];
    const answer = await this.answer(inbound, message, findings);
    await this.repo.answered(row.id, answer.id);
    await bucket.delete(row.objectName);
    if (data.rejectedObjectName) await bucket.delete(data.rejectedObjectName);
    this.logger.log(`declaration ${row.id}: 325 ${answer.id} written (${data.rejectedCount} lines rejected by finance), objects deleted`);
  }

  /** The 325 to a 323 from every finding on it (ours and finance's): only rejected lines, the totals (TR342). */
  async answer(inbound: MessageEntity, message: ParsedMessage, findings: Finding[]): Promise<MessageEntity> {
    const levels = { xsd: [] as Finding[], inMessage: [] as Finding[], crossMessage: [] as Finding[], external: [] as Finding[] };
    for (const f of findings) levels[f.level].push(f);
    const report: ValidationReport = {
      standard: message.standard,
      messageType: '323',
      message,
      header: message.header as unknown as Record<string, unknown>,
      valid: findings.length === 0,
      levels,
      timings: { read: 0, xsd: 0, inMessage: 0, typed: 0, crossMessage: 0, external: 0 },
    };
    const answer = buildRetour(report, { identificatie: newIdentification(), dagtekening: this.clock.today() });
    return this.archive.recordOutbound({ message: answer, providerAgb: inbound.providerAgb, municipality: inbound.municipality, inReplyTo: inbound.id });
  }

  private async readRejected(bucket: ObjectStore, name: string): Promise<RejectedDeclarationLine[]> {
    const bytes = await bucket.getBlob(name);
    if (bytes === null) throw new PoisonEventError('OBJECT_MISSING', `object ${name} is not in the declarations bucket`);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        const line = plainToInstance(RejectedDeclarationLine, JSON.parse(l) as object);
        if (validateSync(line).length) throw new PoisonEventError('OBJECT_MALFORMED', `object ${name} line ${i + 1} is no rejected line`);
        return line;
      });
  }
}
