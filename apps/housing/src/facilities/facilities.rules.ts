import { InvalidParam } from '@vangnet/contracts';
import { FacilityErrorCode } from './facilities.errors';
import { PlaceStatus } from './facilities.entity';

export interface PlaceState {
  id: string;
  label: string;
  status: PlaceStatus;
}

export interface CapacityPlan {
  /** Retired places to bring back, then new labels to add. */
  reactivate: string[];
  add: string[];
  /** Places to retire (FREE first, then BLOCKED; the highest labels first). */
  retire: string[];
}

/** Places in use: a reservation or a resident holds them. */
export function occupiedCount(places: readonly PlaceState[]): number {
  return places.filter((p) => p.status === 'OCCUPIED' || p.status === 'RESERVED').length;
}

/**
 * How to reach a new capacity: a capacity below the places in use (occupied or reserved) is
 * refused, naming `capacity`; otherwise free and blocked places retire, or retired ones return
 * and new ones are numbered after the highest label.
 */
export function capacityPlan(places: readonly PlaceState[], capacity: number): { plan?: CapacityPlan; problem?: InvalidParam } {
  const inUse = occupiedCount(places);
  if (capacity < inUse) {
    return { problem: { name: 'capacity', code: FacilityErrorCode.CAPACITY_BELOW_OCCUPANCY, reason: `${inUse} places are occupied or reserved; the capacity cannot go below that` } };
  }
  const active = places.filter((p) => p.status !== 'RETIRED');
  const byLabelDesc = (a: PlaceState, b: PlaceState) => labelOrder(b.label) - labelOrder(a.label) || (b.label < a.label ? -1 : 1);
  if (capacity <= active.length) {
    const candidates = [...active.filter((p) => p.status === 'FREE').sort(byLabelDesc), ...active.filter((p) => p.status === 'BLOCKED').sort(byLabelDesc)];
    return { plan: { reactivate: [], add: [], retire: candidates.slice(0, active.length - capacity).map((p) => p.id) } };
  }
  const missing = capacity - active.length;
  const retired = places.filter((p) => p.status === 'RETIRED').sort((a, b) => labelOrder(a.label) - labelOrder(b.label));
  const reactivate = retired.slice(0, missing).map((p) => p.id);
  let next = Math.max(0, ...places.map((p) => labelOrder(p.label))) + 1;
  const add: string[] = [];
  while (reactivate.length + add.length < missing) add.push(String(next++));
  return { plan: { reactivate, add, retire: [] } };
}

function labelOrder(label: string): number {
  return /^\d+$/.test(label) ? Number(label) : 0;
}

/** The places of a facility by status, for its occupancy. */
export function occupancy(places: readonly { status: PlaceStatus }[]): { free: number; reserved: number; occupied: number; blocked: number } {
  const o = { free: 0, reserved: 0, occupied: 0, blocked: 0 };
  for (const p of places) {
    if (p.status === 'FREE') o.free++;
    else if (p.status === 'RESERVED') o.reserved++;
    else if (p.status === 'OCCUPIED') o.occupied++;
    else if (p.status === 'BLOCKED') o.blocked++;
  }
  return o;
}
