import { request as httpRequest, IncomingMessage, RequestOptions } from 'http';
import { request as httpsRequest } from 'https';
import { isIP, LookupFunction } from 'net';

/** An address a connection may go to, already checked (production mode), with its family. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** The checked addresses of a name, in the order the resolver gave them. */
export function pinnedAddresses(addresses: string[]): PinnedAddress[] {
  return addresses.map((a) => {
    const bare = a.replace(/^\[|\]$/g, '');
    return { address: bare, family: isIP(bare) === 6 ? 6 : 4 };
  });
}

/**
 * A `lookup` that answers the checked addresses whatever name it is asked for: the connection goes
 * where the check looked, not to whatever the name resolves to a moment later (DNS rebinding: a
 * name that answers a public address to the check and a private one to the connection). Node asks
 * with `all: true` when it may try several addresses (autoSelectFamily); it gets every checked one.
 */
export function pinnedLookup(pin: PinnedAddress[]): LookupFunction {
  if (!pin.length) throw new Error('a pinned lookup needs at least one address');
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, pin.map((p) => ({ address: p.address, family: p.family })));
    else callback(null, pin[0].address, pin[0].family);
  }) as unknown as LookupFunction;
}

export interface WebhookPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Connect to this address instead of resolving the URL's host again; TLS SNI, certificate check and Host stay the name. */
  pin?: PinnedAddress[];
}

/**
 * POSTs a webhook and answers the status. No redirects are followed (a redirect is an answer, not
 * a new target to check), no connection is kept or shared (a kept socket would skip the next
 * attempt's check), the whole exchange is cut off after `timeoutMs` (an `AbortError`).
 */
export function postWebhook(url: URL, post: WebhookPost): Promise<number> {
  const https = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const options: RequestOptions & { servername?: string } = {
    method: 'POST',
    protocol: url.protocol,
    hostname: host,
    port: url.port || (https ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    agent: false,
    signal: AbortSignal.timeout(post.timeoutMs),
  };
  if (post.pin) options.lookup = pinnedLookup(post.pin);
  // SNI carries a name, never an address literal.
  if (https && !isIP(host)) options.servername = host;
  return new Promise<number>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(options, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      // The receiver's answer body is not needed: read it away and close.
      res.on('error', () => undefined);
      res.resume();
      resolve(status);
    });
    req.on('error', reject);
    req.end(post.body);
  });
}
