import createClient, { Client } from 'openapi-fetch';
import type { paths } from './vangnet-api';

export type { paths, components } from './vangnet-api';

/**
 * A client for the whole platform, typed from the aggregated catalogue as a partner would generate
 * it (openapi-typescript + openapi-fetch): a route the catalogue does not describe, or describes
 * wrongly, does not compile or fails at its call.
 */
export function vangnetClient(baseUrl: string, token: string): Client<paths> {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
}
