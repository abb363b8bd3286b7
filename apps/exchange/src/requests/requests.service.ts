import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  ASSIGNMENT_REQUEST_RECEIVED_V1,
  AssignmentRequestAnsweredV1,
  AssignmentRequestOutcome,
  AssignmentRequestReceivedV1,
  RequestRejectionReason,
} from '@vangnet/contracts';
import { Outbox, PoisonEventError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { MessageEntity } from '../archive/archive.entity';
import { ArchiveService } from '../archive/archive.service';
import { AssignmentsService } from '../assignments/assignments.service';
import { gemeentecodeOf, newIdentification } from '../shared/codes';
import { AssignmentRequestEntity } from './requests.entity';
import { RequestsRepository } from './requests.repository';
import { answerDueOn, build319, VerzoekAntwoord } from './requests.rules';

/** A requested product as the pipeline read it from a 315 or 317 (the event without the ids the service gives it). */
export type ReceivedRequest = Omit<AssignmentRequestReceivedV1, 'requestId' | 'receivedOn'>;

/**
 * Providers' requests (315, 317): one worklist task per product at access
 * (exchange.assignment-request.received), and the answer within 5 working days: a 301 carrying the
 * provider's reference when granted (TR359), a 319 when refused, and with no answer by then a 319
 * "in onderzoek" (VerzoekAntwoord 2), the final answer later (TR360, TR365).
 */
@Injectable()
export class RequestsService implements OnModuleInit, OnApplicationShutdown {
  private readonly job = new BackgroundJob('request-answer-terms', () => this.answerDue());

  constructor(
    private readonly repo: RequestsRepository,
    private readonly archive: ArchiveService,
    private readonly assignments: AssignmentsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.assignments.provideRequests({ referenceOf: (id) => this.referenceOf(id), answeredBy301: (id, messageId) => this.answeredBy301(id, messageId) });
    this.job.every(intervalFromEnv('EXCHANGE_JOB_INTERVAL_MS', 60_000), 5_000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** The products of a received 315/317, in the pipeline's transaction: one row and one event each. */
  async receive(inbound: MessageEntity, items: ReceivedRequest[]): Promise<void> {
    const receivedOn = this.clock.today();
    const rows: AssignmentRequestEntity[] = items.map((item) => ({
      id: randomUUID(),
      messageId: inbound.id,
      providerAgb: item.providerAgb,
      municipality: item.municipality,
      standard: inbound.standard,
      providerReference: item.providerReference,
      kind: item.kind,
      assignmentNumber: item.assignmentNumber ?? null,
      personId: item.personId,
      receivedOn,
      dueOn: answerDueOn(receivedOn),
      status: 'OPEN',
      outcomeMessageId: null,
      interimMessageId: null,
    }));
    await this.repo.insert(rows);
    await this.outbox.publishAll(rows.map((row, i) => ({ type: ASSIGNMENT_REQUEST_RECEIVED_V1, data: { ...items[i], requestId: row.id, receivedOn } satisfies AssignmentRequestReceivedV1, municipality: row.municipality })));
  }

  /** Access's answer, in the inbox's transaction. A final answer is never followed by another. */
  async applyAnswered(data: AssignmentRequestAnsweredV1): Promise<void> {
    const row = await this.repo.find(data.requestId, true);
    if (!row) throw new PoisonEventError('UNKNOWN_REQUEST', `request ${data.requestId} did not come through the exchange`);
    if (row.status === 'GRANTED' || row.status === 'REJECTED') return;
    if (data.outcome === AssignmentRequestOutcome.UNDER_INVESTIGATION) {
      await this.interim([row]);
      return;
    }
    if (data.outcome === AssignmentRequestOutcome.REJECTED) {
      const sibling = (await this.repo.byReference(row.providerAgb, row.providerReference)).find((r) => r.status === 'REJECTED' && r.outcomeMessageId);
      const messageId = sibling?.outcomeMessageId ?? (await this.send319(row, '1', data.rejectionReason)).id;
      await this.repo.update(row.id, { status: 'REJECTED', outcomeMessageId: messageId });
      await this.archive.settle(row.messageId, messageId);
      return;
    }
    // GRANTED: the 301 comes with access's provision.granted (its requestId), whichever arrives first.
    await this.repo.update(row.id, { status: 'GRANTED' });
  }

  /** Send the 319 "in onderzoek" for every open request past its term (the job; tests and operators run it on demand). */
  async answerDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.answerDueBatch();
      total += n;
      if (n < 100) return total;
    }
  }

  @Transactional()
  private async answerDueBatch(): Promise<number> {
    const due = await this.repo.dueOpen(this.clock.today(), 100);
    const groups = new Map<string, AssignmentRequestEntity[]>();
    for (const r of due) groups.set(`${r.providerAgb}|${r.providerReference}`, [...(groups.get(`${r.providerAgb}|${r.providerReference}`) ?? []), r]);
    for (const rows of groups.values()) await this.interim(rows);
    return due.length;
  }

  /** One 319 "in onderzoek" per reference, ever (TR360). */
  private async interim(rows: AssignmentRequestEntity[]): Promise<void> {
    const first = rows[0];
    const earlier = (await this.repo.byReference(first.providerAgb, first.providerReference)).find((r) => r.interimMessageId);
    const messageId = earlier?.interimMessageId ?? (await this.send319(first, '2')).id;
    for (const r of rows) {
      await this.repo.update(r.id, { status: 'UNDER_INVESTIGATION', interimMessageId: messageId });
      await this.archive.settle(r.messageId, messageId);
    }
  }

  private send319(row: AssignmentRequestEntity, answer: VerzoekAntwoord, rejectionReason?: RequestRejectionReason): Promise<MessageEntity> {
    const message = build319({
      standard: row.standard,
      sender: gemeentecodeOf(row.municipality),
      providerAgb: row.providerAgb,
      identificatie: newIdentification(),
      dagtekening: this.clock.today(),
      providerReference: row.providerReference,
      answer,
      rejectionReason,
    });
    return this.archive.recordOutbound({ message, providerAgb: row.providerAgb, municipality: row.municipality, inReplyTo: row.messageId });
  }

  private async referenceOf(requestId: string): Promise<string | undefined> {
    return (await this.repo.find(requestId))?.providerReference;
  }

  /** A 301 carried the request's reference: that is its final answer (TR359). */
  private async answeredBy301(requestId: string, messageId: string): Promise<void> {
    const row = await this.repo.find(requestId);
    if (!row || row.outcomeMessageId) return;
    await this.repo.update(row.id, { status: 'GRANTED', outcomeMessageId: messageId });
    await this.archive.settle(row.messageId, messageId);
  }
}
