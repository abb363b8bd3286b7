/** Set on a reply that carries an RpcErrorBody instead of an answer; its value is the code. */
export const RPC_ERROR_HEADER = 'Vangnet-Error';
