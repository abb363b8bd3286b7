import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { PlacementsRepository } from './placements.repository';
import { PlacementEnd, PlacementStart, Stay, stayOf, withEnd, withStart } from './placements.rules';

/** Housing's placements as finance needs them: who stayed in which kind of facility, when. */
@Injectable()
export class PlacementsService {
  constructor(private readonly repo: PlacementsRepository) {}

  async started(start: PlacementStart, publishedAt: Date): Promise<void> {
    const next = withStart(await this.repo.lock(start.placementId), start, publishedAt);
    if (next) await this.repo.save(next);
  }

  async ended(end: PlacementEnd, publishedAt: Date): Promise<void> {
    const next = withEnd(await this.repo.lock(end.placementId), end, publishedAt);
    if (next) await this.repo.save(next);
  }

  /** The stays with a night in [from, to], by resident and start. */
  async staysIn(from: IsoDate, to: IsoDate): Promise<Stay[]> {
    return (await this.repo.overlapping(from, to)).flatMap((p) => stayOf(p) ?? []);
  }
}
