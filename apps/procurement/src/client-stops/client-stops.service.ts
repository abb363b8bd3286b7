import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireActFor, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { CLIENT_STOP_LIFTED_V1, CLIENT_STOP_SET_V1, ClientStopLiftedV1, ClientStopSetV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { ProvidersService } from '../providers/providers.service';
import { providerKey, ReadModelCache } from '../read-model/read-model.cache';
import { ClientStopListQuery, ClientStopView, CreateClientStopRequest } from './client-stops.dto';
import { ClientStopError, ClientStopErrorCode } from './client-stops.errors';
import { ClientStopEntity } from './client-stops.entity';
import { ClientStopsRepository } from './client-stops.repository';
import { clashingStop } from './client-stops.rules';

@Injectable()
export class ClientStopsService {
  constructor(
    private readonly repo: ClientStopsRepository,
    private readonly providers: ProvidersService,
    private readonly outbox: Outbox,
    private readonly cache: ReadModelCache,
    private readonly clock: Clock,
  ) {}

  /** No new assignments for this provider and paying municipality in the period (crisis care excepted). */
  async set(input: CreateClientStopRequest, caller: Caller): Promise<ClientStopView> {
    requireActFor(caller, input.municipality, 'municipality');
    const today = this.clock.today();
    if (input.period.start < today) {
      throw ClientStopError.invalidField(ClientStopErrorCode.STOP_START_IN_PAST, 'period.start', `a client stop starts today (${today}) or later`, 422);
    }
    return this.cache.write([providerKey(input.providerAgb)], async () => {
      if (!(await this.providers.isRegistered(input.providerAgb))) {
        throw ClientStopError.invalidField(ClientStopErrorCode.UNKNOWN_PROVIDER, 'providerAgb', `provider ${input.providerAgb} is not registered`, 422);
      }
      await this.repo.lock(input.providerAgb, input.municipality);
      const period = { start: input.period.start, end: input.period.end ?? null };
      const clash = clashingStop(await this.repo.forKey(input.providerAgb, input.municipality), period);
      if (clash) {
        const reason = `client stop ${clash.id} already applies from ${clash.start}${clash.end ? ` to ${clash.end}` : ''}`;
        throw new ClientStopError(ClientStopErrorCode.CLIENT_STOP_OVERLAP, reason, 409, [{ name: 'period', code: ClientStopErrorCode.CLIENT_STOP_OVERLAP, reason }]);
      }
      const id = randomUUID();
      await this.repo.insert({ id, providerAgb: input.providerAgb, municipality: input.municipality, reason: input.reason, ...period, setBy: actorOf(caller) });
      const row = mustExist(await this.repo.find(id), 'the client stop just set');
      const data: ClientStopSetV1 = { stopId: row.id, providerAgb: row.providerAgb, municipality: row.municipality, reason: row.reason, period: periodOf(row) };
      await this.outbox.publish({ type: CLIENT_STOP_SET_V1, data, municipality: row.municipality });
      return toView(row);
    });
  }

  /** Lift a stop from today on; lifting a lifted stop again changes nothing. */
  async lift(id: string, reason: string | undefined, caller: Caller): Promise<ClientStopView> {
    const peek = foundOr404(await this.repo.find(id), () => ClientStopError.missing(id));
    requireActFor(caller, peek.municipality, 'municipality');
    const today = this.clock.today();
    return this.cache.write([providerKey(peek.providerAgb)], async () => {
      const stop = foundOr404(await this.repo.find(id, true), () => ClientStopError.missing(id));
      if (stop.liftedOn) return toView(stop);
      await this.repo.lift(id, today, reason ?? null, actorOf(caller));
      const lifted = mustExist(await this.repo.find(id), 'the client stop just lifted');
      const data: ClientStopLiftedV1 = { stopId: lifted.id, providerAgb: lifted.providerAgb, municipality: lifted.municipality, liftedOn: today };
      if (reason) data.reason = reason;
      await this.outbox.publish({ type: CLIENT_STOP_LIFTED_V1, data, municipality: lifted.municipality });
      return toView(lifted);
    });
  }

  async get(id: string, caller: Caller): Promise<ClientStopView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const visible = (s: ClientStopEntity) => scopeAllows(scope, { providerAgb: s.providerAgb, municipalities: [s.municipality] });
    return toView(foundOr404(await this.repo.find(id), () => ClientStopError.missing(id), visible));
  }

  /** Every stop of a provider, by start (for the check's read model). */
  ofProvider(agb: string): Promise<ClientStopEntity[]> {
    return this.repo.byProvider(agb);
  }

  async list(q: ClientStopListQuery, caller: Caller): Promise<Page<ClientStopView>> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const limit = q.limit ?? 100;
    const asked = narrowToScope(scope, { providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [], nextCursor: null };
    const { providerAgb, municipalities } = asked;
    const rows = await this.repo.list({ providerAgb, municipalities, activeOn: q.activeOn, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }
}

function periodOf(s: ClientStopEntity): { start: string; end?: string } {
  return s.end ? { start: s.start, end: s.end } : { start: s.start };
}

function toView(s: ClientStopEntity): ClientStopView {
  return {
    id: s.id,
    providerAgb: s.providerAgb,
    municipality: s.municipality,
    reason: s.reason,
    period: periodOf(s),
    setBy: s.setBy,
    setAt: s.setAt.toISOString(),
    ...(s.liftedOn ? { liftedOn: s.liftedOn } : {}),
    ...(s.liftReason ? { liftReason: s.liftReason } : {}),
    ...(s.liftedBy ? { liftedBy: s.liftedBy } : {}),
  };
}
