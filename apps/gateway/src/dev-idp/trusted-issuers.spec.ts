import { jwtSettingsFromEnv, LEGACY_DEV_ISSUER, mapClaims, parseTrustedIssuers } from '@vangnet/auth';
import { checkIssuerUrl } from './dev-idp.service';

describe('which issuers the services trust', () => {
  it('should trust the development issuer by its URL and its old URN when nothing is configured, or either is named', () => {
    const none = jwtSettingsFromEnv({});
    expect(none.issuers.map((i) => i.issuer)).toEqual(['http://localhost:8080', LEGACY_DEV_ISSUER]);
    expect(none.issuers.every((i) => i.jwksUrl === 'http://localhost:8080/.well-known/jwks.json')).toBe(true);
    const urn = jwtSettingsFromEnv({ VANGNET_JWT_ISSUER: LEGACY_DEV_ISSUER, VANGNET_JWKS_URL: 'http://gateway:8080/.well-known/jwks.json', VANGNET_DEV_IDP_ISSUER: 'http://localhost:9000/' });
    expect(urn.issuers).toEqual([
      { issuer: 'http://localhost:9000', jwksUrl: 'http://gateway:8080/.well-known/jwks.json' },
      { issuer: LEGACY_DEV_ISSUER, jwksUrl: 'http://gateway:8080/.well-known/jwks.json' },
    ]);
  });

  it('should keep the single-issuer form for any other issuer', () => {
    const one = jwtSettingsFromEnv({ VANGNET_JWT_ISSUER: 'https://idp.example.org', VANGNET_JWKS_URL: 'https://idp.example.org/jwks', VANGNET_JWT_AUDIENCE: 'vangnet-prod' });
    expect(one).toEqual({ audience: 'vangnet-prod', issuers: [{ issuer: 'https://idp.example.org', jwksUrl: 'https://idp.example.org/jwks' }] });
  });

  it('should take VANGNET_TRUSTED_ISSUERS over the single-issuer form, and stop on a bad entry naming it', () => {
    const list = [{ issuer: 'https://a.example', jwksUrl: 'https://a.example/jwks' }];
    expect(jwtSettingsFromEnv({ VANGNET_TRUSTED_ISSUERS: JSON.stringify(list), VANGNET_JWT_ISSUER: 'ignored' }).issuers).toEqual(list);
    expect(() => parseTrustedIssuers('{')).toThrow(/VANGNET_TRUSTED_ISSUERS must be a JSON array/);
    expect(() => parseTrustedIssuers('[]')).toThrow(/non-empty/);
    expect(() => parseTrustedIssuers('[{"issuer":"x","jwksUrl":"ftp://x"}]')).toThrow(/\[0\]\.jwksUrl/);
    expect(() => parseTrustedIssuers('[{"issuer":"x","jwksUrl":"https://x","claims":{"email":"mail"}}]')).toThrow(/\[0\]\.claims\.email/);
    expect(() => parseTrustedIssuers('[{"issuer":"x","jwksUrl":"https://x","scopes":[]}]')).toThrow(/unknown fields scopes/);
    expect(() => parseTrustedIssuers('[{"issuer":"x","jwksUrl":"https://x"},{"issuer":"x","jwksUrl":"https://y"}]')).toThrow(/names x twice/);
  });

  it('should map an issuer’s claims to ours: paths, fixed values, role names, allowed municipalities', () => {
    const issuer = {
      issuer: 'https://idp.leiden.example',
      jwksUrl: 'https://idp.leiden.example/jwks',
      claims: { sub: 'preferred_username', org: { value: 'GM0546' }, roles: 'realm_access.roles', municipalities: 'tenants' },
      roleMap: { 'wmo-consulent': 'access.caseworker', beslisser: ['access.decision-maker', 'access.caseworker'] },
      municipalities: ['GM0546'],
    };
    expect(mapClaims(issuer, { preferred_username: 'anne', realm_access: { roles: ['beslisser', 'other'] }, tenants: 'GM0546 GM0547' })).toEqual({
      sub: 'anne',
      org: 'GM0546',
      roles: ['access.decision-maker', 'access.caseworker', 'other'],
      municipalities: ['GM0546'],
    });
    expect(mapClaims(issuer, { preferred_username: 'x', realm_access: { roles: 'nope' }, constructor: 1 }).roles).toEqual(['nope']);
  });

  it('should name the development issuer by a URL only', () => {
    expect(() => checkIssuerUrl('http://localhost:8080')).not.toThrow();
    expect(() => checkIssuerUrl('https://vangnet.gemeente.example/')).not.toThrow();
    expect(() => checkIssuerUrl('https://vangnet.gemeente.example/idp')).toThrow(/no path/);
    expect(() => checkIssuerUrl('urn:vangnet:dev-idp')).toThrow(/VANGNET_DEV_IDP_ISSUER/);
    expect(() => checkIssuerUrl('http://x?y=1')).toThrow(/VANGNET_DEV_IDP_ISSUER/);
  });
});
