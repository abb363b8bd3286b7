import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor, requireRole } from '@vangnet/auth';
import { DomainError } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { RegistrationError } from '../registrations/registrations.errors';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import {
  CLOSED_STATUSES,
  CreateEscalationRequest,
  CreateReferralRequest,
  ReferralKind,
  ReferralStatus,
  ReferralStatusRequest,
  ReferralView,
} from './referrals.dto';
import { ReferralError, ReferralErrorCode } from './referrals.errors';
import { ReferralEntity, ReferralStatusEntity } from './referrals.entity';
import { ReferralsRepository } from './referrals.repository';

function view(r: ReferralEntity, history: ReferralStatusEntity[]): ReferralView {
  return {
    id: r.id,
    kind: r.kind,
    registrationId: r.registrationId,
    personId: r.personId,
    municipality: r.municipality,
    target: r.target,
    organisation: r.organisation,
    note: r.note,
    at: r.at.toISOString(),
    status: r.status,
    statusAt: r.statusAt.toISOString(),
    history: history.filter((h) => h.referralId === r.id).map((h) => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
    version: r.version,
  };
}

/** Referrals to other chains and escalations, time-stamped, with a tracked status. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly registrations: RegistrationsService,
    private readonly persons: PersonsService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, registrationId: string, kind: ReferralKind, req: CreateReferralRequest | CreateEscalationRequest): Promise<ReferralView> {
    const registration = await this.registrations.findForCase(caller, registrationId);
    if (!registration) throw RegistrationError.missing();
    requireActFor(caller, registration.receivingMunicipality, 'receivingMunicipality');
    const at = this.instant(req.at);
    const id = randomUUID();
    await this.referrals.insert(
      {
        id,
        kind,
        registrationId,
        personId: registration.personId,
        municipality: registration.receivingMunicipality,
        target: req.target,
        organisation: req.organisation ?? null,
        note: req.note ?? null,
        at: new Date(at),
        status: ReferralStatus.REQUESTED,
      },
      caller.sub,
    );
    if (registration.personBsn) await this.logPerson(registration.personBsn, ProcessingAction.CREATE, id, registration.receivingMunicipality);
    return this.load(id);
  }

  async list(caller: Caller, registrationId: string): Promise<{ items: ReferralView[] }> {
    requireRole(caller, ...CASE_READERS);
    const registration = await this.registrations.findForCase(caller, registrationId);
    if (!registration) throw RegistrationError.missing();
    const rows = await this.referrals.forRegistration(registrationId);
    if (rows.length && registration.personBsn) await this.logPerson(registration.personBsn, ProcessingAction.READ, registrationId, registration.receivingMunicipality);
    const history = await this.referrals.historyOf(rows.map((r) => r.id));
    return { items: rows.map((r) => view(r, history)) };
  }

  async get(caller: Caller, id: string): Promise<ReferralView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.referrals.find(id), () => this.notFound(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    await this.logPersonOf(row, ProcessingAction.READ);
    return view(row, await this.referrals.historyOf([row.id]));
  }

  @Transactional()
  async setStatus(caller: Caller, id: string, req: ReferralStatusRequest): Promise<ReferralView> {
    const row = foundOr404(await this.referrals.find(id, true), () => this.notFound(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    if (CLOSED_STATUSES.includes(row.status)) {
      throw DomainError.conflict(ReferralErrorCode.REFERRAL_CLOSED, `the ${row.kind.toLowerCase()} is ${row.status} and cannot change`, [
        { name: 'status', code: ReferralErrorCode.REFERRAL_CLOSED, reason: `already ${row.status}` },
      ]);
    }
    const at = this.instant(req.at);
    if (at < row.statusAt.toISOString()) throw DomainError.invalidField(ReferralErrorCode.BEFORE_LAST_STATUS, 'at', `at lies before the last status change (${row.statusAt.toISOString()})`, 422);
    await this.referrals.setStatus(id, req.status, new Date(at));
    await this.referrals.addStatus(id, req.status, new Date(at), req.note ?? null, caller.sub);
    await this.logPersonOf(row, ProcessingAction.UPDATE);
    return this.load(id);
  }

  private instant(at: string | undefined): string {
    const now = this.clock.now();
    if (!at) return now.toISOString();
    const d = new Date(at);
    if (d.getTime() > now.getTime() + 60_000) throw DomainError.invalidField(ReferralErrorCode.AT_IN_FUTURE, 'at', 'at lies in the future');
    return d.toISOString();
  }

  /** A referral this request wrote, as the caller sees it. */
  private async load(id: string): Promise<ReferralView> {
    const row = mustExist(await this.referrals.find(id), `referral ${id}`);
    return view(row, await this.referrals.historyOf([id]));
  }

  private async logPersonOf(row: ReferralEntity, action: ProcessingAction): Promise<void> {
    const bsn = row.personId ? await this.persons.bsnOf(row.personId) : undefined;
    if (bsn) await this.logPerson(bsn, action, row.id, row.municipality);
  }

  private notFound(): ReferralError {
    return new ReferralError(ReferralErrorCode.REFERRAL_NOT_FOUND, 'no such referral or escalation in your municipalities', 404);
  }

  private logPerson(bsn: string, action: ProcessingAction, resourceId: string, municipality: string): Promise<void> {
    return this.log.record({ bsn, action, purpose: Purpose.REFERRAL, legalBasis: legalBasis(), resource: 'referral', resourceId, municipality });
  }
}
