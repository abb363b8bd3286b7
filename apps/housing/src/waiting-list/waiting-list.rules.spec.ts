import { DeliveryForm, EndReason, WaitlistLeftReason } from '@vangnet/contracts';
import { entryVisible, hasChildrenOn, householdSizeOn, LineageState, Membership, reconcile, routeFor } from './waiting-list.rules';

const lineage = (o: Partial<LineageState> = {}): LineageState => ({ category: '15', productCode: null, deliveryForm: DeliveryForm.IN_KIND, endedOn: null, ...o });

describe(routeFor.name, () => {
  it('should send in-kind protected housing and shelter (15, 16, 18) to the list and emergency shelter (17) to direct placement', () => {
    expect(['15', '16', '17', '18'].map((category) => routeFor(lineage({ category })))).toEqual(['WAITING_LIST', 'WAITING_LIST', 'DIRECT_PLACEMENT', 'WAITING_LIST']);
  });

  it('should send a PGB, another category or an ended lineage nowhere', () => {
    expect(routeFor(lineage({ deliveryForm: DeliveryForm.PGB }))).toBeUndefined();
    expect(routeFor(lineage({ deliveryForm: DeliveryForm.PGB, category: '17' }))).toBeUndefined();
    expect(routeFor(lineage({ category: '02' }))).toBeUndefined();
    expect(routeFor(lineage({ endedOn: '2026-01-01' }))).toBeUndefined();
  });
});

describe(reconcile.name, () => {
  it('should create an entry for a new lineage that belongs on the list, and nothing for one that does not', () => {
    expect(reconcile(lineage(), undefined)).toEqual({ kind: 'CREATE', route: 'WAITING_LIST' });
    expect(reconcile(lineage({ category: '17' }), undefined)).toEqual({ kind: 'CREATE', route: 'DIRECT_PLACEMENT' });
    expect(reconcile(lineage({ deliveryForm: DeliveryForm.PGB }), undefined)).toEqual({ kind: 'NONE' });
  });

  it('should create nothing for a lineage whose end is known (a replayed history)', () => {
    expect(reconcile(lineage({ endedOn: '2026-03-01' }), undefined)).toEqual({ kind: 'NONE' });
  });

  it('should update an open entry, close it when the lineage leaves, and reroute it between list and direct placement', () => {
    const open = { route: 'WAITING_LIST' as const, status: 'OFFERED' as const };
    expect(reconcile(lineage(), open)).toEqual({ kind: 'UPDATE' });
    expect(reconcile(lineage({ deliveryForm: DeliveryForm.PGB }), open)).toEqual({ kind: 'CLOSE', reason: WaitlistLeftReason.NO_LONGER_NEEDED });
    expect(reconcile(lineage({ category: '17' }), open)).toEqual({ kind: 'REROUTE', route: 'DIRECT_PLACEMENT' });
  });

  it('should close with the reason the provision ended for', () => {
    const open = { route: 'WAITING_LIST' as const, status: 'WAITING' as const };
    expect(reconcile(lineage({ endedOn: '2026-03-01' }), open, EndReason.DECEASED)).toEqual({ kind: 'CLOSE', reason: WaitlistLeftReason.DECEASED });
    expect(reconcile(lineage({ endedOn: '2026-03-01' }), open, EndReason.MOVED_TO_OTHER_MUNICIPALITY)).toEqual({ kind: 'CLOSE', reason: WaitlistLeftReason.MOVED });
    expect(reconcile(lineage({ endedOn: '2026-03-01' }), open, EndReason.DELIVERED_AS_PLANNED)).toEqual({ kind: 'CLOSE', reason: WaitlistLeftReason.NO_LONGER_NEEDED });
  });

  it('should never reopen a closed entry', () => {
    expect(reconcile(lineage(), { route: 'WAITING_LIST', status: 'PLACED' })).toEqual({ kind: 'NONE' });
    expect(reconcile(lineage(), { route: 'WAITING_LIST', status: 'LEFT' })).toEqual({ kind: 'NONE' });
  });
});

describe(hasChildrenOn.name, () => {
  const members: Membership[] = [
    { personId: 'mother', validFrom: '2020-01-01', validTo: null, minorOn: null },
    { personId: 'child', validFrom: '2020-01-01', validTo: null, minorOn: '2027-03-01' },
    { personId: 'left', validFrom: '2020-01-01', validTo: '2025-12-31', minorOn: '2030-01-01' },
  ];

  it('should see a member under 18 on the date, not one who turned 18 or left', () => {
    expect(hasChildrenOn(members, '2026-11-23', 'mother')).toBe(true);
    expect(hasChildrenOn(members, '2027-03-01', 'mother')).toBe(false);
    expect(hasChildrenOn(members.filter((m) => m.personId !== 'child'), '2026-11-23', 'mother')).toBe(false);
  });

  it('should not count the resident themself', () => {
    expect(hasChildrenOn(members, '2026-11-23', 'child')).toBe(false);
  });
});

describe(householdSizeOn.name, () => {
  it('should count the current members, the resident at least', () => {
    const members: Membership[] = [
      { personId: 'a', validFrom: '2020-01-01', validTo: null, minorOn: null },
      { personId: 'b', validFrom: '2020-01-01', validTo: null, minorOn: '2030-01-01' },
      { personId: 'c', validFrom: '2020-01-01', validTo: '2021-01-01', minorOn: null },
    ];
    expect(householdSizeOn(members, '2026-11-23', 'a')).toBe(2);
    expect(householdSizeOn([], '2026-11-23', 'a')).toBe(1);
  });
});

describe(entryVisible.name, () => {
  const leiden = { orgId: 'GM0546', municipalities: ['GM0546', 'GM0547'] };

  it('should show an entry to officers acting for its municipality', () => {
    expect(entryVisible(leiden, { municipality: 'GM0547' }, false)).toBe(true);
    expect(entryVisible(leiden, { municipality: 'GM0579' }, false)).toBe(false);
  });

  it('should show a safety-flagged entry only to the municipality that made it', () => {
    expect(entryVisible(leiden, { municipality: 'GM0547' }, true)).toBe(false);
    expect(entryVisible({ orgId: 'GM0547', municipalities: ['GM0547'] }, { municipality: 'GM0547' }, true)).toBe(true);
  });
});
