import { DeliveryForm, EndReason, IsoDate, ProductCategory, WaitlistLeftReason } from '@vangnet/contracts';

/** Where a provision sends its resident: the by-name waiting list, or straight to a crisis place. */
export type EntryRoute = 'WAITING_LIST' | 'DIRECT_PLACEMENT';
export type EntryStatus = 'WAITING' | 'OFFERED' | 'ACCEPTED' | 'PLACED' | 'LEFT';

/** Statuses of an entry still on its list (ranked; may be offered a place). */
export const OPEN_STATUSES: readonly EntryStatus[] = ['WAITING', 'OFFERED', 'ACCEPTED'];

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** What housing keeps of a provision lineage from access's events. */
export interface LineageState {
  category: string;
  productCode: string | null;
  deliveryForm: string;
  endedOn: IsoDate | null;
}

/**
 * Where a lineage belongs. Protected housing and shelter (iWmo WMO020 categories 15, 16, 18) in
 * kind go to the waiting list; emergency shelter (17) to direct placement, never the list (Wmo
 * 2015 art. 1.1.1 "opvang": shelter is for people who have left home now). A PGB never enters it:
 * the resident buys the stay themselves (Wmo 2015 art. 2.3.6). An ended lineage goes nowhere.
 */
export function routeFor(l: LineageState): EntryRoute | undefined {
  if (l.endedOn !== null) return undefined;
  if (l.deliveryForm !== DeliveryForm.IN_KIND) return undefined;
  if (l.category === ProductCategory.EMERGENCY_SHELTER) return 'DIRECT_PLACEMENT';
  if ([ProductCategory.PROTECTED_HOUSING, ProductCategory.SHELTER, ProductCategory.OTHER_PROTECTED_HOUSING_AND_SHELTER].includes(l.category as ProductCategory)) {
    return 'WAITING_LIST';
  }
  return undefined;
}

export type EntryAction =
  | { kind: 'NONE' }
  | { kind: 'CREATE'; route: EntryRoute }
  | { kind: 'UPDATE' }
  | { kind: 'CLOSE'; reason: WaitlistLeftReason }
  /** The lineage now belongs elsewhere (e.g. changed from category 15 to 17): close, then create. */
  | { kind: 'REROUTE'; route: EntryRoute };

/**
 * What a lineage's latest known state does to its entry. Never reopens a closed entry, never
 * creates one for an ended lineage (a replayed history creates nothing), and a repeat of a state
 * already applied is an UPDATE that changes nothing.
 */
export function reconcile(lineage: LineageState, entry: { route: EntryRoute; status: EntryStatus } | undefined, endReason?: EndReason): EntryAction {
  const route = routeFor(lineage);
  if (!entry) return route ? { kind: 'CREATE', route } : { kind: 'NONE' };
  if (!isOpen(entry.status)) return { kind: 'NONE' };
  if (!route) return { kind: 'CLOSE', reason: leftReasonFor(endReason) };
  return route === entry.route ? { kind: 'UPDATE' } : { kind: 'REROUTE', route };
}

/** Why an entry leaves when its provision ends. */
export function leftReasonFor(endReason?: EndReason): WaitlistLeftReason {
  if (endReason === EndReason.DECEASED) return WaitlistLeftReason.DECEASED;
  if (endReason === EndReason.MOVED_TO_OTHER_MUNICIPALITY) return WaitlistLeftReason.MOVED;
  return WaitlistLeftReason.NO_LONGER_NEEDED;
}

export interface Membership {
  personId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  minorOn: IsoDate | null;
}

/** Members of the household on `on` (from and to inclusive). */
export function membersOn(members: readonly Membership[], on: IsoDate): Membership[] {
  return members.filter((m) => m.validFrom <= on && (m.validTo === null || m.validTo >= on));
}

/** Does a member under 18 live in the household on `on` (access gives a minor's 18th birthday as `minorOn`)? */
export function hasChildrenOn(members: readonly Membership[], on: IsoDate, except?: string): boolean {
  return membersOn(members, on).some((m) => m.personId !== except && m.minorOn !== null && m.minorOn > on);
}

/** The household's size on `on`, at least the resident. */
export function householdSizeOn(members: readonly Membership[], on: IsoDate, personId: string): number {
  const current = membersOn(members, on);
  return current.some((m) => m.personId === personId) ? new Set(current.map((m) => m.personId)).size : current.length + 1;
}

/**
 * Who sees an entry: a placement officer acting for the entry's municipality; an entry of a
 * person with a safety flag only the municipality that made it (its `municipality`), whatever
 * other municipalities the token lists.
 */
export function entryVisible(caller: { orgId: string; municipalities: readonly string[] }, entry: { municipality: string }, safetyFlag: boolean): boolean {
  if (!caller.municipalities.includes(entry.municipality)) return false;
  return !safetyFlag || caller.orgId === entry.municipality;
}
