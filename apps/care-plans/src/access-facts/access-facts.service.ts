import { Injectable } from '@nestjs/common';
import { AuthError, Caller, isMunicipal, ProcessingAction, ProcessingLog, requireRead } from '@vangnet/auth';
import { decodeCursor, Page, toPage } from '@vangnet/platform';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { HouseholdListQuery, HouseholdView } from './access-facts.dto';
import { HouseholdChangedV1, lawOfCategory, LifeDomainChangedV1, ProvisionEndedV1, ProvisionGrantedV1 } from '@vangnet/contracts';
import { HouseholdEntity, HouseholdMemberEntity, LifeDomainEntity, ProvisionEntity } from './access-facts.entity';
import { AccessFactsRepository, HouseholdProviderRow } from './access-facts.repository';

/** Told when a household's provisions changed (signals re-count professionals). */
export type ProvisionListener = (householdIds: string[]) => Promise<void>;

/**
 * What care plans know from access, as read models kept from its events: households and their
 * members, the region's life domains and scales, and the provision lineages of every member.
 * Each event applies once (the inbox) and in any order (versions and revisions).
 */
@Injectable()
export class AccessFactsService {
  private readonly listeners: ProvisionListener[] = [];

  constructor(
    private readonly repo: AccessFactsRepository,
    private readonly log: ProcessingLog,
  ) {}

  /** A municipal coordinator's households (to open a plan for), members without names. */
  async listHouseholds(caller: Caller, q: HouseholdListQuery): Promise<Page<HouseholdView>> {
    if (!isMunicipal(caller)) throw AuthError.forbidden('a municipality opens plans for its households');
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.householdsIn(q.municipality ? [q.municipality] : caller.municipalities, decodeCursor<{ id: string }>(q.cursor)?.id, limit + 1);
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    const members = await this.repo.membersOfHouseholds(page.items.map((h) => h.id));
    await this.log.record(members.map((m) => ({ pseudonym: m.personPseudonym, action: ProcessingAction.READ, purpose: Purpose.CARE_PLAN, legalBasis: WMO_PROCESSING, resource: 'household', resourceId: m.householdId, municipality: page.items.find((h) => h.id === m.householdId)?.municipality })));
    return {
      items: page.items.map((h) => ({
        householdId: h.id,
        municipality: h.municipality,
        members: members.filter((m) => m.householdId === h.id).map((m) => ({ personId: m.personId, role: m.role, from: m.validFrom, to: m.validTo, minorOn: m.minorOn })),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** A higher feature asks to hear about provision changes (ADR 0048: no forwardRef). */
  onProvisionChanged(listener: ProvisionListener): void {
    this.listeners.push(listener);
  }

  async applyHousehold(data: HouseholdChangedV1): Promise<void> {
    await this.repo.lock(`household:${data.householdId}`);
    const current = await this.repo.household(data.householdId);
    if (current && current.version >= data.version) return;
    const members = [...new Map(data.members.map((m) => [`${m.personId}|${m.from}`, m])).values()].map(
      (m): HouseholdMemberEntity => ({
        householdId: data.householdId,
        personId: m.personId,
        validFrom: m.from,
        validTo: m.to ?? null,
        personPseudonym: m.personPseudonym,
        role: m.role,
        minorOn: m.minorOn ?? null,
      }),
    );
    await this.repo.replaceHousehold({ id: data.householdId, municipality: data.municipality, version: data.version }, members);
    await this.notify([data.householdId]);
  }

  async applyLifeDomain(data: LifeDomainChangedV1): Promise<void> {
    await this.repo.lock(`domain:${data.code}`);
    const current = await this.repo.domain(data.code);
    if (current && current.revision >= data.revision) return;
    await this.repo.upsertDomain({
      code: data.code,
      label: data.label,
      scaleMin: data.scaleMin,
      scaleMax: data.scaleMax,
      active: data.active,
      framework: data.framework ?? null,
      position: data.position ?? null,
      revision: data.revision,
    });
  }

  /** A granted or changed version: only a higher version replaces what is kept; an end stays. */
  async applyProvision(data: ProvisionGrantedV1): Promise<void> {
    await this.repo.lock(`lineage:${data.lineageId}`);
    const current = await this.repo.provision(data.lineageId);
    if (current && current.version >= data.version) return;
    await this.repo.upsertProvision({
      lineageId: data.lineageId,
      version: data.version,
      provisionId: data.provisionId,
      personId: data.personId,
      personPseudonym: data.personPseudonym,
      householdId: data.householdId ?? current?.householdId ?? null,
      category: data.product.category,
      productCode: data.product.code ?? null,
      deliveryForm: data.deliveryForm,
      providerAgb: data.providerAgb ?? null,
      periodStart: data.period.start,
      periodEnd: data.period.end ?? null,
      municipality: data.municipality,
      responsibleMunicipality: data.responsibleMunicipality,
      law: data.law ?? lawOfCategory(data.product.category),
      volumeAmount: data.volume?.amount ?? null,
      volumeUnit: data.volume?.unit ?? null,
      volumeFrequency: data.volume?.frequency ?? null,
      budgetCents: data.budgetCents ?? null,
      tariffCents: data.tariffCents ?? null,
      crisis: data.crisis,
      endedOn: current?.endedOn ?? null,
      endReason: current?.endReason ?? null,
    });
    await this.notify(await this.householdsOf(data.personId, data.householdId));
  }

  async applyProvisionEnd(data: ProvisionEndedV1): Promise<void> {
    await this.repo.lock(`lineage:${data.lineageId}`);
    const current = await this.repo.provision(data.lineageId);
    if (current) {
      await this.repo.endProvision(data.lineageId, data.endDate, data.reason);
    } else {
      // The end arrived before the grant: keep it, the grant fills in the rest.
      await this.repo.upsertProvision(endOnly(data));
    }
    const personId = current?.personId ?? data.personId;
    if (personId) await this.notify(await this.householdsOf(personId, current?.householdId ?? undefined));
  }

  // Reads for the other features.

  household(id: string): Promise<HouseholdEntity | undefined> {
    return this.repo.household(id);
  }

  membersOf(householdId: string): Promise<HouseholdMemberEntity[]> {
    return this.repo.membersOf(householdId);
  }

  householdIdsOf(personId: string): Promise<string[]> {
    return this.repo.householdIdsOf(personId);
  }

  domain(code: string): Promise<LifeDomainEntity | undefined> {
    return this.repo.domain(code);
  }

  domains(): Promise<LifeDomainEntity[]> {
    return this.repo.allDomains();
  }

  provision(lineageId: string): Promise<ProvisionEntity | undefined> {
    return this.repo.provision(lineageId);
  }

  provisionsByLineage(lineageIds: string[]): Promise<ProvisionEntity[]> {
    return this.repo.provisionsByLineage(lineageIds);
  }

  providersOfHouseholds(householdIds: string[]): Promise<HouseholdProviderRow[]> {
    return this.repo.providersOfHouseholds(householdIds);
  }

  provisionsOfHousehold(householdId: string): Promise<ProvisionEntity[]> {
    return this.repo.provisionsOfHousehold(householdId);
  }

  private async householdsOf(personId: string, householdId?: string): Promise<string[]> {
    const ids = new Set(await this.repo.householdIdsOf(personId));
    if (householdId) ids.add(householdId);
    return [...ids];
  }

  private async notify(householdIds: string[]): Promise<void> {
    if (!householdIds.length) return;
    for (const l of this.listeners) await l(householdIds);
  }
}

function endOnly(data: ProvisionEndedV1): Omit<ProvisionEntity, 'updatedAt'> {
  return {
    lineageId: data.lineageId,
    version: 0,
    provisionId: null,
    personId: data.personId ?? null,
    personPseudonym: null,
    householdId: null,
    category: null,
    productCode: null,
    deliveryForm: null,
    providerAgb: data.providerAgb ?? null,
    periodStart: null,
    periodEnd: null,
    municipality: data.municipality ?? null,
    responsibleMunicipality: data.responsibleMunicipality ?? null,
    law: null,
    volumeAmount: null,
    volumeUnit: null,
    volumeFrequency: null,
    budgetCents: null,
    tariffCents: null,
    crisis: false,
    endedOn: data.endDate,
    endReason: data.reason,
  };
}
