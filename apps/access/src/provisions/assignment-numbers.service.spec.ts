import { ASSIGNMENT_NUMBER_BLOCK, AssignmentNumbers } from './assignment-numbers.service';
import { ProvisionsRepository } from './provisions.repository';

const LEIDEN = 'GM0546';
const LEIDERDORP = 'GM0547';

describe(AssignmentNumbers.name, () => {
  /** A sequence per municipality as the table keeps it, with the reservations the test can hold back. */
  function aSequence() {
    const last = new Map<string, number>();
    const held: Array<() => void> = [];
    let hold = false;
    const reserveNumbers = jest.fn(async (m: string, count: number) => {
      if (hold) await new Promise<void>((r) => held.push(r));
      last.set(m, (last.get(m) ?? 0) + count);
      return last.get(m) as number;
    });
    const sut = new AssignmentNumbers({ reserveNumbers } as unknown as ProvisionsRepository);
    return { sut, reserveNumbers, hold: (on: boolean) => (hold = on), release: () => held.splice(0).forEach((r) => r()) };
  }

  it('should hand each municipality’s numbers out in order from one reserved block', async () => {
    const { sut, reserveNumbers } = aSequence();
    await expect(sut.take([LEIDEN, LEIDERDORP, LEIDEN])).resolves.toEqual([1, 1, 2]);
    await expect(sut.take([LEIDEN])).resolves.toEqual([3]);
    expect(reserveNumbers.mock.calls).toEqual([
      [LEIDEN, ASSIGNMENT_NUMBER_BLOCK],
      [LEIDERDORP, ASSIGNMENT_NUMBER_BLOCK],
    ]);
  });

  it('should reserve the next block when one runs out, and never give a number twice', async () => {
    const { sut, reserveNumbers } = aSequence();
    const taken = await Promise.all(Array.from({ length: ASSIGNMENT_NUMBER_BLOCK * 2 + 5 }, () => sut.take([LEIDEN])));
    const numbers = taken.flat();
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(numbers.length);
    expect(reserveNumbers).toHaveBeenCalledTimes(3);
  });

  it('should let everyone short of numbers wait for one reservation, not start one each', async () => {
    const { sut, reserveNumbers, hold, release } = aSequence();
    hold(true);
    const waiting = [sut.take([LEIDEN]), sut.take([LEIDEN]), sut.take([LEIDEN, LEIDEN])];
    await new Promise((r) => setImmediate(r));
    expect(reserveNumbers).toHaveBeenCalledTimes(1);
    release();
    await expect(Promise.all(waiting)).resolves.toEqual([[1], [2], [3, 4]]);
  });

  it('should fail the requests when the reservation fails, and reserve again for the next', async () => {
    const reserveNumbers = jest.fn().mockRejectedValueOnce(new Error('connection terminated')).mockResolvedValueOnce(ASSIGNMENT_NUMBER_BLOCK);
    const sut = new AssignmentNumbers({ reserveNumbers } as unknown as ProvisionsRepository);
    await expect(sut.take([LEIDEN])).rejects.toThrow('connection terminated');
    await expect(sut.take([LEIDEN])).resolves.toEqual([1]);
  });
});
