import { formatTally, tally } from './checker';

// The drills' verdict rests on this count: every event the producer committed must show as exactly
// one side effect at the consumer.
const sent = (...keys: string[]) => keys.map((key, i) => ({ eventId: `e${i}`, key }));

describe('the drills’ checker', () => {
  it('should count every event applied once as applied, with nothing lost or twice', () => {
    const t = tally(sent('a', 'b', 'c'), [
      { key: 'a', times: 1, consistent: true },
      { key: 'b', times: 1, consistent: true },
      { key: 'c', times: 1 },
    ]);
    expect(t).toMatchObject({ events: 3, sent: 3, applied: 3, duplicates: 0, lost: 0, unexpected: 0 });
  });

  it('should count an event without a side effect as lost, naming it', () => {
    const t = tally(sent('a', 'b', 'c'), [{ key: 'a', times: 1 }, { key: 'c', times: 0 }]);
    expect(t).toMatchObject({ applied: 1, lost: 2, lostKeys: ['b', 'c'] });
  });

  it('should count each extra application as a duplicate', () => {
    const t = tally(sent('a', 'b'), [
      { key: 'a', times: 3 },
      { key: 'b', times: 1 },
    ]);
    expect(t).toMatchObject({ applied: 2, duplicates: 2, lost: 0, duplicateKeys: ['a'] });
  });

  it('should count two side-effect rows for one key as applied twice', () => {
    const t = tally(sent('a'), [
      { key: 'a', times: 1 },
      { key: 'a', times: 1 },
    ]);
    expect(t).toMatchObject({ applied: 1, duplicates: 1 });
  });

  it('should count books that do not add up as applied twice even when booked once', () => {
    const t = tally(sent('a', 'b'), [
      { key: 'a', times: 1, consistent: false },
      { key: 'b', times: 1, consistent: true },
    ]);
    expect(t).toMatchObject({ duplicates: 1, duplicateKeys: ['a'] });
  });

  it('should count a booking made twice whose books no longer add up as one duplicate, not two', () => {
    const t = tally(sent('a'), [{ key: 'a', times: 2, consistent: false }]);
    expect(t).toMatchObject({ applied: 1, duplicates: 1 });
  });

  it('should count a key the producer sent twice once, and a side effect nobody sent as unexpected', () => {
    const t = tally(sent('a', 'a', 'b'), [
      { key: 'a', times: 1 },
      { key: 'b', times: 1 },
      { key: 'z', times: 1 },
    ]);
    expect(t).toMatchObject({ events: 3, sent: 2, applied: 2, duplicates: 0, lost: 0, unexpected: 1 });
  });

  it('should count nothing sent as nothing lost', () => {
    expect(tally([], [])).toMatchObject({ sent: 0, applied: 0, duplicates: 0, lost: 0 });
  });

  it('should print the four figures', () => {
    expect(formatTally(tally(sent('a', 'b'), [{ key: 'a', times: 2 }]))).toBe('sent 2 · applied 1 · duplicates 1 · lost 1');
  });
});
