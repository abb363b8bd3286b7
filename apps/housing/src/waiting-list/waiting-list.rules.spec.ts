import { WaitingListErrorCode } from './waiting-list.errors';
import { WaitingListInput, waitingListProblems } from './waiting-list.rules';

const aWaitingList = (overrides: Partial<WaitingListInput> = {}): WaitingListInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(waitingListProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(waitingListProblems(aWaitingList({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(waitingListProblems(aWaitingList({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(waitingListProblems(aWaitingList({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: WaitingListErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
