import { RpcErrorBody } from '@vangnet/contracts';
import { headers as natsHeaders, Msg } from 'nats';

/**
 * Set by RpcClient on every request: the calling service's name (`exchange`, `housing`). Until
 * each service has its own NATS user (the hardening issue) it is how a responder tells callers
 * apart; it is a claim, not a proof, so only requests that serve a purpose limitation read it.
 */
export const RPC_CALLER_HEADER = 'Vangnet-Service';

/** Set on a reply that carries an RpcErrorBody instead of an answer; its value is the code. */
export const RPC_ERROR_HEADER = 'Vangnet-Error';

/** Answer a request on the wire every Vangnet caller reads: plain JSON, or a flagged error body. */
export function respondRpc(msg: Msg, error?: RpcErrorBody, result?: unknown): void {
  if (!msg.reply) return;
  if (error) {
    const h = natsHeaders();
    h.set(RPC_ERROR_HEADER, error.code);
    msg.respond(Buffer.from(JSON.stringify(error)), { headers: h });
  } else {
    msg.respond(Buffer.from(JSON.stringify(result ?? null)));
  }
}
