import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, requireRead, tenantScopeOf } from '@vangnet/auth';
import { Clock, monthRange } from '@vangnet/platform';
import { FacilitiesService } from '../facilities/facilities.service';
import { PlacementsService } from '../placements/placements.service';
import { WaitingListService } from '../waiting-list/waiting-list.service';
import { isOpen } from '../waiting-list/waiting-list.rules';
import { MonitorQuery, MonitorView } from './monitor.dto';
import { flows, mobility, occupancyByType, waiting, waitingOverTime } from './monitor.rules';


/** The regional monitor: aggregates only (no person, no id), for municipal tokens and the regional analyst. */
@Injectable()
export class MonitorService {
  constructor(
    private readonly placements: PlacementsService,
    private readonly waitingList: WaitingListService,
    private readonly facilities: FacilitiesService,
    private readonly clock: Clock,
  ) {}

  async figures(caller: Caller, q: MonitorQuery): Promise<MonitorView> {
    const scope = tenantScopeOf(caller, AGGREGATES);
    if (q.municipality && !scope.regionWide) requireRead(caller, { municipalities: [q.municipality] }, 'municipality', AGGREGATES);
    const only = q.municipality ? [q.municipality] : scope.regionWide ? null : scope.municipalities;
    const today = this.clock.today();
    const { from, to, months, start, end } = monthRange(q, today);
    const inScope = (m: string | null) => only === null || (m !== null && only.includes(m));

    const placements = (await this.placements.all()).map((p) => ({
      personId: p.personId,
      facilityType: p.facilityType,
      facilityMunicipality: p.facilityMunicipality,
      originMunicipality: p.originMunicipality ?? p.responsibleMunicipality,
      startDate: p.startDate,
      endDate: p.endDate,
      destination: p.destination,
    }));
    // Flows and occupancy by where the facility is; mobility by either end of the move.
    const atFacilities = placements.filter((p) => inScope(p.facilityMunicipality));
    const flowRows = flows(atFacilities, months);
    const entries = (await this.waitingList.allOnList())
      .filter((e) => inScope(e.municipality))
      .map((e) => ({ facilityType: e.facilityType, waitingSince: e.waitingSince, open: isOpen(e.status), leftOn: e.leftOn, leftReason: e.leftReason }));
    const places = (await this.facilities.allWithPlaces()).filter((f) => inScope(f.facility.municipality)).flatMap((f) => f.places.map((p) => ({ facilityType: f.facility.type, status: p.status })));
    return {
      from,
      to,
      measuredOn: today,
      municipalities: only,
      flows: flowRows,
      waitingList: waiting(entries, today, start, end),
      waitingOverTime: waitingOverTime(entries, months, today),
      occupancy: occupancyByType(places),
      mobility: mobility(
        placements.filter((p) => inScope(p.facilityMunicipality) || inScope(p.originMunicipality)),
        start,
        end,
      ),
      outflowToWlz: flowRows.reduce((a, r) => a + r.outflowToWlz, 0),
    };
  }
}
