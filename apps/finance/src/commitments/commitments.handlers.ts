import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
  TARIFF_PUBLISHED_V1,
  TariffPublishedV1,
} from '@vangnet/contracts';
import { InboxEvent, OnEvent, OnEventBatch, PoisonEventError } from '@vangnet/messaging';
import { TariffsService } from '../tariffs/tariffs.service';
import { CommitmentProjector } from './commitment.projector';
import { CommitmentsRepository, NewVersion, versionKey } from './commitments.repository';

/**
 * Access's provision events and procurement's tariffs, as facts. Each handler stores the fact
 * (idempotently, keyed by provision id / lineage + version / event id) and marks the lineage; the
 * projector recomputes its commitments from all facts, so order and replays do not matter.
 */
@Injectable()
export class CommitmentsHandlers {
  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly tariffs: TariffsService,
    private readonly projector: CommitmentProjector,
  ) {}

  // Versions a batch at a time (ADR 0016): one set-based statement stores them and notes their
  // lineages for the projector, in the inbox's transaction.
  @OnEventBatch(PROVISION_GRANTED_V1, ProvisionGrantedV1)
  async granted(events: InboxEvent<ProvisionGrantedV1>[]): Promise<void> {
    await this.storeVersions(events.map((e) => newVersion(e.data, e.envelope.id, null)));
  }

  @OnEventBatch(PROVISION_CHANGED_V1, ProvisionChangedV1)
  async changed(events: InboxEvent<ProvisionChangedV1>[]): Promise<void> {
    await this.storeVersions(events.map((e) => newVersion(e.data, e.envelope.id, e.data.previousProvisionId)));
  }

  @OnEvent(PROVISION_ENDED_V1, ProvisionEndedV1)
  async ended(data: ProvisionEndedV1, event: EventEnvelope<ProvisionEndedV1>): Promise<void> {
    await this.repo.insertEnd({ eventId: event.id, lineageId: data.lineageId, provisionId: data.provisionId, endDate: data.endDate, reason: data.reason, eventTime: event.time });
    this.projector.schedule();
  }

  @OnEvent(TARIFF_PUBLISHED_V1, TariffPublishedV1)
  async tariffPublished(data: TariffPublishedV1, event: EventEnvelope<TariffPublishedV1>): Promise<void> {
    const row = {
      contractId: data.contractId,
      providerAgb: data.providerAgb,
      municipalities: [...data.municipalities].sort(),
      category: data.product.category,
      code: data.product.code ?? '',
      year: data.year,
      unit: data.unit,
      variant: data.variant,
      tariffCents: data.tariffCents,
      source: 'EVENT' as const,
    };
    const stored = await this.tariffs.store({ ...row, validFrom: data.validFrom, validTo: data.validTo ?? null, crisis: data.crisis, eventTime: event.time });
    if (stored && (await this.repo.markAffectedByTariff(row)) > 0) this.projector.schedule();
  }

  private async storeVersions(versions: NewVersion[]): Promise<void> {
    const stored = await this.repo.insertVersions(versions);
    if (stored.size) this.projector.schedule();
    // Nothing new for the rest: a replay of a stored version is fine; another provision claiming
    // its place is not (the batch rolls back, and the inbox finds that event applying them one by one).
    const rest = versions.filter((v) => !stored.has(v.provisionId));
    if (!rest.length) return;
    const holders = await this.repo.versionHolders(rest);
    for (const v of rest) {
      const holder = holders.get(versionKey(v.lineageId, v.version));
      if (holder && holder !== v.provisionId) {
        throw new PoisonEventError('VERSION_CONFLICT', `version ${v.version} of lineage ${v.lineageId} is already provision ${holder}, not ${v.provisionId}`);
      }
    }
  }
}

function newVersion(data: ProvisionGrantedV1, eventId: string, previousProvisionId: string | null): NewVersion {
  return {
    provisionId: data.provisionId,
    lineageId: data.lineageId,
    version: data.version,
    validFrom: data.validFrom,
    periodStart: data.period.start,
    periodEnd: data.period.end ?? null,
    deliveryForm: data.deliveryForm,
    category: data.product.category,
    productCode: data.product.code ?? null,
    providerAgb: data.providerAgb ?? null,
    volume: data.volume ? { amount: data.volume.amount, unit: data.volume.unit, frequency: data.volume.frequency } : null,
    budgetCents: data.budgetCents ?? null,
    contractId: data.contractId ?? null,
    tariffCents: data.tariffCents ?? null,
    tariffUnit: data.tariffUnit ?? null,
    variant: data.variant ?? null,
    municipality: data.municipality,
    responsibleMunicipality: data.responsibleMunicipality,
    personId: data.personId,
    personPseudonym: data.personPseudonym,
    decisionId: data.decisionId,
    householdId: data.householdId ?? null,
    crisis: data.crisis,
    previousProvisionId,
    eventId,
  };
}
