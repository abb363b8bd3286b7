import { Injectable } from '@nestjs/common';
import { pseudonymize, ScopeError } from '@vangnet/auth';
import {
  AssignmentRequestKind,
  categoryFromIstandaard,
  changeRequestReasonFromIstandaard,
  DeclarationObjectLine,
  DELIVERY_STARTED_V1,
  DELIVERY_STOPPED_V1,
  DeliveryStartedV1,
  DeliveryStoppedV1,
  deliveryReportStatusFromIstandaard,
  PERSON_RESOLVE,
  PersonResolveReply,
  PersonResolveRequest,
  referrerTypeFromIstandaard,
  TARIFF_GET,
  TariffGetReply,
  TariffGetRequest,
  Unit,
} from '@vangnet/contracts';
import {
  buildRetour,
  Finding,
  IstandaardError,
  MessageType,
  omvangToWire,
  ParsedMessage,
  prestatieToWire,
  runCrossMessageRules,
  validateMessage,
  ValidationReport,
} from '@vangnet/istandaarden';
import { Outbox, RpcClient, RpcRequestError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, RegionConfig } from '@vangnet/platform';
import { QueryFailedError } from 'typeorm';
import { MessageEntity, Transport } from '../archive/archive.entity';
import { ArchiveService } from '../archive/archive.service';
import { AssignmentEntity } from '../assignments/assignments.entity';
import { sentAssignments, termsOf } from '../assignments/assignments.rules';
import { AssignmentsService } from '../assignments/assignments.service';
import { DeclarationsService } from '../declarations/declarations.service';
import { ReceivedRequest, RequestsService } from '../requests/requests.service';
import { lawOfStandard, municipalityOfGemeentecode, newIdentification, seg } from '../shared/codes';
import { MailboxError, MailboxErrorCode } from './mailbox.errors';
import { cleanLines, INBOUND_TYPES, prestatiePath, RETOUR_OF } from './mailbox.rules';

/** A file as a transport delivers it: the mailbox names the authenticated provider, a hub's drop does not. */
export interface Delivery {
  bytes: Uint8Array;
  transport: Transport;
  /** The AGB of the provider that delivered it (the token's org); the file's sender must be it. */
  providerAgb?: string;
}

export interface DeliveryResult {
  /** True when this sender delivered this BerichtIdentificatie before: nothing was processed again. */
  duplicate: boolean;
  message: { id: string; messageType: string; status: string };
  /** The retour or answer that went out at once (absent for an accepted 323: its 325 follows finance). */
  answer?: { id: string; messageType: string };
  findings: Finding[];
}

interface Parties {
  providerAgb: string;
  municipality: string;
  sender: string;
  receiver: string;
  identification: string;
}

/** What levels 3 and 4 found, and what an accepted message hands on. */
interface Prepared {
  crossMessage?: Finding[];
  external: Finding[];
  deliveries?: Array<{ started: DeliveryStartedV1 } | { stopped: DeliveryStoppedV1 }>;
  requests?: ReceivedRequest[];
  declaration?: { lines: Array<DeclarationObjectLine | undefined>; linesPerClient: number[] };
}

const RESOLVE_TIMEOUT_MS = 2000;

/**
 * The inbound pipeline every transport feeds (the mailbox, a watched directory, later a hub): the
 * file's technical rules, the four validation levels, the archive (once per sender and
 * BerichtIdentificatie), the retour, and for an accepted message what it sets going: delivery
 * events (305, 307), requests (315, 317), a declaration for finance (323), a settled term (302, 320).
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly archive: ArchiveService,
    private readonly assignments: AssignmentsService,
    private readonly requests: RequestsService,
    private readonly declarations: DeclarationsService,
    private readonly outbox: Outbox,
    private readonly rpc: RpcClient,
    private readonly region: RegionConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(d: Delivery): Promise<DeliveryResult> {
    let report: ValidationReport;
    try {
      // Levels 1 and 2 and the file rules (OP179 size, OP192 UTF-8 without BOM, CR/LF: binding on the sender).
      report = await validateMessage(d.bytes, { requireCrlf: true });
    } catch (e) {
      if (e instanceof IstandaardError) throw MailboxError.file(e);
      throw e;
    }
    const parties = this.partiesOf(report, d);
    const earlier = await this.archive.findInbound(parties.sender, parties.identification);
    if (earlier) return this.duplicate(earlier);
    if (report.message) {
      const prepared = await this.prepare(report.message, parties);
      if (prepared.crossMessage) report.levels.crossMessage = prepared.crossMessage;
      report.levels.external = prepared.external;
      report.valid = Object.values(report.levels).every((l) => l.length === 0);
      return this.commitOnce(d, report, parties, prepared);
    }
    return this.commitOnce(d, report, parties, { external: [] });
  }

  private async commitOnce(d: Delivery, report: ValidationReport, parties: Parties, prepared: Prepared): Promise<DeliveryResult> {
    try {
      return await this.commit(d, report, parties, prepared);
    } catch (e) {
      // The same file delivered twice at once: the second insert meets the first's unique key.
      if (e instanceof QueryFailedError && (e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505') {
        const earlier = await this.archive.findInbound(parties.sender, parties.identification);
        if (earlier) return this.duplicate(earlier);
      }
      throw e;
    }
  }

  private duplicate(earlier: MessageEntity): DeliveryResult {
    return { duplicate: true, message: { id: earlier.id, messageType: earlier.messageType, status: earlier.status }, findings: earlier.findings };
  }

  /** Who sent it and to whom; refused before anything is stored when it is not this provider's or not for this region. */
  private partiesOf(report: ValidationReport, d: Delivery): Parties {
    const h = report.header as
      | { afzender?: string; ontvanger?: string; berichtIdentificatie?: { identificatie?: string }; identificatieRetour?: string }
      | undefined;
    if (!INBOUND_TYPES.includes(report.messageType)) {
      throw new MailboxError(MailboxErrorCode.NOT_A_PROVIDER_MESSAGE, `a ${report.messageType} is not a message a provider sends to a municipality`, 422, [
        { name: 'file', code: MailboxErrorCode.NOT_A_PROVIDER_MESSAGE, reason: `providers send ${INBOUND_TYPES.join(', ')}` },
      ]);
    }
    const retour = RETOUR_OF[report.messageType] !== undefined;
    // A retour keeps the original's header: the municipality is Afzender, the provider Ontvanger, and its own id is IdentificatieRetour.
    const agb = retour ? h?.ontvanger : h?.afzender;
    const gemeente = retour ? h?.afzender : h?.ontvanger;
    const identification = retour ? h?.identificatieRetour : h?.berichtIdentificatie?.identificatie;
    if (!h || !agb || !gemeente || !identification || !/^\d{8}$/.test(agb)) {
      throw new MailboxError(MailboxErrorCode.HEADER_UNREADABLE, 'the message header (sender, receiver, identification) cannot be read, so no retour can be addressed', 400, [
        { name: 'file.Header', code: MailboxErrorCode.HEADER_UNREADABLE, reason: 'a readable Header with an AGB code, a municipality and a BerichtIdentificatie is required' },
      ]);
    }
    if (d.providerAgb !== undefined && agb !== d.providerAgb) {
      throw ScopeError.of(retour ? 'file.Header.Ontvanger' : 'file.Header.Afzender', `a provider delivers only its own messages (AGB ${d.providerAgb}), not ${agb}'s`);
    }
    const municipality = municipalityOfGemeentecode(gemeente);
    if (!municipality || !this.region.isMember(municipality)) {
      const field = retour ? 'file.Header.Afzender' : 'file.Header.Ontvanger';
      throw new MailboxError(MailboxErrorCode.UNKNOWN_RECEIVER, `municipality ${gemeente} is not a member of this region`, 422, [{ name: field, code: MailboxErrorCode.UNKNOWN_RECEIVER, reason: `not one of ${this.region.municipalities.join(', ')}` }]);
    }
    return { providerAgb: agb, municipality, sender: agb, receiver: gemeente, identification };
  }

  /** Levels 3 (against what was exchanged before) and 4 (assignments, persons, tariffs), and what an accepted message hands on. */
  private async prepare(message: ParsedMessage, p: Parties): Promise<Prepared> {
    switch (message.messageType) {
      case '305':
      case '307':
        return this.prepareDeliveries(message, p);
      case '315':
      case '317':
        return this.prepareRequests(message, p);
      case '323':
        return this.prepareDeclaration(message, p);
      default:
        return { external: [] };
    }
  }

  /** 305/307: each product names an assignment of this provider for this client (9019 when it cannot be linked). */
  private async prepareDeliveries(message: ParsedMessage, p: Parties): Promise<Prepared> {
    if (message.messageType !== '305' && message.messageType !== '307') return { external: [] };
    const products = message.messageType === '305' ? message.client.startProducten : message.client.stopProducten;
    const className = message.messageType === '305' ? 'StartProduct' : 'StopProduct';
    const known = await this.assignmentsByNumber(p.municipality, products.map((x) => x.toewijzingNummer).filter((n): n is number => n !== undefined));
    const pseudonym = pseudonymize(message.client.bsn);
    const law = lawOfStandard(message.standard);
    const reportedOn = message.header.berichtIdentificatie.dagtekening;
    const external: Finding[] = [];
    const deliveries: NonNullable<Prepared['deliveries']> = [];
    products.forEach((x: { toewijzingNummer?: number; begindatum: string; statusAanlevering: string; einddatum?: string; redenBeeindiging?: string }, i) => {
      const a = x.toewijzingNummer !== undefined ? known.get(x.toewijzingNummer) : undefined;
      const path = `/Bericht/Client/${message.messageType === '305' ? 'StartProducten' : 'StopProducten'}/${seg(className, i, products.length)}`;
      if (!a || a.providerAgb !== p.providerAgb || a.personPseudonym !== pseudonym) {
        external.push({ level: 'external', code: 'ASSIGNMENT_UNKNOWN', retourCode: '9019', path, message: `ToewijzingNummer ${x.toewijzingNummer ?? '(none)'} is no assignment of this client with provider ${p.providerAgb}` });
        return;
      }
      const base = { provisionLineageId: a.lineageId, assignmentNumber: a.assignmentNumber, providerAgb: p.providerAgb, municipality: p.municipality, startDate: x.begindatum, status: deliveryReportStatusFromIstandaard(x.statusAanlevering), reportedOn };
      if (x.einddatum !== undefined && x.redenBeeindiging !== undefined) deliveries.push({ stopped: { ...base, endDate: x.einddatum, law, reasonCode: x.redenBeeindiging } });
      else deliveries.push({ started: base });
    });
    return { external, deliveries };
  }

  /** 315/317: the client resolved at access (a BSN becomes a personId); a product to change names a current assignment (9351). */
  private async prepareRequests(message: ParsedMessage, p: Parties): Promise<Prepared> {
    if (message.messageType !== '315' && message.messageType !== '317') return { external: [] };
    const personId = await this.resolve(message.client.bsn, p.municipality);
    const law = lawOfStandard(message.standard);
    const base = { providerAgb: p.providerAgb, municipality: p.municipality, law, personId };
    const wire = (o?: { volume: number; eenheid: string; frequentie: string }) => {
      if (!o) return {};
      const v = omvangToWire(o);
      return { volume: { amount: v.volume, unit: v.unit, frequency: v.frequency } };
    };
    const product = (x?: { categorie: string; code?: string }) => (x ? { product: { category: categoryFromIstandaard(x.categorie), ...(x.code ? { code: x.code } : {}) } } : {});
    if (message.messageType === '315') {
      const requests: ReceivedRequest[] = message.client.aangevraagdeProducten.map((x) => ({
        ...base,
        providerReference: x.referentieAanbieder,
        kind: AssignmentRequestKind.NEW,
        ...product(x.product),
        ...wire(x.omvang),
        ...(x.budget !== undefined ? { budgetCents: x.budget } : {}),
        period: { start: x.toewijzingIngangsdatum, ...(x.toewijzingEinddatum ? { end: x.toewijzingEinddatum } : {}) },
        referrer: { type: referrerTypeFromIstandaard(x.verwijzer.type), ...(x.verwijzer.naam ? { name: x.verwijzer.naam } : {}), ...(x.verwijzer.zorgverlenerCode ? { agb: x.verwijzer.zorgverlenerCode } : {}) },
        ...(x.commentaar ? { comment: x.commentaar } : {}),
      }));
      return { external: [], requests };
    }
    const v = message.client.verzoek;
    const changes = v.teWijzigenProducten ?? [];
    const known = await this.assignmentsByNumber(p.municipality, [...changes.map((c) => c.toewijzingNummer), ...(v.ongewijzigdeProducten ?? []).map((c) => c.toewijzingNummer)]);
    const external: Finding[] = [];
    const requests: ReceivedRequest[] = [];
    const changeReason = changeRequestReasonFromIstandaard(v.redenVerzoek);
    const mine = (n: number) => {
      const a = known.get(n);
      return a && a.providerAgb === p.providerAgb && a.personId === personId ? a : undefined;
    };
    (v.ongewijzigdeProducten ?? []).forEach((c, i, all) => {
      if (!mine(c.toewijzingNummer)) external.push({ level: 'external', code: 'ASSIGNMENT_UNKNOWN', retourCode: '9350', path: `/Bericht/Client/Verzoek/OngewijzigdeProducten/${seg('OngewijzigdProduct', i, all.length)}`, message: `ToewijzingNummer ${c.toewijzingNummer} is no current assignment of this client with this provider` });
    });
    changes.forEach((c, i) => {
      const a = mine(c.toewijzingNummer);
      if (!a) {
        external.push({ level: 'external', code: 'ASSIGNMENT_UNKNOWN', retourCode: '9351', path: `/Bericht/Client/Verzoek/TeWijzigenProducten/${seg('TeWijzigenProduct', i, changes.length)}`, message: `ToewijzingNummer ${c.toewijzingNummer} is no current assignment of this client with this provider` });
        return;
      }
      requests.push({
        ...base,
        providerReference: v.referentieAanbieder,
        kind: AssignmentRequestKind.CHANGE,
        assignmentNumber: a.assignmentNumber,
        product: { category: categoryFromIstandaard(a.category), ...(a.productCode ? { code: a.productCode } : {}) },
        ...wire(c.omvang),
        ...(c.budget !== undefined ? { budgetCents: c.budget } : {}),
        period: { start: c.gewensteIngangsdatum, ...(c.einddatum ? { end: c.einddatum } : {}) },
        changeReason,
      });
    });
    for (const n of v.nieuweProducten ?? []) {
      requests.push({
        ...base,
        providerReference: v.referentieAanbieder,
        kind: AssignmentRequestKind.NEW,
        ...product(n.product),
        ...wire(n.omvang),
        ...(n.budget !== undefined ? { budgetCents: n.budget } : {}),
        period: { start: n.gewensteIngangsdatum, ...(n.einddatum ? { end: n.einddatum } : {}) },
        changeReason,
      });
    }
    return { external, requests };
  }

  /**
   * 323: the cross-message rules against the 301s sent (a held one counts) and the earlier
   * declarations and their answers; then each line's assignment (9338), client (8187) and the
   * contract tariff from procurement (0611).
   */
  private async prepareDeclaration(message: ParsedMessage, p: Parties): Promise<Prepared> {
    if (message.messageType !== '323') return { external: [] };
    const clients = message.declaratie.clienten;
    const known = await this.assignmentsByNumber(p.municipality, clients.flatMap((c) => c.prestaties.map((x) => x.toewijzingNummer)));
    // What was sent: the assignments as their last 301 carried them (held ones too), from the read
    // model; what was declared and answered before: the earlier 323s and 325s from the archive.
    const pseudonyms = clients.map((c) => pseudonymize(c.bsn));
    const bsnByPseudonym = new Map(clients.map((c, i) => [pseudonyms[i], c.bsn]));
    const law = lawOfStandard(message.standard);
    const ours = [...known.values()].filter((a) => a.providerAgb === p.providerAgb && a.law === law).map((a) => ({ ...termsOf(a), personPseudonym: a.personPseudonym }));
    const history = {
      messages: [...sentAssignments(message.standard, ours, (ps) => bsnByPseudonym.get(ps), this.clock.today()), ...(await this.archive.history(p.providerAgb, p.municipality, ['323', '325']))],
    };
    const crossMessage = runCrossMessageRules(message, history, {
      // TR346: minutes priced against an hour tariff, as the assignment's contract says.
      minutesAgainstHourTariff: (line) => known.get(line.toewijzingNummer)?.tariffUnit === Unit.HOUR && line.eenheid === '01',
    });
    const external: Finding[] = [];
    const tariffs = new Map<string, Promise<TariffGetReply | { refused: string }>>();
    const lines: Array<DeclarationObjectLine | undefined> = [];
    for (const [ci, c] of clients.entries()) {
      const pseudonym = pseudonyms[ci];
      for (const [li, x] of c.prestaties.entries()) {
        const path = prestatiePath(ci, clients.length, li, c.prestaties.length);
        const a = known.get(x.toewijzingNummer);
        if (!a || a.providerAgb !== p.providerAgb) {
          external.push({ level: 'external', code: 'ASSIGNMENT_UNKNOWN', retourCode: '9338', path, message: `ToewijzingNummer ${x.toewijzingNummer} is no assignment of provider ${p.providerAgb}` });
          lines.push(undefined);
          continue;
        }
        if (a.personPseudonym !== pseudonym) {
          external.push({ level: 'external', code: 'CLIENT_MISMATCH', retourCode: '8187', path, message: `assignment ${x.toewijzingNummer} belongs to another client` });
          lines.push(undefined);
          continue;
        }
        const wire = prestatieToWire(x);
        const key = `${x.productCategorie}|${x.productCode}|${x.productPeriode.begindatum}`;
        let asked = tariffs.get(key);
        if (!asked) {
          asked = this.tariff({ providerAgb: p.providerAgb, municipality: p.municipality, product: { category: wire.category, ...(x.productCode ? { code: x.productCode } : {}) }, date: x.productPeriode.begindatum });
          tariffs.set(key, asked);
        }
        const tariff = await asked;
        if ('refused' in tariff) {
          external.push({ level: 'external', code: tariff.refused, retourCode: '0611', path, message: `procurement has no contract tariff for this product on ${x.productPeriode.begindatum} (${tariff.refused})` });
          lines.push(undefined);
          continue;
        }
        if (x.productTarief !== undefined && tariff.unit === wire.unit && x.productTarief !== tariff.tariffCents) {
          external.push({ level: 'external', code: 'TARIFF_MISMATCH', retourCode: '0611', path, message: `ProductTarief ${x.productTarief} is not the contract tariff ${tariff.tariffCents}` });
          lines.push(undefined);
          continue;
        }
        lines.push({
          reference: x.productReferentie.referentieNummer,
          ...(x.productReferentie.vorigReferentieNummer ? { previousReference: x.productReferentie.vorigReferentieNummer } : {}),
          provisionId: a.lineageId,
          assignmentNumber: a.assignmentNumber,
          personId: a.personId,
          product: { category: wire.category, ...(x.productCode ? { code: x.productCode } : {}) },
          period: { start: x.productPeriode.begindatum, end: x.productPeriode.einddatum },
          volume: wire.volume,
          unit: wire.unit,
          tariffCents: x.productTarief ?? tariff.tariffCents,
          amountCents: wire.amountCents,
          debitCredit: wire.debitCredit,
        });
      }
    }
    return { crossMessage, external, declaration: { lines, linesPerClient: clients.map((c) => c.prestaties.length) } };
  }

  private async assignmentsByNumber(municipality: string, numbers: number[]): Promise<Map<number, AssignmentEntity>> {
    const rows = await this.assignments.byNumbers(municipality, [...new Set(numbers)]);
    return new Map(rows.map((r) => [r.assignmentNumber, r]));
  }

  private async resolve(bsn: string, municipality: string): Promise<string> {
    const reply = await this.rpc.request<PersonResolveReply>(PERSON_RESOLVE, { bsn, municipality } satisfies PersonResolveRequest, { reply: PersonResolveReply, timeoutMs: RESOLVE_TIMEOUT_MS });
    return reply.personId;
  }

  /** The contract tariff on a date; a refusal (no contract, product not contracted) is a finding, access down is a 503. */
  private async tariff(req: TariffGetRequest): Promise<TariffGetReply | { refused: string }> {
    try {
      return await this.rpc.request<TariffGetReply>(TARIFF_GET, req, { reply: TariffGetReply });
    } catch (e) {
      if (e instanceof RpcRequestError && e.status < 500) return { refused: e.code };
      throw e;
    }
  }

  /** Archive, answer and hand on, in one transaction: nothing half-written. */
  @Transactional()
  private async commit(d: Delivery, report: ValidationReport, p: Parties, prepared: Prepared): Promise<DeliveryResult> {
    const findings = [...report.levels.xsd, ...report.levels.inMessage, ...report.levels.crossMessage, ...report.levels.external];
    const type = report.messageType as MessageType;
    const xml = Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength).toString('utf8');
    // A 323 with bad lines only still goes to finance with its good lines (TR342: one bad line rejects that line only).
    const declaration = type === '323' && report.message ? prepared.declaration : undefined;
    const decl = declaration ? cleanLines(findings, declaration.linesPerClient) : undefined;
    const toFinance = declaration && decl && !decl.whole ? declaration.lines.filter((l, i) => l !== undefined && !decl.rejected.has(keyOf(i, declaration.linesPerClient))) : [];
    const accepted = type === '323' ? toFinance.length > 0 : findings.length === 0;
    const inbound = await this.archive.recordInbound({
      message: { standard: report.standard, messageType: type },
      header: report.header ?? {},
      parsed: report.message,
      sender: p.sender,
      receiver: p.receiver,
      identification: p.identification,
      xml,
      providerAgb: p.providerAgb,
      municipality: p.municipality,
      status: accepted ? 'ACCEPTED' : 'REJECTED',
      findings,
      timings: report.timings,
      transport: d.transport,
    });
    const result: DeliveryResult = { duplicate: false, message: { id: inbound.id, messageType: type, status: inbound.status }, findings };
    const answered = RETOUR_OF[type];
    if (answered) {
      // A retour of ours: it settles the 301 or 319 it answers (a retour gets no retour).
      const h = report.header as { berichtIdentificatie?: { identificatie?: string } };
      if (accepted && h.berichtIdentificatie?.identificatie) await this.archive.settleByRetour(inbound, p.providerAgb, h.berichtIdentificatie.identificatie, answered);
      return result;
    }
    if (type === '323') {
      if (accepted && report.message) {
        await this.declarations.submit(inbound, report.message, toFinance as DeclarationObjectLine[], netCents(toFinance as DeclarationObjectLine[]));
        return result;
      }
      if (report.header) {
        // A 323 the XSD refuses is refused whole: its 325 carries 0001 on the header (the library would
        // put an XSD finding inside a line on the absent DeclaratieAntwoord and answer 0200; see the README).
        const whole = { ...report, levels: { ...report.levels, xsd: report.levels.xsd.map((f) => ({ ...f, path: '/Bericht/Header', paths: undefined })) } };
        const answer = report.message
          ? await this.declarations.answer(inbound, report.message, findings)
          : await this.archive.recordOutbound({ message: buildRetour(whole, { identificatie: newIdentification(), dagtekening: this.clock.today() }), providerAgb: p.providerAgb, municipality: p.municipality, inReplyTo: inbound.id });
        result.answer = { id: answer.id, messageType: answer.messageType };
      }
      return result;
    }
    // 305, 307, 315, 317: the retour goes out at once, accepted or not.
    const retour = await this.archive.recordOutbound({ message: buildRetour(report, { identificatie: newIdentification(), dagtekening: this.clock.today() }), providerAgb: p.providerAgb, municipality: p.municipality, inReplyTo: inbound.id });
    result.answer = { id: retour.id, messageType: retour.messageType };
    if (!accepted) return result;
    if (prepared.deliveries?.length) {
      await this.outbox.publishAll(
        prepared.deliveries.map((x) => ('started' in x ? { type: DELIVERY_STARTED_V1, data: x.started, municipality: p.municipality } : { type: DELIVERY_STOPPED_V1, data: x.stopped, municipality: p.municipality })),
      );
    }
    if (prepared.requests?.length) await this.requests.receive(inbound, prepared.requests);
    return result;
  }
}

function keyOf(index: number, linesPerClient: number[]): string {
  let i = index;
  for (let ci = 0; ci < linesPerClient.length; ci++) {
    if (i < linesPerClient[ci]) return `${ci}:${i}`;
    i -= linesPerClient[ci];
  }
  return `${linesPerClient.length}:${i}`;
}

/** TotaalIngediendBedrag of what goes to finance: debits − credits. */
function netCents(lines: DeclarationObjectLine[]): number {
  return lines.reduce((s, l) => s + (l.debitCredit === 'CREDIT' ? -l.amountCents : l.amountCents), 0);
}
