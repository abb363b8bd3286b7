/** Calls to the services through the gateway with the signed-in user's token. */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly invalidParams: InvalidParam[],
    detail: string,
  ) {
    super(detail);
  }
}

export type Query = Record<string, string | number | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function apiGet<T>(token: string, path: string, query?: Query): Promise<T> {
  return parsed<T>(await fetch(withQuery(path, query), { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }));
}

/** A POST whose answer the page reads (a what-if: nothing is stored). */
export async function apiPost<T>(token: string, path: string, body: unknown): Promise<T> {
  return parsed<T>(await fetch(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

async function parsed<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const p = (body ?? {}) as { code?: string; detail?: string; invalidParams?: InvalidParam[] };
    throw new ApiError(res.status, p.code, p.invalidParams ?? [], p.detail ?? `HTTP ${res.status}`);
  }
  return body as T;
}
