import { EVENT_CATALOGUE, REQUEST_CATALOGUE } from './catalogue';
import { validatePayload } from './common/validation';
import { DeclarationObjectLine, RejectedDeclarationLine } from './exchange/declaration-lines';
import { EVENT_EXAMPLES, REQUEST_EXAMPLES } from './testing/message-examples';

const codes = (cls: new () => object, payload: object) => {
  const r = validatePayload(cls, payload);
  return r.ok ? [] : r.invalidParams.map((p) => `${p.name} ${p.code}`);
};
const payloadOf = (subject: string) => EVENT_CATALOGUE.find((e) => e.subject === subject)!.payload;
const example = (subject: string) => JSON.parse(JSON.stringify(EVENT_EXAMPLES[subject])) as Record<string, unknown>;

describe('contract classes', () => {
  it.each(EVENT_CATALOGUE.map((e) => [e.subject, e.payload] as const))('%s should accept its example', (subject, payload) => {
    expect(EVENT_EXAMPLES[subject]).toBeDefined();
    expect(codes(payload, EVENT_EXAMPLES[subject])).toEqual([]);
  });

  it.each(REQUEST_CATALOGUE.map((r) => [r.subject, r] as const))('%s should accept its example request and replies', (subject, r) => {
    const ex = REQUEST_EXAMPLES[subject];
    expect(codes(r.request, ex.request)).toEqual([]);
    for (const reply of r.reply) expect(codes(reply, ex.replies[reply.name])).toEqual([]);
  });

  describe('provision events', () => {
    it('should still accept a wave-1 event without assignmentNumber, requestId and originMunicipality (replays)', () => {
      const { assignmentNumber: _a, originMunicipality: _o, ...old } = example('access.provision.granted.v1');
      expect(codes(payloadOf('access.provision.granted.v1'), old)).toEqual([]);
    });

    it.each([0, 1_000_000_000, 12.5, '1001'])('should refuse assignmentNumber %p', (n) => {
      expect(codes(payloadOf('access.provision.changed.v1'), { ...example('access.provision.changed.v1'), assignmentNumber: n })).not.toEqual([]);
    });

    it('should take every responsibility reason, old and new', () => {
      for (const reason of ['CENTRAL_REGIME', 'JEUGDWET_ADDRESS_BEFORE_STAY', 'PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS', 'WMO_CENTRAL_MUNICIPALITY']) {
        expect(codes(payloadOf('access.provision.granted.v1'), { ...example('access.provision.granted.v1'), responsibilityReason: reason })).toEqual([]);
      }
    });
  });

  it('should require investigationDue in registration v1 and not in v2, and law in v2', () => {
    const { investigationDue: _d, ...v1 } = example('access.registration.received.v1');
    expect(codes(payloadOf('access.registration.received.v1'), v1)).toEqual(['investigationDue REQUIRED']);
    const { law: _l, ...v2 } = example('access.registration.received.v2');
    expect(codes(payloadOf('access.registration.received.v2'), v2)).toEqual(['law REQUIRED']);
  });

  describe('assignment request answered', () => {
    const subject = 'access.assignment-request.answered.v1';
    it('should require a WJ759 reason when rejected', () => {
      expect(codes(payloadOf(subject), { ...example(subject), outcome: 'REJECTED', lineageIds: [] })).toEqual(['rejectionReason REQUIRED']);
      expect(codes(payloadOf(subject), { ...example(subject), outcome: 'REJECTED', rejectionReason: 'NO_CONTRACT', lineageIds: [] })).toEqual([]);
    });
    it('should require the granted lineages when granted', () => {
      expect(codes(payloadOf(subject), { ...example(subject), lineageIds: [] })).toEqual(['lineageIds LINEAGES_REQUIRED']);
      expect(codes(payloadOf(subject), { ...example(subject), outcome: 'UNDER_INVESTIGATION', lineageIds: [] })).toEqual([]);
    });
  });

  it('should require the assignment number of a product to change', () => {
    const subject = 'exchange.assignment-request.received.v1';
    expect(codes(payloadOf(subject), { ...example(subject), kind: 'CHANGE' })).toEqual(['assignmentNumber REQUIRED']);
    expect(codes(payloadOf(subject), { ...example(subject), kind: 'CHANGE', assignmentNumber: 1001, changeReason: 'CARE_PLAN_CHANGED' })).toEqual([]);
    const { product: _p, volume: _v, ...budgetOnly } = example(subject);
    expect(codes(payloadOf(subject), { ...budgetOnly, budgetCents: 250_000 })).toEqual([]);
  });

  it('should take a delivery stop reason only from its own law’s list', () => {
    const subject = 'exchange.delivery.stopped.v1';
    expect(codes(payloadOf(subject), { ...example(subject), reasonCode: '35' })).toEqual(['reasonCode IS_END_REASON_OF_LAW']);
    expect(codes(payloadOf(subject), { ...example(subject), law: 'JEUGDWET', reasonCode: '35' })).toEqual([]);
    expect(codes(payloadOf(subject), { ...example(subject), reasonCode: '99' })).toContain('reasonCode IS_IN');
    expect(codes(payloadOf(subject), { ...example(subject), endDate: '2026-03-01' })).toEqual(['endDate END_BEFORE_START']);
  });

  describe('declaration assessed', () => {
    const subject = 'finance.declaration.assessed.v1';
    it('should carry rejected lines inline or by reference, never both and never neither', () => {
      const { rejected: _r, ...byReference } = example(subject);
      expect(codes(payloadOf(subject), { ...byReference, rejectedCount: 5000, rejectedObjectName: 'x.rejected.ndjson' })).toEqual([]);
      expect(codes(payloadOf(subject), byReference)).toEqual(['rejected REQUIRED']);
      expect(codes(payloadOf(subject), { ...example(subject), rejectedObjectName: 'x.rejected.ndjson' })).toEqual(['rejectedObjectName EITHER_INLINE_OR_BY_REFERENCE']);
    });
    it('should hold at most 1,000 rejected lines inline, as many as rejectedCount, with known retour codes', () => {
      const many = Array.from({ length: 1001 }, (_, i) => ({ reference: `P-${i}`, retourCodes: ['9321'] }));
      expect(codes(payloadOf(subject), { ...example(subject), rejected: many, rejectedCount: 1001 })).toEqual(['rejected ARRAY_MAX_SIZE']);
      expect(codes(payloadOf(subject), { ...example(subject), rejectedCount: 2 })).toEqual(['rejected REJECTED_COUNT_MATCHES']);
      expect(codes(RejectedDeclarationLine, { reference: 'P-1', retourCodes: ['1234'] })).toEqual(['retourCodes IS_IN']);
      expect(codes(RejectedDeclarationLine, { reference: 'P-1', retourCodes: [] })).toEqual(['retourCodes ARRAY_MIN_SIZE']);
    });
  });

  it('should describe a declaration line in finance’s shape, with the assignment and no BSN', () => {
    const line = {
      reference: 'P-0001',
      provisionId: '00000000-0000-4000-8000-000000000002',
      assignmentNumber: 1001,
      personId: '00000000-0000-4000-8000-000000000001',
      product: { category: '02' },
      period: { start: '2026-03-01', end: '2026-03-31' },
      volume: 16,
      unit: 'HOUR',
      tariffCents: 6500,
      amountCents: 104_000,
      debitCredit: 'DEBIT',
    };
    expect(codes(DeclarationObjectLine, line)).toEqual([]);
    expect(codes(DeclarationObjectLine, { ...line, period: { start: '2026-03-31', end: '2026-03-01' } })).toEqual(['period.end END_BEFORE_START']);
  });

  it('should answer a nomination with a lease start when accepted and a reason when declined', () => {
    const subject = 'housing.nomination.answered.v1';
    const { leaseStart: _l, ...accepted } = example(subject);
    expect(codes(payloadOf(subject), accepted)).toEqual(['leaseStart REQUIRED']);
    expect(codes(payloadOf(subject), { ...accepted, accepted: false })).toEqual(['reason REQUIRED']);
    expect(codes(payloadOf(subject), { ...accepted, accepted: false, reason: 'Geen passende woning' })).toEqual([]);
  });

  it('should have an eviction signal reported by a corporation or a provider', () => {
    const subject = 'housing.eviction-signal.reported.v1';
    const { corporation: _c, ...anonymous } = example(subject);
    expect(codes(payloadOf(subject), anonymous).sort()).toEqual(['corporation REQUIRED', 'providerAgb REQUIRED']);
    expect(codes(payloadOf(subject), { ...anonymous, providerAgb: '98000001' })).toEqual([]);
  });

  it('should keep a partner’s kind and org together, and access teams for ORG: partners only', () => {
    const subject = 'gateway.partner.registered.v1';
    expect(codes(payloadOf(subject), { ...example(subject), kind: 'AGB' })).toEqual(['kind KIND_MATCHES_ORG', 'accessTeamFor ACCESS_TEAM_ONLY_FOR_ORG']);
    expect(codes(payloadOf(subject), { ...example(subject), org: 'GM0546' })).toContain('org INVALID_FORMAT');
    expect(codes(payloadOf(subject), { ...example(subject), org: 'AGB:98000001', kind: 'AGB', accessTeamFor: [] })).toEqual([]);
  });

  it('should keep a life domain’s scale the right way round', () => {
    const subject = 'access.life-domain.changed.v1';
    expect(codes(payloadOf(subject), { ...example(subject), scaleMin: 5, scaleMax: 5 })).toEqual(['scaleMax IS_GREATER_THAN']);
    expect(codes(payloadOf(subject), { ...example(subject), code: 'finances' })).toEqual(['code INVALID_FORMAT']);
  });

  it('should take only facility features as outflow needs', () => {
    const subject = 'care-plans.outflow.ready.v1';
    expect(codes(payloadOf(subject), { ...example(subject), needs: ['PSYCHOSIS'] })).toEqual(['needs UNKNOWN_VALUE']);
  });

  it('should refuse an identity request without a purpose, and a malformed BSN to resolve', () => {
    const identity = REQUEST_CATALOGUE.find((r) => r.subject === 'access.person.identity.get')!;
    const { purpose: _p, ...noPurpose } = REQUEST_EXAMPLES['access.person.identity.get'].request as Record<string, unknown>;
    expect(codes(identity.request, noPurpose)).toEqual(['purpose REQUIRED']);
    const resolve = REQUEST_CATALOGUE.find((r) => r.subject === 'access.person.resolve')!;
    expect(codes(resolve.request, { bsn: '123456789', municipality: 'GM0546' })).toEqual(['bsn INVALID_BSN']);
  });
});
