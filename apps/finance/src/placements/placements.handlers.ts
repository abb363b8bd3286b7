import { Injectable } from '@nestjs/common';
import { EventEnvelope, PLACEMENT_ENDED_V1, PLACEMENT_STARTED_V1, PlacementEndedV1, PlacementStartedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { PlacementsService } from './placements.service';

/** Housing's placements, in any order and more than once (the publication time decides). */
@Injectable()
export class PlacementsHandlers {
  constructor(private readonly placements: PlacementsService) {}

  @OnEvent(PLACEMENT_STARTED_V1, PlacementStartedV1)
  async started(data: PlacementStartedV1, event: EventEnvelope<PlacementStartedV1>): Promise<void> {
    await this.placements.started(
      {
        placementId: data.placementId,
        personId: data.personId,
        facilityType: data.facilityType,
        facilityMunicipality: data.facilityMunicipality,
        responsibleMunicipality: data.responsibleMunicipality,
        provisionLineageId: data.provisionLineageId ?? null,
        providerAgb: data.providerAgb ?? null,
        startDate: data.startDate,
      },
      new Date(event.time),
    );
  }

  @OnEvent(PLACEMENT_ENDED_V1, PlacementEndedV1)
  async ended(data: PlacementEndedV1, event: EventEnvelope<PlacementEndedV1>): Promise<void> {
    await this.placements.ended({ placementId: data.placementId, endDate: data.endDate, destination: data.destination }, new Date(event.time));
  }
}
