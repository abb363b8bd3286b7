import { Injectable } from '@nestjs/common';
import { ContractCheckApproval, ContractCheckRefusal, ContractCheckRefusalCode, ContractCheckRequest, TariffGetReply } from '@vangnet/contracts';
import { CheckReadModel } from './check.read-model';
import { CatalogueCheckView, CheckOutcome, evaluateCheck } from './check.rules';
import { TariffError } from './check.errors';

const NO_CATALOGUE: CatalogueCheckView = new Map();

@Injectable()
export class CheckService {
  constructor(private readonly readModel: CheckReadModel) {}

  async check(q: ContractCheckRequest): Promise<ContractCheckApproval | ContractCheckRefusal> {
    return this.cached(q) ?? toReply(await this.evaluate(q, false));
  }

  /** The answer from the read model alone, without waiting; undefined when something must be loaded. */
  cached(q: ContractCheckRequest): ContractCheckApproval | ContractCheckRefusal | undefined {
    const hit = this.readModel.peek(q.providerAgb, q.product.code ? q.municipality : undefined);
    return hit ? toReply(evaluateCheck(hit.view, hit.catalogue ?? NO_CATALOGUE, q)) : undefined;
  }

  /** The tariff in force on the date, for care already assigned: client stops do not apply. */
  async tariff(q: ContractCheckRequest): Promise<TariffGetReply> {
    const outcome = await this.evaluate(q, true);
    if (!outcome.ok) throw new TariffError(outcome.code, outcome.message, outcome.code === ContractCheckRefusalCode.UNKNOWN_PROVIDER ? 404 : 422);
    return { contractId: outcome.contractId, variant: outcome.variant, unit: outcome.unit, tariffCents: outcome.tariffCents, year: outcome.year };
  }

  private async evaluate(q: ContractCheckRequest, ignoreClientStops: boolean): Promise<CheckOutcome> {
    const [view, catalogue] = await Promise.all([
      this.readModel.provider(q.providerAgb),
      q.product.code ? this.readModel.catalogueOf(q.municipality) : NO_CATALOGUE,
    ]);
    return evaluateCheck(view, catalogue, q, { ignoreClientStops });
  }
}

function toReply(outcome: CheckOutcome): ContractCheckApproval | ContractCheckRefusal {
  if (outcome.ok) {
    return { ok: true, contractId: outcome.contractId, variant: outcome.variant, unit: outcome.unit, tariffCents: outcome.tariffCents, crisis: outcome.crisis };
  }
  const refusal: ContractCheckRefusal = { ok: false, code: outcome.code, message: outcome.message };
  if (outcome.clientStopId) refusal.clientStopId = outcome.clientStopId;
  return refusal;
}
