import { DomainError, PartnerKind, Role } from '@vangnet/contracts';
import { PartnerEntity } from '../partners/partners.entity';

/** An OAuth2 error (RFC 6749 §5.2) as problem+json: `error` and `error_description` beside the problem's members. */
export function oauthError(error: string, description: string, status = 400, field?: string): DomainError {
  return new DomainError(
    error.toUpperCase(),
    description,
    status,
    field ? [{ name: field, code: error.toUpperCase(), reason: description }] : undefined,
    { error, error_description: description },
  );
}

/** The client's id and secret: HTTP Basic (client_secret_basic) or the form's fields (client_secret_post), not both. */
export function clientCredentialsOf(authorization: string | undefined, body: Record<string, unknown>): { clientId: string; clientSecret: string } {
  const inBody = body.client_id !== undefined || body.client_secret !== undefined;
  if (authorization && /^basic /i.test(authorization)) {
    if (inBody) throw oauthError('invalid_request', 'send the client’s credentials either in the Authorization header or in the form, not both');
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw oauthError('invalid_client', 'the Basic credentials are not client_id:client_secret', 401);
    try {
      // RFC 6749 §2.3.1: both form-urlencoded before Basic encoding.
      return { clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
    } catch {
      throw oauthError('invalid_client', 'the Basic credentials are not form-urlencoded', 401);
    }
  }
  const clientId = body.client_id;
  const clientSecret = body.client_secret;
  if (typeof clientId !== 'string' || !clientId) throw oauthError('invalid_client', 'the client is not identified (client_id, or HTTP Basic)', 401, 'client_id');
  if (typeof clientSecret !== 'string' || !clientSecret) throw oauthError('invalid_client', 'the client_secret is missing', 401, 'client_secret');
  return { clientId, clientSecret };
}

/** The scopes asked (space-separated), each one the partner holds; none asked: all it holds. */
export function grantedScopes(partner: PartnerEntity, asked: unknown): string[] {
  if (asked === undefined || asked === '') return [...partner.scopes];
  if (typeof asked !== 'string') throw oauthError('invalid_scope', 'scope must be a space-separated list', 400, 'scope');
  const scopes = [...new Set(asked.split(' ').filter(Boolean))];
  const not = scopes.filter((s) => !partner.scopes.includes(s));
  if (not.length) throw oauthError('invalid_scope', `the partner does not hold ${not.join(', ')}`, 400, 'scope');
  return scopes;
}

/**
 * The claims a partner's client-credentials token carries: its org, the role its kind works in
 * (a provider, a corporation, an `ORG:` access team for the municipalities it works for).
 */
export function partnerClaims(partner: PartnerEntity, scopes: string[]): { roles: Role[]; municipalities: string[] } {
  switch (partner.kind as PartnerKind) {
    case PartnerKind.AGB:
      return { roles: scopes.includes('api.care-plans') ? [Role.PROVIDER, Role.CARE_PLANS_COORDINATOR] : [Role.PROVIDER], municipalities: [] };
    case PartnerKind.CORP:
      return { roles: [Role.CORPORATION], municipalities: [] };
    default:
      return { roles: partner.accessTeamFor.length && scopes.includes('api.access') ? [Role.ACCESS_CASEWORKER] : [], municipalities: [...partner.accessTeamFor] };
  }
}
