import { Injectable, Logger } from '@nestjs/common';
import {
  DeliveryForm,
  IdentityPurpose,
  lawOfCategory,
  PERSON_IDENTITY_GET,
  PersonIdentityReply,
  PersonIdentityRequest,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
} from '@vangnet/contracts';
import { PoisonEventError, RpcClient, RpcRequestError } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { ArchiveService } from '../archive/archive.service';
import { gemeentecodeOf, newIdentification, standardOfLaw } from '../shared/codes';
import { correspondenceAddresses } from '../shared/correspondence';
import { AssignmentEntity } from './assignments.entity';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentTerms, build301, currentAssignments, termsOf } from './assignments.rules';

/** What the requests feature tells the 301: the provider's reference of a request, and that a 301 answered it. */
export interface RequestLink {
  referenceOf(requestId: string): Promise<string | undefined>;
  answeredBy301(requestId: string, messageId: string): Promise<void>;
}

/** Access may answer identity questions for the paying municipality, or only for the deciding one. */
const IDENTITY_TIMEOUT_MS = Number(process.env.EXCHANGE_IDENTITY_TIMEOUT_MS ?? 2000);

/**
 * Assignments: access's in-kind provisions with a provider, kept per lineage, and the 301 that
 * tells the provider all current assignments of the client whenever one is granted, changed or
 * ended. A client with a safety flag is never sent (ARCHITECTURE §6): the 301 is HELD, visible to
 * the municipality, and counts as sent for the cross-message rules of the provider's 305s and 323s.
 */
@Injectable()
export class AssignmentsService {
  private readonly logger = new Logger(AssignmentsService.name);
  private requests?: RequestLink;
  private readonly correspondence = correspondenceAddresses();

  constructor(
    private readonly repo: AssignmentsRepository,
    private readonly archive: ArchiveService,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
  ) {}

  /** The requests feature registers itself when its module starts (it depends on this one, not the other way). */
  provideRequests(link: RequestLink): void {
    this.requests = link;
  }

  byNumbers(responsibleMunicipality: string, numbers: number[]): Promise<AssignmentEntity[]> {
    return this.repo.byNumbers(responsibleMunicipality, numbers);
  }

  /** A granted or changed version, in the inbox's transaction. Versions may arrive in any order: the highest wins. */
  async applyProvision(data: ProvisionGrantedV1 | ProvisionChangedV1): Promise<void> {
    if (data.deliveryForm !== DeliveryForm.IN_KIND || !data.providerAgb) return;
    if (data.assignmentNumber === undefined) throw new PoisonEventError('NO_ASSIGNMENT_NUMBER', `provision ${data.provisionId} has no assignmentNumber: no 301 can number it`);
    const existing = await this.repo.find(data.lineageId, true);
    if (existing && existing.version > data.version) return;
    const row: AssignmentEntity = {
      lineageId: data.lineageId,
      assignmentNumber: data.assignmentNumber,
      responsibleMunicipality: data.responsibleMunicipality,
      municipality: data.municipality,
      providerAgb: data.providerAgb,
      personId: data.personId,
      personPseudonym: data.personPseudonym,
      law: data.law ?? lawOfCategory(data.product.category),
      category: data.product.category,
      productCode: data.product.code ?? null,
      volume: data.volume ? { ...data.volume, ...(data.variant ? { variant: data.variant } : {}) } : null,
      budgetCents: data.budgetCents ?? null,
      tariffUnit: data.tariffUnit ?? null,
      // The assignment runs from the lineage's first day; a version changes its terms from validFrom.
      startDate: existing?.startDate && existing.startDate < data.period.start ? existing.startDate : data.period.start,
      endDate: existing?.endReason ? existing.endDate : (data.period.end ?? null),
      endReason: existing?.endReason ?? null,
      changeReason: 'changeReason' in data && data.changeReason ? data.changeReason : (existing?.changeReason ?? null),
      version: data.version,
      requestId: data.requestId ?? existing?.requestId ?? null,
      assignedAt: this.clock.now(),
    };
    await this.repo.save(row);
    await this.send301(row);
  }

  /** The lineage ends: the 301 carries its end date and reason. An end before its grant arrives waits for it (retried). */
  async applyEnd(data: ProvisionEndedV1): Promise<void> {
    const existing = await this.repo.find(data.lineageId, true);
    if (!existing) {
      // Not an in-kind assignment with a provider (nothing to tell), or its grant is still on its way.
      if (data.providerAgb && data.assignmentNumber !== undefined) throw new Error(`the grant of lineage ${data.lineageId} has not arrived yet`);
      return;
    }
    if (existing.endReason && existing.endDate === data.endDate) return;
    existing.endDate = data.endDate;
    existing.endReason = data.reason;
    existing.assignedAt = this.clock.now();
    await this.repo.save(existing);
    await this.send301(existing);
  }

  private async send301(touched: AssignmentEntity): Promise<void> {
    const rows = (await this.repo.ofClient(touched.personId, touched.providerAgb, touched.responsibleMunicipality)).filter((r) => r.law === touched.law);
    const today = this.clock.today();
    const current = currentAssignments(rows, today, touched.assignmentNumber);
    const identity = await this.identity(touched);
    const terms: AssignmentTerms[] = [];
    for (const r of current) terms.push(termsOf(r, r.requestId ? await this.requests?.referenceOf(r.requestId) : undefined));
    const message = build301({
      standard: standardOfLaw(touched.law),
      sender: gemeentecodeOf(touched.responsibleMunicipality),
      providerAgb: touched.providerAgb,
      identificatie: newIdentification(),
      dagtekening: today,
      identity,
      assignments: terms,
      correspondence: this.correspondence[touched.responsibleMunicipality],
    });
    const held = identity.safetyFlag;
    const sent = await this.archive.recordOutbound({ message, providerAgb: touched.providerAgb, municipality: touched.responsibleMunicipality, held });
    if (held) this.logger.warn(`301 ${sent.id} held: the client has a safety flag; tell provider ${touched.providerAgb} outside the exchange`);
    for (const r of current) if (r.requestId) await this.requests?.answeredBy301(r.requestId, sent.id);
  }

  /** Who the client is, as the paying municipality (else the deciding one) knows them; access logs the question. */
  private async identity(a: AssignmentEntity): Promise<PersonIdentityReply> {
    const ask = (municipality: string) =>
      this.rpc.request<PersonIdentityReply>(PERSON_IDENTITY_GET, { personId: a.personId, municipality, purpose: IdentityPurpose.ISTANDAARD_MESSAGE } satisfies PersonIdentityRequest, {
        reply: PersonIdentityReply,
        timeoutMs: IDENTITY_TIMEOUT_MS,
      });
    try {
      return await ask(a.responsibleMunicipality);
    } catch (e) {
      if (e instanceof RpcRequestError && e.code === 'PERSON_NOT_FOUND' && a.municipality !== a.responsibleMunicipality) return this.identityOr(() => ask(a.municipality));
      return this.identityOr(() => Promise.reject(e));
    }
  }

  private async identityOr(ask: () => Promise<PersonIdentityReply>): Promise<PersonIdentityReply> {
    try {
      return await ask();
    } catch (e) {
      // A person access cannot identify will never be: a dead letter with the reason. NO_RESPONDER and TIMEOUT are retried.
      if (e instanceof RpcRequestError && ['PERSON_NOT_FOUND', 'IDENTITY_INCOMPLETE', 'CALLER_NOT_ALLOWED', 'VALIDATION_FAILED'].includes(e.code)) {
        throw new PoisonEventError(e.code, `access.person.identity.get: ${e.message}`);
      }
      throw e;
    }
  }
}
