import { Injectable } from '@nestjs/common';
import {
  CommonErrorCode,
  InvalidParam,
  CONTRACT_CHECK,
  ContractCheckApproval,
  ContractCheckRequest,
  DomainError,
  validatePayload,
} from '@vangnet/contracts';
import { RpcClient, RpcRequestError } from '@vangnet/messaging';
import { CheckItem } from './provisions.rules';

export type CheckOutcome = { ok: true; approval: ContractCheckApproval } | { ok: false; code: string; message?: string };

function timeoutMs(): number {
  return Number(process.env.ACCESS_CONTRACT_CHECK_TIMEOUT_MS ?? 2000);
}

/**
 * Asks procurement whether a provider may deliver a product for the paying municipality on a
 * date. A refusal is a normal answer whose code travels on unchanged; refusal codes procurement
 * adds later are passed through too (only an approval is checked field by field).
 */
@Injectable()
export class ContractCheckClient {
  constructor(private readonly rpc: RpcClient) {}

  async check(req: ContractCheckRequest): Promise<CheckOutcome> {
    const body = await this.rpc.request<Record<string, unknown>>(CONTRACT_CHECK, req, { timeoutMs: timeoutMs() });
    if (body && body.ok === true) {
      const checked = validatePayload(ContractCheckApproval, body);
      if (checked.ok) return { ok: true, approval: checked.value };
      throw this.invalid();
    }
    if (body && body.ok === false && typeof body.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(body.code)) {
      return { ok: false, code: body.code, message: typeof body.message === 'string' ? body.message : undefined };
    }
    throw this.invalid();
  }

  private invalid(): DomainError {
    return new RpcRequestError(CommonErrorCode.INTERNAL, `${CONTRACT_CHECK} answered with an invalid reply`, CONTRACT_CHECK);
  }
}

/**
 * Runs the contract checks of one request in parallel. Any refusal refuses the whole request with
 * procurement's code unchanged (422, naming each refused provision's provider field); no
 * responder or a timeout is a 503 (from the RPC client), so nothing is written either way.
 * Answers the approvals in the order of the items.
 */
export async function checkContracts(client: ContractCheckClient, items: readonly CheckItem[]): Promise<ContractCheckApproval[]> {
  if (!items.length) return [];
  const outcomes = await Promise.all(items.map((i) => client.check(i.request)));
  const refused: InvalidParam[] = [];
  const approvals: ContractCheckApproval[] = [];
  outcomes.forEach((o, i) => {
    if (o.ok) {
      approvals.push(o.approval);
      return;
    }
    const r = items[i].request;
    refused.push({
      name: items[i].field,
      code: o.code,
      reason: o.message ?? `procurement refused provider ${r.providerAgb} for category ${r.product.category} paid by ${r.municipality} on ${r.date}: ${o.code}`,
    });
  });
  if (refused.length) throw new DomainError(refused[0].code, refused.map((r) => r.reason).join('; '), 422, refused);
  return approvals;
}
