import { CONTRACT_CHECK, ContractCheckRequest, EventEnvelope, FinancingVariant, Role, ServiceName, sourceOf, Unit } from '@vangnet/contracts';
import { prefixed, RPC_CALLER_HEADER, RPC_ERROR_HEADER } from '@vangnet/messaging';
import { randomUUID } from 'crypto';
import { headers as natsHeaders } from 'nats';
import { Clock } from '@vangnet/platform';
import { StubResponder, TestContext, TestService } from '@vangnet/testing';
import { AppModule } from '../../src/app.module';
import { ACCESS_APP_OPTIONS } from '../../src/app.options';

export const LEIDEN = 'GM0546';
export const LEIDERDORP = 'GM0547';
export const OEGSTGEEST = 'GM0579';
export const VOORSCHOTEN = 'GM0626';
export const ZOETERWOUDE = 'GM0638';
export const REGION = [LEIDEN, LEIDERDORP, OEGSTGEEST, VOORSCHOTEN, ZOETERWOUDE];

/** Nine digits passing the eleven-proof, distinct per seed (0 ≤ seed < 40,000,000). */
export function bsnFor(seed: number): string {
  for (const prefix of [10_000_000 + seed * 2, 10_000_000 + seed * 2 + 1]) {
    const s = String(prefix);
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += Number(s[k]) * (9 - k);
    // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11): d9 = sum mod 11, which must be a digit.
    if (sum % 11 < 10) return s + String(sum % 11);
  }
  throw new Error('unreachable: two neighbouring prefixes never both miss');
}

export async function startAccess(ctx: TestContext): Promise<TestService> {
  // The periodic jobs run only when a test calls them.
  return ctx.start(AppModule, ACCESS_APP_OPTIONS, { ACCESS_JOB_INTERVAL_MS: '0', ACCESS_CONTRACT_CHECK_TIMEOUT_MS: '1000' });
}

export function setToday(svc: TestService, date: string): void {
  svc.app.get(Clock).set(date);
}

export interface Actors {
  caseworker: string;
  decisionMaker: string;
  auditor: string;
}

export async function actorsFor(ctx: TestContext, municipalities: string[] = [LEIDEN], org = municipalities[0]): Promise<Actors> {
  return {
    caseworker: await ctx.token({ sub: `cw-${org}`, org, roles: [Role.ACCESS_CASEWORKER], municipalities }),
    decisionMaker: await ctx.token({ sub: `dm-${org}`, org, roles: [Role.ACCESS_DECISION_MAKER, Role.ACCESS_CASEWORKER], municipalities }),
    auditor: await ctx.token({ sub: `au-${org}`, org, roles: [Role.AUDITOR], municipalities }),
  };
}

type Reply = Record<string, unknown>;

/**
 * Procurement's stand-in: answers `procurement.contract.check` on the test's NATS connection from
 * a table the test fills (approvals as procurement would give them, refusals as `{ok:false, code}`),
 * in plain JSON. Unknown questions get NO_CONTRACT. The real chain is the lead's end-to-end test.
 */
export class ProcurementStandIn {
  readonly asked: ContractCheckRequest[] = [];
  private readonly table = new Map<string, Reply>();
  private stub?: StubResponder<ContractCheckRequest>;

  static key(agb: string, municipality: string, category: string): string {
    return `${agb}|${municipality}|${category}`;
  }

  constructor(private readonly ctx: TestContext) {}

  async start(): Promise<this> {
    this.stub = await this.ctx.stub<ContractCheckRequest>(CONTRACT_CHECK, (req) => {
      this.asked.push(req);
      return { reply: this.table.get(ProcurementStandIn.key(req.providerAgb, req.municipality, req.product.category)) ?? { ok: false, code: 'NO_CONTRACT' } };
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.stub?.stop();
    this.stub = undefined;
  }

  contract(agb: string, municipality: string, category: string, over: Partial<{ contractId: string; tariffCents: number; unit: Unit; variant: FinancingVariant; crisis: boolean }> = {}): string {
    const contractId = over.contractId ?? '7b1c2d3e-0000-4000-8000-' + String(this.table.size + 1).padStart(12, '0');
    this.table.set(ProcurementStandIn.key(agb, municipality, category), {
      ok: true,
      contractId,
      variant: over.variant ?? FinancingVariant.EFFORT,
      unit: over.unit ?? Unit.HOUR,
      tariffCents: over.tariffCents ?? 6540,
      crisis: over.crisis ?? false,
    });
    return contractId;
  }

  refuse(agb: string, municipality: string, category: string, code: string): void {
    this.table.set(ProcurementStandIn.key(agb, municipality, category), { ok: false, code, message: `stand-in refuses: ${code}` });
  }
}

/** A small HTTP client for the access API with one caller's token. */
export class AccessClient {
  constructor(
    private readonly svc: TestService,
    readonly token: string,
  ) {}

  post(path: string, body: unknown, headers: Record<string, string> = {}) {
    let req = this.svc.http.post(`/api/access/v1${path}`).set('Authorization', `Bearer ${this.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body as object);
  }

  patch(path: string, body: unknown, headers: Record<string, string> = {}) {
    let req = this.svc.http.patch(`/api/access/v1${path}`).set('Authorization', `Bearer ${this.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body as object);
  }

  put(path: string, body: unknown, headers: Record<string, string> = {}) {
    let req = this.svc.http.put(`/api/access/v1${path}`).set('Authorization', `Bearer ${this.token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body as object);
  }

  get(path: string) {
    return this.svc.http.get(`/api/access/v1${path}`).set('Authorization', `Bearer ${this.token}`);
  }
}

export interface PersonInput {
  bsn: string;
  familyName?: string;
  /** null: no BRP registration (e.g. homeless without a postal address). */
  brpMunicipality?: string | null;
  originMunicipality?: string;
  municipality?: string;
  safetyFlag?: boolean;
}

export async function createPerson(client: AccessClient, p: PersonInput): Promise<string> {
  const res = await client.post('/persons', {
    bsn: p.bsn,
    familyName: p.familyName ?? 'Jansen',
    givenName: 'Sam',
    birthDate: '1980-05-17',
    ...(p.brpMunicipality !== null ? { brpMunicipality: p.brpMunicipality ?? LEIDEN } : {}),
    ...(p.originMunicipality ? { originMunicipality: p.originMunicipality } : {}),
    municipality: p.municipality ?? p.brpMunicipality ?? LEIDEN,
    ...(p.safetyFlag !== undefined ? { safetyFlag: p.safetyFlag } : {}),
  });
  if (res.status !== 201) throw new Error(`person: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** An open application for a person (Wmo unless stated), decided by the caller's municipality. */
export async function createApplication(client: AccessClient, personId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/applications', { personId, municipality: LEIDEN, law: 'WMO', ...over });
  if (res.status !== 201) throw new Error(`application: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function inKind(agb: string, category = '02', over: Record<string, unknown> = {}) {
  return {
    product: { category },
    deliveryForm: 'IN_KIND',
    providerAgb: agb,
    volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
    period: { start: '2026-12-01', end: '2027-11-30' },
    ...over,
  };
}

/** Publishes an event of another service into its stream, as its outbox relay would (msgID = the event id). */
export async function publishEvent<T>(ctx: TestContext, type: string, data: T, opts: { municipality?: string | null; id?: string } = {}): Promise<string> {
  const id = opts.id ?? randomUUID();
  const envelope: EventEnvelope<T> = {
    id,
    type,
    source: sourceOf(type.split('.')[0] as ServiceName),
    time: new Date().toISOString(),
    municipality: opts.municipality === undefined ? LEIDEN : opts.municipality,
    correlationId: randomUUID(),
    data,
  };
  await ctx.nc.jetstream().publish(prefixed(type), Buffer.from(JSON.stringify(envelope)), { msgID: id });
  return id;
}

/** A raw NATS request as another service sends it: `service` in the header RpcClient sets (none: no header). */
export async function ask<R = unknown>(ctx: TestContext, subject: string, body: unknown, service?: string): Promise<{ reply?: R; error?: { code: string; invalidParams?: Array<{ name: string; code: string }> } }> {
  const h = natsHeaders();
  if (service) h.set(RPC_CALLER_HEADER, service);
  const msg = await ctx.nc.request(prefixed(subject), Buffer.from(JSON.stringify(body)), { timeout: 5000, headers: h });
  const parsed = JSON.parse(Buffer.from(msg.data).toString('utf8'));
  return msg.headers?.get(RPC_ERROR_HEADER) ? { error: parsed } : { reply: parsed };
}
