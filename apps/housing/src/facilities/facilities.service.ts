import { Injectable } from '@nestjs/common';
import { actorOf, AuthError, Caller, hasRole, mayRead, narrowToScope, NON_PERSONAL_DATA, requireActFor, requireOwnAgb, tenantScopeOf } from '@vangnet/auth';
import { FacilityType, OrgKind, PlaceFeature, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, decodeCursor, foundOr404, mustExist, Page, RegionConfig, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateFacilityRequest, FacilityDetailView, FacilityListQuery, FacilityView, PlaceListQuery, PlaceStatusRequest, PlaceView, UpdateFacilityRequest, UpdatePlaceRequest } from './facilities.dto';
import { FacilityEntity, PlaceEntity, PlaceStatus } from './facilities.entity';
import { FacilityError, FacilityErrorCode } from './facilities.errors';
import { FacilitiesRepository, PlaceRow } from './facilities.repository';
import { capacityPlan, occupancy } from './facilities.rules';

/** A facility with the status of each of its places: what distribution and the monitor count. */
export interface FacilityWithPlaces {
  facility: FacilityEntity;
  places: Array<{ id: string; status: PlaceStatus; features: string[] }>;
}

@Injectable()
export class FacilitiesService {
  constructor(
    private readonly repo: FacilitiesRepository,
    private readonly region: RegionConfig,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateFacilityRequest): Promise<FacilityDetailView> {
    requireActFor(caller, req.municipality, 'municipality');
    if (!this.region.isMember(req.municipality)) {
      throw FacilityError.invalidField(FacilityErrorCode.NOT_IN_REGION, 'municipality', `${req.municipality} is not a member of the region (${this.region.municipalities.join(', ')})`, 422);
    }
    const id = randomUUID();
    const features = [...new Set(req.features ?? [])].sort();
    await this.repo.insertFacility({
      id,
      name: req.name,
      type: req.type,
      municipality: req.municipality,
      neighbourhood: req.neighbourhood,
      providerAgb: req.providerAgb ?? null,
      ownerCorporation: req.ownerCorporation ?? null,
      capacity: req.capacity,
      features,
      createdBy: actorOf(caller),
    });
    await this.repo.insertPlaces(Array.from({ length: req.capacity }, (_, i) => ({ id: randomUUID(), facilityId: id, label: String(i + 1), status: 'FREE' as const, features })));
    return this.detail(mustExist(await this.repo.findFacility(id), `facility ${id}`));
  }

  /** Name, neighbourhood, operator, owner, default features and capacity; If-Match optional. */
  @Transactional()
  async update(caller: Caller, id: string, req: UpdateFacilityRequest, ifMatch?: string): Promise<FacilityDetailView> {
    const facility = foundOr404(await this.repo.findFacility(id, true), () => FacilityError.missing(id), (f) => mayRead(caller, { municipalities: [f.municipality] }, NON_PERSONAL_DATA));
    requireActFor(caller, facility.municipality, 'municipality');
    checkIfMatch(ifMatch, facility.version);
    if (req.capacity !== undefined && req.capacity !== facility.capacity) {
      const places = await this.repo.placesOf([id]);
      const { plan, problem } = capacityPlan(places, req.capacity);
      if (problem) throw new FacilityError(FacilityErrorCode.CAPACITY_BELOW_OCCUPANCY, problem.reason, 422, [problem]);
      const p = mustExist(plan, 'capacity plan');
      await this.repo.setStatuses(p.retire, 'RETIRED');
      await this.repo.setStatuses(p.reactivate, 'FREE');
      const features = req.features ?? facility.features;
      await this.repo.insertPlaces(p.add.map((label) => ({ id: randomUUID(), facilityId: id, label, status: 'FREE' as const, features })));
    }
    await this.repo.updateFacility(id, {
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.neighbourhood !== undefined ? { neighbourhood: req.neighbourhood } : {}),
      ...(req.providerAgb !== undefined ? { providerAgb: req.providerAgb } : {}),
      ...(req.ownerCorporation !== undefined ? { ownerCorporation: req.ownerCorporation } : {}),
      ...(req.capacity !== undefined ? { capacity: req.capacity } : {}),
      ...(req.features !== undefined ? { features: [...new Set(req.features)].sort() } : {}),
    });
    return this.detail(mustExist(await this.repo.findFacility(id), `facility ${id}`));
  }

  async get(caller: Caller, id: string): Promise<FacilityDetailView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return this.detail(foundOr404(await this.repo.findFacility(id), () => FacilityError.missing(id), (f) => visible(scope, f)));
  }

  async list(caller: Caller, q: FacilityListQuery): Promise<Page<FacilityView>> {
    const asked = narrowToScope(tenantScopeOf(caller, NON_PERSONAL_DATA), { municipalities: q.municipality ? [q.municipality] : undefined, providerAgb: q.providerAgb });
    if (!asked) return { items: [], nextCursor: null };
    const limit = q.limit ?? 100;
    const rows = await this.repo.listFacilities({ ...asked, type: q.type, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    const places = await this.repo.placesOf(page.items.map((f) => f.id));
    return { items: page.items.map((f) => facilityView(f, places.filter((p) => p.facilityId === f.id))), nextCursor: page.nextCursor };
  }

  async listPlaces(caller: Caller, q: PlaceListQuery): Promise<Page<PlaceView>> {
    const asked = narrowToScope(tenantScopeOf(caller, NON_PERSONAL_DATA), { municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [], nextCursor: null };
    const limit = q.limit ?? 100;
    const rows = await this.repo.listPlaces({ ...asked, facilityId: q.facilityId, facilityType: q.facilityType, status: q.status, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(placeView), nextCursor: page.nextCursor };
  }

  async getPlace(caller: Caller, id: string): Promise<PlaceView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return placeView(foundOr404(await this.repo.findPlace(id), () => FacilityError.missingPlace(id), (p) => visible(scope, p.facility)));
  }

  @Transactional()
  async updatePlace(caller: Caller, id: string, req: UpdatePlaceRequest): Promise<PlaceView> {
    const place = foundOr404(await this.repo.findPlace(id, true), () => FacilityError.missingPlace(id), (p) => mayRead(caller, { municipalities: [p.facility.municipality] }, NON_PERSONAL_DATA));
    requireActFor(caller, place.facility.municipality, 'municipality');
    await this.repo.updatePlace(id, { ...(req.label !== undefined ? { label: req.label } : {}), ...(req.features !== undefined ? { features: [...new Set(req.features)].sort() } : {}) });
    return placeView(mustExist(await this.repo.findPlace(id), `place ${id}`));
  }

  /**
   * A facility's operator (its provider) or a placement officer reports a place blocked or free
   * again. Only a free place can be blocked; asking for the status it has changes nothing.
   */
  @Transactional()
  async reportStatus(caller: Caller, id: string, req: PlaceStatusRequest): Promise<PlaceView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const place = foundOr404(await this.repo.findPlace(id, true), () => FacilityError.missingPlace(id), (p) => visible(scope, p.facility));
    if (caller.orgKind === OrgKind.PROVIDER) requireOwnAgb(caller, place.facility.providerAgb ?? '', 'providerAgb');
    else if (hasRole(caller, Role.HOUSING_PLACEMENT_OFFICER)) requireActFor(caller, place.facility.municipality, 'municipality');
    else throw AuthError.forbidden('only the facility’s provider or a placement officer reports a place’s status');
    if (place.status === req.status && (req.status === 'FREE' || place.blockedReason === req.reason)) return placeView(place);
    const from: PlaceStatus[] = req.status === 'BLOCKED' ? ['FREE', 'BLOCKED'] : ['BLOCKED'];
    if (!(await this.repo.moveStatus(id, from, req.status, req.status === 'BLOCKED' ? (req.reason ?? null) : null))) {
      throw FacilityError.invalidField(FacilityErrorCode.PLACE_IN_USE, 'status', `place ${id} is ${place.status.toLowerCase()}: only a free place can be blocked, only a blocked one freed`, 409);
    }
    return placeView(mustExist(await this.repo.findPlace(id), `place ${id}`));
  }

  // What the other features use; each checks its caller's scope itself.

  /** A place with its facility, whoever asks. */
  place(id: string, lock = false): Promise<PlaceRow | undefined> {
    return this.repo.findPlace(id, lock);
  }

  /** Free places, narrowed (municipalities of the facility, facility type). */
  freePlaces(f: { municipalities?: string[]; facilityType?: FacilityType }): Promise<PlaceRow[]> {
    return this.repo.listPlaces({ ...f, status: 'FREE' });
  }

  /**
   * Move a place between statuses for an offer or a placement: false when it is not in one of
   * `from` (another request was first). The row update is the guard; the offer table's unique
   * index is the second.
   */
  move(id: string, from: PlaceStatus[], to: PlaceStatus): Promise<boolean> {
    return this.repo.moveStatus(id, from, to);
  }

  async allWithPlaces(): Promise<FacilityWithPlaces[]> {
    const facilities = await this.repo.allFacilities();
    const places = await this.repo.placesOf(facilities.map((f) => f.id));
    const byFacility = new Map<string, PlaceEntity[]>();
    for (const p of places) byFacility.set(p.facilityId, [...(byFacility.get(p.facilityId) ?? []), p]);
    return facilities.map((facility) => ({ facility, places: (byFacility.get(facility.id) ?? []).map((p) => ({ id: p.id, status: p.status, features: p.features })) }));
  }

  private async detail(f: FacilityEntity): Promise<FacilityDetailView> {
    const places = await this.repo.listPlaces({ facilityId: f.id });
    return { ...facilityView(f, places), places: places.sort((a, b) => Number(a.label) - Number(b.label) || (a.label < b.label ? -1 : 1)).map(placeView) };
  }
}

function visible(scope: ReturnType<typeof tenantScopeOf>, f: FacilityEntity): boolean {
  if (scope.providerAgb !== undefined) return f.providerAgb === scope.providerAgb;
  return scope.regionWide || scope.municipalities.includes(f.municipality);
}

export function facilityView(f: FacilityEntity, places: ReadonlyArray<{ status: PlaceStatus }>): FacilityView {
  return {
    id: f.id,
    name: f.name,
    type: f.type as FacilityType,
    municipality: f.municipality,
    neighbourhood: f.neighbourhood,
    providerAgb: f.providerAgb,
    ownerCorporation: f.ownerCorporation,
    capacity: f.capacity,
    features: f.features as PlaceFeature[],
    occupancy: occupancy(places),
    version: f.version,
  };
}

export function placeView(p: PlaceRow): PlaceView {
  return {
    id: p.id,
    facilityId: p.facilityId,
    facilityName: p.facility.name,
    facilityType: p.facility.type as FacilityType,
    municipality: p.facility.municipality,
    neighbourhood: p.facility.neighbourhood,
    providerAgb: p.facility.providerAgb,
    label: p.label,
    status: p.status,
    features: p.features as PlaceFeature[],
    blockedReason: p.blockedReason,
    version: p.version,
  };
}
