import { Injectable } from '@nestjs/common';
import { Caller, narrowToScope, PERSONAL_DATA, ProcessingAction, ProcessingLog, pseudonymize, tenantScopeOf } from '@vangnet/auth';
import { IstandaardMessage, MessageType, parseMessage, ParsedMessage, writeMessage } from '@vangnet/istandaarden';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { LEGAL_BASIS, Purpose } from '../shared/processing';
import { MessageEntity, MessageStatus, Transport } from './archive.entity';
import { ArchiveError } from './archive.errors';
import { MessageQuery, MessageSummary, MessageView, OverdueQuery } from './archive.dto';
import { ArchiveRepository } from './archive.repository';
import { namedIn, termOf } from './archive.rules';

export interface InboundRecord {
  message: { standard: 'iwmo' | 'ijw'; messageType: MessageType };
  header: Record<string, unknown>;
  parsed?: ParsedMessage;
  /** Who sent the file (the provider's AGB), to whom, and its own identification (a retour's IdentificatieRetour). */
  sender: string;
  receiver: string;
  identification: string;
  xml: string;
  providerAgb: string;
  municipality: string;
  status: 'ACCEPTED' | 'REJECTED';
  findings: MessageEntity['findings'];
  timings?: Record<string, number>;
  transport: Transport;
}

/**
 * The message archive: every message in and out with its file, findings, correlation and terms;
 * the only writer of the `message` table. Reads of a message's file are logged per resident it
 * names (AVG art. 30); lists carry no file.
 */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly repo: ArchiveRepository,
    private readonly clock: Clock,
    private readonly processingLog: ProcessingLog,
  ) {}

  /** A message with its file, for the exchange's own processing (no caller, no log: the service reads what it wrote). */
  message(id: string, withFile = true): Promise<MessageEntity | null> {
    return withFile ? this.repo.find(id) : this.repo.findWithoutFile(id);
  }

  findInbound(sender: string, identification: string): Promise<MessageEntity | null> {
    return this.repo.findInbound(sender, identification);
  }

  /** A received message, in the caller's transaction. A rejected one waits for nothing: its retour went out with it. */
  async recordInbound(r: InboundRecord): Promise<MessageEntity> {
    const id = (r.header.berichtIdentificatie ?? {}) as { dagtekening?: string };
    const dagtekening = (r.header.dagtekeningRetour as string | undefined) ?? id.dagtekening;
    const named = namedIn(r.parsed);
    const term = r.status === 'ACCEPTED' ? termOf('IN', r.message.messageType, this.clock.today()) : undefined;
    const row: MessageEntity = {
      id: randomUUID(),
      direction: 'IN',
      standard: r.message.standard,
      messageType: r.message.messageType,
      sender: r.sender,
      receiver: r.receiver,
      identification: r.identification,
      dagtekening: /^\d{4}-\d{2}-\d{2}$/.test(dagtekening ?? '') ? (dagtekening as string) : null,
      providerAgb: r.providerAgb,
      municipality: r.municipality,
      status: r.status,
      xml: r.xml,
      sizeBytes: Buffer.byteLength(r.xml, 'utf8'),
      findings: r.findings,
      timings: r.timings ?? null,
      inReplyTo: null,
      awaiting: term?.awaiting ?? null,
      dueOn: term?.dueOn ?? null,
      settledBy: null,
      settledAt: null,
      assignmentNumbers: named.assignmentNumbers,
      personPseudonyms: named.bsns.map((b) => pseudonymize(b)),
      transport: r.transport,
      receivedAt: new Date(),
      collectedAt: null,
    };
    await this.repo.insert(row);
    if (named.bsns.length) {
      await this.processingLog.record(
        named.bsns.map((bsn) => ({ bsn, action: ProcessingAction.CREATE, purpose: Purpose.MESSAGE_EXCHANGE, legalBasis: LEGAL_BASIS, resource: 'message', resourceId: row.id, municipality: r.municipality })),
      );
    }
    return row;
  }

  /**
   * A message we send, written as the standard's file (UTF-8, CR/LF, no BOM), into the provider's
   * mailbox, or HELD (a client with a safety flag is never sent, ARCHITECTURE §6). A retour or an
   * answer settles what it answers.
   */
  async recordOutbound(o: { message: IstandaardMessage; providerAgb: string; municipality: string; inReplyTo?: string; held?: boolean }): Promise<MessageEntity> {
    const xml = writeMessage(o.message);
    const header = o.message.header as unknown as { afzender: string; ontvanger: string; berichtIdentificatie: { identificatie: string; dagtekening: string } };
    const named = namedIn(o.message);
    const term = o.held ? undefined : termOf('OUT', o.message.messageType, this.clock.today());
    const row: MessageEntity = {
      id: randomUUID(),
      direction: 'OUT',
      standard: o.message.standard,
      messageType: o.message.messageType,
      sender: header.afzender,
      receiver: header.ontvanger,
      identification: header.berichtIdentificatie.identificatie,
      dagtekening: header.berichtIdentificatie.dagtekening,
      providerAgb: o.providerAgb,
      municipality: o.municipality,
      status: o.held ? 'HELD' : 'WAITING',
      xml,
      sizeBytes: Buffer.byteLength(xml, 'utf8'),
      findings: [],
      timings: null,
      inReplyTo: o.inReplyTo ?? null,
      awaiting: term?.awaiting ?? null,
      dueOn: term?.dueOn ?? null,
      settledBy: null,
      settledAt: null,
      assignmentNumbers: named.assignmentNumbers,
      personPseudonyms: named.bsns.map((b) => pseudonymize(b)),
      transport: 'EXCHANGE',
      receivedAt: new Date(),
      collectedAt: null,
    };
    await this.repo.insert(row);
    // An answer (a 301 or 319 to a request, a 325 to a 323) settles what it answers; a retour does not.
    if (o.inReplyTo && ANSWERS.includes(o.message.messageType)) await this.repo.settle(o.inReplyTo, row.id);
    return row;
  }

  /** A received retour (302, 320) settles our message with that BerichtIdentificatie. */
  async settleByRetour(retour: MessageEntity, providerAgb: string, identification: string, answeredType: string): Promise<void> {
    const ours = await this.repo.findOutbound(providerAgb, identification, answeredType);
    if (!ours) return;
    await this.repo.linkReply(retour.id, ours.id);
    if (ours.awaiting === 'RETOUR') await this.repo.settle(ours.id, retour.id);
  }

  async settle(id: string, by: string): Promise<void> {
    await this.repo.settle(id, by);
  }

  /** Earlier messages for the cross-message rules; a held 301 counts as sent. */
  async history(providerAgb: string, municipality: string, types: string[]): Promise<ParsedMessage[]> {
    const statuses: MessageStatus[] = ['ACCEPTED', 'WAITING', 'COLLECTED', 'HELD'];
    const rows = await this.repo.history(providerAgb, municipality, types, statuses);
    return rows.map((r) => parseMessage(r.xml));
  }

  async search(caller: Caller, q: MessageQuery): Promise<Page<MessageSummary>> {
    const scope = tenantScopeOf(caller, PERSONAL_DATA);
    const narrowed = narrowToScope(scope, { municipalities: q.municipality ? [q.municipality] : undefined, providerAgb: q.providerAgb });
    if (!narrowed) return { items: [], nextCursor: null };
    const limit = q.limit ?? 50;
    const rows = await this.repo.list({ ...narrowed, direction: q.direction, messageType: q.messageType, status: q.status, from: q.from, to: q.to, assignmentNumber: q.assignmentNumber, before: decodeCursor(q.cursor), limit: limit + 1 });
    return toPage(rows.map(summaryOf), limit, (m) => ({ receivedAt: m.receivedAt, id: m.id }));
  }

  /** Messages still waiting for a retour or an answer past their term. */
  async overdue(caller: Caller, q: OverdueQuery): Promise<Page<MessageSummary>> {
    const scope = tenantScopeOf(caller, PERSONAL_DATA);
    const narrowed = narrowToScope(scope, { municipalities: q.municipality ? [q.municipality] : undefined, providerAgb: q.providerAgb });
    if (!narrowed) return { items: [], nextCursor: null };
    const limit = q.limit ?? 50;
    const rows = await this.repo.list({ ...narrowed, overdueOn: this.clock.today(), before: decodeCursor(q.cursor), limit: limit + 1 });
    return toPage(rows.map(summaryOf), limit, (m) => ({ receivedAt: m.receivedAt, id: m.id }));
  }

  /** One message with its file: logged for every resident it names. */
  async get(caller: Caller, id: string): Promise<MessageView> {
    const scope = tenantScopeOf(caller, PERSONAL_DATA);
    const row = foundOr404(await this.repo.find(id), () => ArchiveError.missing(id), (r) =>
      scope.providerAgb !== undefined ? r.providerAgb === scope.providerAgb && r.status !== 'HELD' : scope.municipalities.includes(r.municipality),
    );
    await this.processingLog.record(
      row.personPseudonyms.map((pseudonym) => ({ pseudonym, action: ProcessingAction.READ, purpose: Purpose.ARCHIVE, legalBasis: LEGAL_BASIS, resource: 'message', resourceId: row.id, municipality: row.municipality })),
    );
    const replies = await this.repo.repliesTo(row.id);
    return { ...summaryOf(row), xml: row.xml, findings: row.findings, timings: row.timings, replies: replies.map(summaryOf) };
  }

  // ---- the mailbox --------------------------------------------------------------------------

  async waiting(providerAgb: string, limit: number, cursor?: string): Promise<Page<MessageSummary>> {
    const rows = await this.repo.waiting(providerAgb, limit + 1, decodeCursor(cursor));
    return toPage(rows.map(summaryOf), limit, (m) => ({ receivedAt: m.receivedAt, id: m.id }));
  }

  /** A file waiting for (or collected by) this provider; reading it is logged. */
  async file(providerAgb: string, id: string): Promise<MessageEntity> {
    const row = foundOr404(await this.repo.find(id), () => ArchiveError.missing(id), (r) => r.direction === 'OUT' && r.providerAgb === providerAgb && (r.status === 'WAITING' || r.status === 'COLLECTED'));
    await this.processingLog.record(
      row.personPseudonyms.map((pseudonym) => ({ pseudonym, action: ProcessingAction.READ, purpose: Purpose.MESSAGE_EXCHANGE, legalBasis: LEGAL_BASIS, resource: 'message', resourceId: row.id, municipality: row.municipality })),
    );
    return row;
  }

  /** Acknowledge collection: the file leaves the mailbox (a second acknowledgement changes nothing). */
  async acknowledge(providerAgb: string, id: string): Promise<MessageSummary> {
    const row = foundOr404(await this.repo.find(id), () => ArchiveError.missing(id), (r) => r.direction === 'OUT' && r.providerAgb === providerAgb && (r.status === 'WAITING' || r.status === 'COLLECTED'));
    await this.repo.markCollected(row.id);
    return summaryOf(mustExist(await this.repo.find(row.id), `message ${id}`));
  }
}

const ANSWERS: readonly string[] = ['301', '319', '325'];

function summaryOf(m: MessageEntity): MessageSummary {
  return {
    id: m.id,
    direction: m.direction,
    standard: m.standard,
    messageType: m.messageType,
    sender: m.sender,
    receiver: m.receiver,
    identification: m.identification,
    dagtekening: m.dagtekening,
    providerAgb: m.providerAgb,
    municipality: m.municipality,
    status: m.status,
    sizeBytes: m.sizeBytes,
    inReplyTo: m.inReplyTo,
    awaiting: m.awaiting,
    dueOn: m.dueOn,
    settledBy: m.settledBy,
    settledAt: m.settledAt ? new Date(m.settledAt).toISOString() : null,
    assignmentNumbers: m.assignmentNumbers,
    transport: m.transport,
    receivedAt: new Date(m.receivedAt).toISOString(),
    collectedAt: m.collectedAt ? new Date(m.collectedAt).toISOString() : null,
  };
}
