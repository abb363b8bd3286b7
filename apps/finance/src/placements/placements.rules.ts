import { IsoDate } from '@vangnet/contracts';
import type { PlacementEntity } from './placements.entity';

// A placement from two events that may come in any order, more than once: each event fills its
// half, a later publication of the same half wins and an older one changes nothing.

export type Placement = Omit<PlacementEntity, never>;

export type PlacementStart = Pick<
  Placement,
  'placementId' | 'personId' | 'facilityType' | 'facilityMunicipality' | 'responsibleMunicipality' | 'provisionLineageId' | 'providerAgb' | 'startDate'
>;
export type PlacementEnd = Pick<Placement, 'placementId' | 'endDate' | 'destination'>;

function empty(placementId: string): Placement {
  return {
    placementId,
    personId: null,
    facilityType: null,
    facilityMunicipality: null,
    responsibleMunicipality: null,
    provisionLineageId: null,
    providerAgb: null,
    startDate: null,
    endDate: null,
    destination: null,
    startedEventTime: null,
    endedEventTime: null,
  };
}

/** The placement with this start, or undefined when the stored start was published later. */
export function withStart(current: Placement | undefined, start: PlacementStart, publishedAt: Date): Placement | undefined {
  const base = current ?? empty(start.placementId);
  if (base.startedEventTime && base.startedEventTime > publishedAt) return undefined;
  return { ...base, ...start, startedEventTime: publishedAt };
}

/** The placement with this end, or undefined when the stored end was published later. */
export function withEnd(current: Placement | undefined, end: PlacementEnd, publishedAt: Date): Placement | undefined {
  const base = current ?? empty(end.placementId);
  if (base.endedEventTime && base.endedEventTime > publishedAt) return undefined;
  return { ...base, ...end, endedEventTime: publishedAt };
}

/** A placed resident's stay: the days from the first night to the last (open while it runs). */
export interface Stay {
  personId: string;
  facilityType: NonNullable<Placement['facilityType']>;
  start: IsoDate;
  end: IsoDate | null;
}

/** The stay a placement is, once its start is known. */
export function stayOf(p: Placement): Stay | undefined {
  if (!p.personId || !p.facilityType || !p.startDate) return undefined;
  return { personId: p.personId, facilityType: p.facilityType, start: p.startDate, end: p.endDate };
}
