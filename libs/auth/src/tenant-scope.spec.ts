import { CommonErrorCode, OrgKind, Role } from '@vangnet/contracts';
import { Caller } from './caller';
import {
  actingProviderAgb,
  AGGREGATES,
  mayActFor,
  mayRead,
  narrowToScope,
  NON_PERSONAL_DATA,
  PERSONAL_DATA,
  requireActFor,
  requireOwnAgb,
  requireRead,
  ScopeError,
  tenantScopeOf,
} from './tenant-scope';

const aCaller = (overrides: Partial<Caller> = {}): Caller => ({
  sub: 'u1',
  org: 'GM0546',
  orgKind: OrgKind.MUNICIPALITY,
  orgId: 'GM0546',
  roles: [Role.ACCESS_CASEWORKER],
  municipalities: ['GM0546', 'GM0547'],
  ...overrides,
});
const aProvider = (agb = '12345678', overrides: Partial<Caller> = {}) => aCaller({ org: `AGB:${agb}`, orgKind: OrgKind.PROVIDER, orgId: agb, roles: [Role.PROVIDER], municipalities: [], ...overrides });
const aPartner = () => aCaller({ org: 'ORG:999', orgKind: OrgKind.PARTNER, orgId: '999', municipalities: ['GM0546'] });
const aCorporation = () => aCaller({ org: 'CORP:555', orgKind: OrgKind.CORPORATION, orgId: '555', roles: [Role.CORPORATION], municipalities: ['GM0546'] });

const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('tenant scope', () => {
  describe(requireActFor.name, () => {
    it('should pass when the token grants the municipality', () => {
      expect(() => requireActFor(aCaller(), 'GM0547', 'municipality')).not.toThrow();
    });

    it('should answer 403 OUT_OF_SCOPE naming the field when the token does not grant it', () => {
      const e = thrown(() => requireActFor(aCaller(), 'GM0579', 'receivingMunicipality'));
      expect(e).toBeInstanceOf(ScopeError);
      expect(e).toMatchObject({
        status: 403,
        code: CommonErrorCode.OUT_OF_SCOPE,
        invalidParams: [{ name: 'receivingMunicipality', code: 'OUT_OF_SCOPE', reason: 'this token does not grant GM0579' }],
      });
    });

    it('should name each municipality of a list the token does not grant by its index', () => {
      const e = thrown(() => requireActFor(aCaller(), ['GM0546', 'GM0579', 'GM0626'], 'municipalities'));
      expect(e).toMatchObject({ invalidParams: [{ name: 'municipalities[1]' }, { name: 'municipalities[2]' }] });
    });
  });

  describe(mayRead.name, () => {
    it('should let any org read by the municipalities of its token when no rule is given', () => {
      expect(mayRead(aCaller(), { municipalities: ['GM0579', 'GM0547'] })).toBe(true);
      expect(mayRead(aPartner(), { municipalities: ['GM0546'] })).toBe(true);
      expect(mayRead(aCaller(), { municipalities: ['GM0579', null] })).toBe(false);
    });

    it('should let a provider read only its own under the personal and non-personal rules', () => {
      const provider = aProvider('12345678', { municipalities: ['GM0546'] });
      expect(mayRead(provider, { municipalities: ['GM0546'], providerAgb: '87654321' }, NON_PERSONAL_DATA)).toBe(false);
      expect(mayRead(provider, { municipalities: ['GM0579'], providerAgb: '12345678' }, NON_PERSONAL_DATA)).toBe(true);
      expect(mayRead(provider, { municipalities: ['GM0546'] }, PERSONAL_DATA)).toBe(false);
    });

    it('should let a corporation read only its own under the personal rule', () => {
      expect(mayRead(aCorporation(), { municipalities: ['GM0546'] }, PERSONAL_DATA)).toBe(false);
      expect(mayRead(aCorporation(), { corporation: '555' }, PERSONAL_DATA)).toBe(true);
    });

    it('should let a regional analyst read every municipality’s aggregates, and nobody but municipal tokens otherwise', () => {
      expect(mayRead(aCaller({ roles: [Role.REGIONAL_ANALYST], municipalities: [] }), { municipalities: ['GM0638'] }, AGGREGATES)).toBe(true);
      expect(mayRead(aPartner(), { municipalities: ['GM0546'] }, AGGREGATES)).toBe(false);
      expect(mayRead(aCaller(), { municipalities: ['GM0546'] }, AGGREGATES)).toBe(true);
    });

    it('should require one of the rule’s roles when it names them', () => {
      const rule = { roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] };
      expect(mayRead(aCaller(), { municipalities: ['GM0546'] }, rule)).toBe(false);
      expect(mayRead(aCaller({ roles: [Role.AUDITOR] }), { municipalities: ['GM0546'] }, rule)).toBe(true);
    });
  });

  describe(requireRead.name, () => {
    it('should name the fields that chose the tenant', () => {
      const e = thrown(() => requireRead(aCaller(), { municipalities: ['GM0579', 'GM0626'] }, ['from', 'to'], AGGREGATES));
      expect(e).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'from' }, { name: 'to' }] });
    });
  });

  describe(tenantScopeOf.name, () => {
    it('should refuse with FORBIDDEN an org kind that reads none of the data, whatever the tenant', () => {
      expect(thrown(() => tenantScopeOf(aCorporation(), NON_PERSONAL_DATA))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(tenantScopeOf(aProvider(), NON_PERSONAL_DATA)).toEqual({ municipalities: [], providerAgb: '12345678', regionWide: false });
    });
  });

  describe(narrowToScope.name, () => {
    it('should keep a provider to its own AGB and give nothing when it asks for another', () => {
      const scope = tenantScopeOf(aProvider(), NON_PERSONAL_DATA);
      expect(narrowToScope(scope, { municipalities: ['GM0579'] })).toEqual({ municipalities: ['GM0579'], providerAgb: '12345678' });
      expect(narrowToScope(scope, { providerAgb: '87654321' })).toBeUndefined();
    });

    it('should keep municipal readers to the asked municipalities in scope, or all of theirs', () => {
      const scope = tenantScopeOf(aCaller(), NON_PERSONAL_DATA);
      expect(narrowToScope(scope, {})).toEqual({ municipalities: ['GM0546', 'GM0547'], providerAgb: undefined });
      expect(narrowToScope(scope, { municipalities: ['GM0547', 'GM0579'] })).toEqual({ municipalities: ['GM0547'], providerAgb: undefined });
    });
  });

  it('should let a provider name only its own AGB, and anyone else any AGB', () => {
    expect(thrown(() => requireOwnAgb(aProvider(), '87654321', 'providerAgb'))).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'providerAgb' }] });
    expect(() => requireOwnAgb(aProvider(), '12345678', 'providerAgb')).not.toThrow();
    expect(() => requireOwnAgb(aCaller(), '87654321', 'providerAgb')).not.toThrow();
  });

  it('should see a provider as acting only when it holds the provider role', () => {
    expect(actingProviderAgb(aProvider())).toBe('12345678');
    expect(actingProviderAgb(aProvider('12345678', { roles: [Role.REGIONAL_ANALYST] }))).toBeUndefined();
    expect(mayActFor(aCaller(), ['GM0546', 'GM0547'])).toBe(true);
    expect(mayActFor(aCaller(), ['GM0546', 'GM0579'])).toBe(false);
  });
});
