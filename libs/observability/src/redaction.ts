// Personal data never reaches a log (ARCHITECTURE §6, issue 13): request URLs are logged with
// their query values masked and BSN-like path segments removed, bodies are never logged, and
// every string a log line carries (messages, errors, TypeORM's query errors) has its BSNs masked.

export const REDACTED = '[redacted]';

/** Query parameters whose values are safe to log (paging and the tenant); all others are masked. */
const SAFE_QUERY_KEYS = new Set(['limit', 'municipality', 'year', 'includeResolved']);

/** Does a run of nine digits pass the BSN eleven-proof (Wet algemene bepalingen BSN, art. 1)? */
function passesElevenProof(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

// Nine digits that are not part of a longer number; URL-encoded separators (`%2C`) count as
// separators, so `?bsns=111%2C999990019` is caught too.
const NINE_DIGITS = /(?<![0-9])[0-9]{9}(?![0-9])/g;

/** Mask every nine-digit run that passes the eleven-proof: a BSN, whatever surrounds it. */
export function maskBsns(text: string): string {
  if (text.length < 9) return text;
  return text.replace(NINE_DIGITS, (d) => (passesElevenProof(d) ? REDACTED : d));
}

/** A request URL as it may be logged: the path with BSNs masked, query values masked. */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  const path = maskBsns(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .filter((p) => p.length)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        /* keep it raw */
      }
      if (eq < 0) return maskBsns(key);
      return SAFE_QUERY_KEYS.has(name) ? maskBsns(pair) : `${maskBsns(key)}=${REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** A copy of a log argument with every string's BSNs masked (errors keep type, message, stack). */
export function scrubLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskBsns(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; detail?: unknown };
    const copy = new Error(maskBsns(e.message));
    copy.name = e.name;
    copy.stack = e.stack === undefined ? undefined : maskBsns(e.stack);
    if (e.code !== undefined) (copy as Error & { code?: unknown }).code = e.code;
    if (typeof e.detail === 'string') (copy as Error & { detail?: unknown }).detail = maskBsns(e.detail);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubLogValue(v, depth + 1));
  // Only plain records are copied: requests, responses and class instances go to their serializers.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubLogValue(v, depth + 1);
  return out;
}
