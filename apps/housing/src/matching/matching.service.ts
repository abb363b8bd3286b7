import { Injectable } from '@nestjs/common';
import { Caller, mayRead, NON_PERSONAL_DATA, ProcessingAction, ProcessingLog, requireActFor } from '@vangnet/auth';
import { FacilityType, PlaceFeature } from '@vangnet/contracts';
import { foundOr404, mustExist } from '@vangnet/platform';
import { FacilityError } from '../facilities/facilities.errors';
import { PlaceRow } from '../facilities/facilities.repository';
import { FacilitiesService } from '../facilities/facilities.service';
import { contributions, RankedEntry } from '../priority-schemes/ranking.rules';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { SchemeRef } from '../waiting-list/waiting-list.dto';
import { Ranking, RankRow, WaitingListService } from '../waiting-list/waiting-list.service';
import { AssignmentQuery, AssignmentView, CandidatesView, CandidateView, PlaceRef } from './matching.dto';
import { assignPlaces, candidatesFor, MatchCandidate } from './matching.rules';

/** Ranked candidates for one free place, and an assignment of all free places (pure rules in matching.rules.ts). */
@Injectable()
export class MatchingService {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly waitingList: WaitingListService,
    private readonly log: ProcessingLog,
  ) {}

  async candidates(caller: Caller, placeId: string, limit = 50): Promise<CandidatesView> {
    const place = foundOr404(await this.facilities.place(placeId), () => FacilityError.missingPlace(placeId), (p) =>
      mayRead(caller, { municipalities: [p.facility.municipality] }, NON_PERSONAL_DATA),
    );
    requireActFor(caller, place.facility.municipality, 'municipality');
    const ranking = await this.waitingList.ranking({ facilityType: place.facility.type });
    const fitting = candidatesFor({ id: place.id, facilityType: place.facility.type, features: place.features }, waitingCandidates(ranking));
    const items = fitting.slice(0, limit).map((c) => this.candidateView(caller, ranking, c.id));
    await this.record(ranking, items);
    return { place: { ...placeRef(place), status: place.status }, rankedOn: ranking.on, scheme: schemeRef(ranking), eligible: fitting.length, items };
  }

  /**
   * Every free place of the caller's (or the asked) municipality, filled from the whole regional
   * list: the hardest-to-fill place first, each with the best-placed entry that fits it. A
   * proposal: offers are made one by one (POST /offers).
   */
  async assignment(caller: Caller, q: AssignmentQuery): Promise<AssignmentView> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const places = await this.facilities.freePlaces({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, facilityType: q.facilityType });
    const ranking = await this.waitingList.ranking({ facilityType: q.facilityType });
    const plan = assignPlaces(
      places.map((p) => ({ id: p.id, facilityType: p.facility.type, features: p.features })),
      waitingCandidates(ranking),
    );
    const byId = new Map(places.map((p) => [p.id, p]));
    const assignments = plan.assignments.map((a) => {
      const candidate = this.candidateView(caller, ranking, a.entryId);
      const place = mustExist(byId.get(a.placeId), `place ${a.placeId}`);
      return {
        round: a.round,
        place: placeRef(place),
        eligibleCandidates: a.eligible,
        candidate,
        explanation:
          `filled in round ${a.round}: ${a.eligible} unassigned ${a.eligible === 1 ? 'entry fitted' : 'entries fitted'} this place (fewest first); ` +
          `the best-placed of them stands at position ${a.position} of the ${place.facility.type} list`,
      };
    });
    await this.record(
      ranking,
      assignments.map((a) => a.candidate),
    );
    return {
      rankedOn: ranking.on,
      scheme: schemeRef(ranking),
      assignments,
      unfilled: plan.unfilled.map((id) => ({ ...placeRef(mustExist(byId.get(id), `place ${id}`)), reason: 'NO_ELIGIBLE_CANDIDATE' as const })),
    };
  }

  private candidateView(caller: Caller, ranking: Ranking, entryId: string): CandidateView {
    const entry = mustExist(ranking.entries.get(entryId), `entry ${entryId}`);
    const ranked = mustExist(ranking.byId.get(entryId), `ranked ${entryId}`);
    if (!visible(caller, entry, ranking)) return { restricted: true, position: ranked.position };
    return {
      restricted: false,
      position: ranked.position,
      entryId,
      personId: entry.personId,
      personPseudonym: entry.personPseudonym,
      municipality: entry.municipality,
      responsibleMunicipality: entry.responsibleMunicipality,
      waitingSince: entry.waitingSince,
      urgency: entry.urgency,
      needs: entry.needs as PlaceFeature[],
      score: ranked.score / 100,
      contributions: contributions(ranking.rules, ranked.values).map((c) => ({ ...c, points: c.points / 100 })),
    };
  }

  private async record(ranking: Ranking, items: CandidateView[]): Promise<void> {
    await this.log.record(
      items
        .filter((i): i is Extract<CandidateView, { restricted: false }> => !i.restricted)
        .map((i) => ({ pseudonym: i.personPseudonym, action: ProcessingAction.READ, purpose: Purpose.MATCHING, legalBasis: WMO_PROCESSING, resource: 'waitlist-entry', resourceId: i.entryId, municipality: mustExist(ranking.entries.get(i.entryId), 'entry').municipality })),
    );
  }
}

/** Entries that wait without an offer, with their positions. */
function waitingCandidates(ranking: Ranking): MatchCandidate[] {
  const list: MatchCandidate[] = [];
  for (const group of ranking.groups.values()) {
    for (const r of group as RankedEntry[]) {
      const e = mustExist(ranking.entries.get(r.id), `entry ${r.id}`);
      if (e.status === 'WAITING') list.push({ id: e.id, facilityType: e.facilityType, needs: e.needs, position: r.position });
    }
  }
  return list;
}

function visible(caller: Caller, e: RankRow, ranking: Ranking): boolean {
  if (!caller.municipalities.includes(e.municipality)) return false;
  return !ranking.flagged.has(e.personId) || caller.orgId === e.municipality;
}

function placeRef(p: PlaceRow): PlaceRef {
  return { placeId: p.id, facilityId: p.facilityId, facilityName: p.facility.name, facilityType: p.facility.type as FacilityType, municipality: p.facility.municipality, features: p.features as PlaceFeature[] };
}

function schemeRef(r: Ranking): SchemeRef | null {
  return r.scheme ? { id: r.scheme.id, version: r.scheme.version, name: r.scheme.name, seed: r.scheme.seed } : null;
}
