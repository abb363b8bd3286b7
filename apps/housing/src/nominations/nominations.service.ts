import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuthError, Caller, hasRole, ProcessingAction, ProcessingLog, requireActFor, requireRead } from '@vangnet/auth';
import {
  IdentityPurpose,
  IsoDate,
  LEASE_SIGNED_V1,
  LeaseSignedV1,
  NOMINATION_ANSWERED_V1,
  NOMINATION_MADE_V1,
  NominationAnsweredV1,
  NominationMadeV1,
  NominationScheme,
  OrgKind,
  PERSON_IDENTITY_GET,
  PersonIdentityReply,
  PersonIdentityRequest,
  PlaceFeature,
  Role,
  yearOf,
} from '@vangnet/contracts';
import { Outbox, RpcClient, RpcRequestError, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { OutflowService } from '../outflow/outflow.service';
import { PlacementsService } from '../placements/placements.service';
import { QuotasService } from '../quotas/quotas.service';
import { CONSENT, Purpose, WMO_PROCESSING } from '../shared/processing';
import { WaitingListService } from '../waiting-list/waiting-list.service';
import { AnswerNominationRequest, CorporationNominationView, CreateNominationRequest, NominationListQuery, NominationView } from './nominations.dto';
import { NominationEntity } from './nominations.entity';
import { NominationError, NominationErrorCode } from './nominations.errors';
import { NominationsRepository } from './nominations.repository';
import { corporationResident, nominationProblems } from './nominations.rules';

type Identity = { name: PersonIdentityReply['name'] } | { unavailable: string };

/** How long a corporation's read waits for access's answer with the name. */
const IDENTITY_TIMEOUT_MS = 2000;

/**
 * Nominations of residents ready for a home to corporations, and the corporations' answers. A
 * corporation reads only its own nominations, and of the resident only the name (asked from
 * access with the purpose HOUSING_NOMINATION, while the consent holds), the household's size and
 * the needs: never care, diagnosis or provision data.
 */
@Injectable()
export class NominationsService {
  private readonly logger = new Logger(NominationsService.name);

  constructor(
    private readonly repo: NominationsRepository,
    private readonly outflow: OutflowService,
    private readonly placements: PlacementsService,
    private readonly quotas: QuotasService,
    private readonly waitingList: WaitingListService,
    private readonly rpc: RpcClient,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateNominationRequest): Promise<NominationView> {
    const readiness = await this.outflow.readiness(caller, req.readinessId, true);
    requireActFor(caller, readiness.municipality, 'municipality');
    requireActFor(caller, req.municipality, 'municipality');
    const today = this.clock.today();
    const placement = await this.placements.runningFor(readiness.personId);
    const problems = nominationProblems({ readiness, consented: this.outflow.consented(readiness, today), hasRunningPlacement: placement !== undefined, today });
    if (problems.length) {
      const first = problems[0];
      throw new NominationError(first.code as NominationErrorCode, problems.map((p) => p.reason).join('; '), first.code === NominationErrorCode.NOMINATION_OPEN ? 409 : 422, problems);
    }
    const running = mustExist(placement, 'placement');
    const quotaYear = yearOf(today);
    if (req.scheme === NominationScheme.QUOTA) await this.quotas.consume({ corporation: req.corporation, municipality: req.municipality, year: quotaYear });
    const id = randomUUID();
    await this.repo.insert({
      id,
      readinessId: readiness.id,
      placementId: running.id,
      personId: readiness.personId,
      personPseudonym: readiness.personPseudonym,
      placementMunicipality: running.municipality,
      responsibleMunicipality: running.responsibleMunicipality,
      provisionLineageId: running.provisionLineageId,
      corporation: req.corporation,
      municipality: req.municipality,
      scheme: req.scheme,
      quotaYear,
      status: 'NOMINATED',
      nominatedOn: today,
      householdSize: await this.waitingList.householdSize(readiness.personId, null, today),
      needs: readiness.needs,
      answeredOn: null,
      leaseStart: null,
      address: null,
      declineReason: null,
      leaseSignedOn: null,
      createdBy: actorOf(caller),
      answeredBy: null,
    });
    await this.outflow.move(readiness.id, 'NOMINATED');
    const data: NominationMadeV1 = { nominationId: id, corporation: req.corporation, municipality: req.municipality, quotaYear, scheme: req.scheme };
    await this.outbox.publish({ type: NOMINATION_MADE_V1, data, municipality: req.municipality });
    const row = mustExist(await this.repo.find(id), `nomination ${id}`);
    await this.record(ProcessingAction.CREATE, row, Purpose.OUTFLOW, WMO_PROCESSING);
    return officerView(row);
  }

  /** The corporation answers its own nomination: a home from a lease start, or no with a reason. */
  @Transactional()
  async answer(caller: Caller, id: string, req: AnswerNominationRequest): Promise<CorporationNominationView> {
    const n = await this.ownNomination(caller, id, true);
    if (n.status !== 'NOMINATED') throw NominationError.conflict(NominationErrorCode.NOMINATION_ANSWERED, `nomination ${id} was answered on ${n.answeredOn}`);
    const today = this.clock.today();
    if (req.accepted) {
      const leaseStart = mustExist(req.leaseStart, 'leaseStart');
      if (leaseStart < n.nominatedOn) {
        throw new ValidationFailedError([{ name: 'leaseStart', code: NominationErrorCode.LEASE_BEFORE_NOMINATION, reason: `the nomination was made on ${n.nominatedOn}` }]);
      }
      await this.repo.update(id, { status: 'ACCEPTED', answeredOn: today, leaseStart, address: mustExist(req.address, 'address'), answeredBy: actorOf(caller) });
    } else {
      await this.repo.update(id, { status: 'DECLINED', answeredOn: today, declineReason: mustExist(req.reason, 'reason'), answeredBy: actorOf(caller) });
      if (n.scheme === NominationScheme.QUOTA) await this.quotas.release({ corporation: n.corporation, municipality: n.municipality, year: n.quotaYear });
      await this.outflow.move(n.readinessId, 'READY');
    }
    const data: NominationAnsweredV1 = {
      nominationId: id,
      corporation: n.corporation,
      municipality: n.municipality,
      accepted: req.accepted,
      answeredOn: today,
      ...(req.accepted ? { leaseStart: req.leaseStart } : { reason: req.reason }),
    };
    await this.outbox.publish({ type: NOMINATION_ANSWERED_V1, data, municipality: n.municipality });
    return this.corporationView(mustExist(await this.repo.find(id), `nomination ${id}`));
  }

  /**
   * The lease is signed in the resident's name (the corporation, or the officer for it):
   * `housing.lease.signed` (access puts "intramural to ambulant" on the caseworker's worklist) and
   * the placement ends the night before the lease starts.
   */
  @Transactional()
  async leaseSigned(caller: Caller, id: string, signedOn?: IsoDate): Promise<NominationView | CorporationNominationView> {
    const corporation = caller.orgKind === OrgKind.CORPORATION;
    const n = corporation ? await this.ownNomination(caller, id, true) : await this.officerNomination(caller, id, true);
    if (!corporation) requireActFor(caller, n.placementMunicipality, 'municipality');
    if (n.status !== 'ACCEPTED') throw NominationError.conflict(NominationErrorCode.NOT_ACCEPTED, `nomination ${id} is ${n.status.toLowerCase()}: a lease follows an accepted nomination`);
    const today = this.clock.today();
    const on = signedOn ?? today;
    if (on > today) throw NominationError.invalidField(NominationErrorCode.SIGNED_IN_FUTURE, 'signedOn', `signedOn lies after today (${today})`, 422);
    const leaseStart = mustExist(n.leaseStart, 'leaseStart');
    await this.repo.update(id, { status: 'LEASE_SIGNED', leaseSignedOn: on });
    const data: LeaseSignedV1 = {
      placementId: n.placementId,
      personId: n.personId,
      personPseudonym: n.personPseudonym,
      corporation: n.corporation,
      municipality: n.placementMunicipality,
      leaseStart,
      nominationId: n.id,
      ...(n.provisionLineageId ? { provisionLineageId: n.provisionLineageId } : {}),
    };
    await this.outbox.publish({ type: LEASE_SIGNED_V1, data, municipality: n.placementMunicipality });
    await this.placements.endForLease(n.placementId, leaseStart, actorOf(caller));
    await this.outflow.move(n.readinessId, 'HOUSED');
    const row = mustExist(await this.repo.find(id), `nomination ${id}`);
    return corporation ? this.corporationView(row) : officerView(row);
  }

  async get(caller: Caller, id: string): Promise<NominationView | CorporationNominationView> {
    if (caller.orgKind === OrgKind.CORPORATION) return this.corporationView(await this.ownNomination(caller, id));
    const n = await this.officerNomination(caller, id);
    await this.record(ProcessingAction.READ, n, Purpose.OUTFLOW, WMO_PROCESSING);
    return officerView(n);
  }

  async list(caller: Caller, q: NominationListQuery): Promise<Page<NominationView | CorporationNominationView>> {
    const limit = q.limit ?? 100;
    const after = decodeCursor<{ id: string }>(q.cursor)?.id;
    if (caller.orgKind === OrgKind.CORPORATION) {
      if (q.corporation && q.corporation !== caller.orgId) return { items: [], nextCursor: null };
      const rows = await this.repo.list({ corporation: caller.orgId, municipalities: q.municipality ? [q.municipality] : undefined, status: q.status, after, limit: limit + 1 });
      const page = toPage(rows, limit, (last) => ({ id: last.id }));
      return { items: await this.corporationViews(page.items), nextCursor: page.nextCursor };
    }
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const rows = await this.repo.list({ corporation: q.corporation, municipalities: q.municipality ? [q.municipality] : caller.municipalities, status: q.status, after, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    for (const n of page.items) await this.record(ProcessingAction.READ, n, Purpose.OUTFLOW, WMO_PROCESSING);
    return { items: page.items.map(officerView), nextCursor: page.nextCursor };
  }

  // For eviction signals.

  /** A corporation's own nomination that became its tenancy (lease signed). */
  async ownTenancy(caller: Caller, id: string): Promise<NominationEntity> {
    return this.ownNomination(caller, id);
  }

  // Internals.

  private async ownNomination(caller: Caller, id: string, lock = false): Promise<NominationEntity> {
    if (!hasRole(caller, Role.CORPORATION)) throw AuthError.forbidden('only the corporation answers its nominations');
    return foundOr404(await this.repo.find(id, lock), () => NominationError.missing(id), (n) => n.corporation === caller.orgId);
  }

  private async officerNomination(caller: Caller, id: string, lock = false): Promise<NominationEntity> {
    if (!hasRole(caller, Role.HOUSING_PLACEMENT_OFFICER)) throw AuthError.forbidden('this needs the role housing.placement-officer');
    return foundOr404(await this.repo.find(id, lock), () => NominationError.missing(id), (n) => caller.municipalities.includes(n.placementMunicipality) || caller.municipalities.includes(n.municipality));
  }

  private async corporationView(n: NominationEntity): Promise<CorporationNominationView> {
    return (await this.corporationViews([n]))[0];
  }

  /**
   * The corporation's view: the name from access while the consent holds, and nothing of care.
   * The database is read one row after another, access is asked for all names at once.
   */
  private async corporationViews(rows: NominationEntity[]): Promise<CorporationNominationView[]> {
    const before: Array<Identity | undefined> = [];
    for (const n of rows) before.push(await this.withoutName(n));
    const identities = await Promise.all(rows.map((n, i) => before[i] ?? this.askName(n)));
    for (const n of rows) await this.record(ProcessingAction.READ, n, Purpose.NOMINATION, CONSENT);
    return rows.map((n, i) => ({
      id: n.id,
      corporation: n.corporation,
      municipality: n.municipality,
      scheme: n.scheme as NominationScheme,
      quotaYear: n.quotaYear,
      status: n.status,
      nominatedOn: n.nominatedOn,
      resident: corporationResident(identities[i], n.householdSize, n.needs),
      answeredOn: n.answeredOn,
      leaseStart: n.leaseStart,
      address: n.address,
      declineReason: n.declineReason,
      leaseSignedOn: n.leaseSignedOn,
      version: n.version,
    }));
  }

  /**
   * Why no name may go to the corporation, if that is so: no consent (any more), a declined
   * nomination, or a safety flag (never sent to a partner, ARCHITECTURE §6).
   */
  private async withoutName(n: NominationEntity): Promise<Identity | undefined> {
    const readiness = await this.outflow.find(n.readinessId);
    if (!readiness || !this.outflow.consented(readiness)) return { unavailable: 'CONSENT_WITHDRAWN' };
    if (n.status === 'DECLINED') return { unavailable: 'NOMINATION_DECLINED' };
    if (await this.waitingList.safetyFlagged(n.personId)) return { unavailable: 'SAFETY_FLAG' };
    return undefined;
  }

  /** The resident's name from access (`access.person.identity.get`, purpose HOUSING_NOMINATION; access logs its answer too). */
  private async askName(n: NominationEntity): Promise<Identity> {
    const question: PersonIdentityRequest = { personId: n.personId, municipality: n.responsibleMunicipality, purpose: IdentityPurpose.HOUSING_NOMINATION };
    try {
      const reply = await this.rpc.request<PersonIdentityReply>(PERSON_IDENTITY_GET, question, { reply: PersonIdentityReply, timeoutMs: IDENTITY_TIMEOUT_MS });
      return reply.safetyFlag ? { unavailable: 'SAFETY_FLAG' } : { name: reply.name };
    } catch (e) {
      if (e instanceof RpcRequestError) {
        this.logger.warn(`${PERSON_IDENTITY_GET} for nomination ${n.id}: ${e.code}`);
        return { unavailable: e.code };
      }
      throw e;
    }
  }

  private async record(action: ProcessingAction, n: NominationEntity, purpose: Purpose, legalBasis: string): Promise<void> {
    await this.log.record({ pseudonym: n.personPseudonym, action, purpose, legalBasis, resource: 'nomination', resourceId: n.id, municipality: n.placementMunicipality });
  }
}

function officerView(n: NominationEntity): NominationView {
  return {
    id: n.id,
    corporation: n.corporation,
    municipality: n.municipality,
    scheme: n.scheme as NominationScheme,
    quotaYear: n.quotaYear,
    status: n.status,
    nominatedOn: n.nominatedOn,
    answeredOn: n.answeredOn,
    leaseStart: n.leaseStart,
    address: n.address,
    declineReason: n.declineReason,
    leaseSignedOn: n.leaseSignedOn,
    version: n.version,
    readinessId: n.readinessId,
    placementId: n.placementId,
    personId: n.personId,
    personPseudonym: n.personPseudonym,
    responsibleMunicipality: n.responsibleMunicipality,
    householdSize: n.householdSize,
    needs: n.needs as PlaceFeature[],
  };
}
