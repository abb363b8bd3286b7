import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireOwnAgb, tenantScopeOf } from '@vangnet/auth';
import { Transactional } from '@vangnet/persistence';
import { Clock, mustExist } from '@vangnet/platform';
import { ProvidersService } from '../providers/providers.service';
import { NormView, ReportWaitingTimeRequest, SetNormRequest, WaitingTimeQuery, WaitingTimeView } from './waiting-times.dto';
import { WaitingTimeError, WaitingTimeErrorCode } from './waiting-times.errors';
import { WaitingTimesRepository } from './waiting-times.repository';
import { waitingTimeView } from './waiting-times.rules';

@Injectable()
export class WaitingTimesService {
  constructor(
    private readonly repo: WaitingTimesRepository,
    private readonly providers: ProvidersService,
    private readonly clock: Clock,
  ) {}

  /** A provider reports its own waiting time (a contract manager may report for any provider). */
  @Transactional()
  async report(input: ReportWaitingTimeRequest, caller: Caller): Promise<WaitingTimeView> {
    requireOwnAgb(caller, input.providerAgb, 'providerAgb');
    if (input.measuredOn > this.clock.today()) {
      throw WaitingTimeError.invalidField(WaitingTimeErrorCode.MEASURED_IN_FUTURE, 'measuredOn', 'a waiting time is measured today or earlier');
    }
    if (!(await this.providers.isRegistered(input.providerAgb))) {
      throw WaitingTimeError.invalidField(WaitingTimeErrorCode.UNKNOWN_PROVIDER, 'providerAgb', `provider ${input.providerAgb} is not registered`, 422);
    }
    const key = { providerAgb: input.providerAgb, category: input.product.category, code: input.product.code ?? '' };
    await this.repo.report({ ...key, waitingDays: input.waitingDays, measuredOn: input.measuredOn, reportedBy: actorOf(caller) });
    // The latest for the product: an earlier measurement reported now does not replace a later one.
    const [latest] = await this.repo.latest(key);
    return waitingTimeView(mustExist(latest, 'the waiting time just reported'), await this.repo.normsOf(key.category));
  }

  async setNorm(input: SetNormRequest, caller: Caller): Promise<NormView> {
    await this.repo.setNorm({ category: input.product.category, code: input.product.code ?? '', normDays: input.normDays, setBy: actorOf(caller) });
    return { product: input.product, normDays: input.normDays };
  }

  async list(q: WaitingTimeQuery, caller: Caller): Promise<{ items: WaitingTimeView[] }> {
    // Waiting times are the region's: municipal staff see every provider's, a provider its own.
    const asked = narrowToScope(tenantScopeOf(caller, NON_PERSONAL_DATA), { providerAgb: q.providerAgb });
    if (!asked) return { items: [] };
    const reports = await this.repo.latest({ providerAgb: asked.providerAgb, category: q.category });
    const norms = await this.repo.normsOf(q.category);
    return { items: reports.map((r) => waitingTimeView(r, norms)) };
  }
}
