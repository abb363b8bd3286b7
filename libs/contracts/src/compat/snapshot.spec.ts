import { MESSAGE_CATALOGUE } from '../catalogue';
import { compareMessages, describeIncompatibility } from './compatibility';
import { messageSchema } from './json-schema';
import { readSnapshots } from './snapshot';

// The committed snapshots (libs/contracts/schemas) against the classes as they are now: a
// published version may only grow. Fix a failure by undoing the change, or by publishing a v2
// beside the version (and `node tools/contracts/snapshot.mjs`), never by editing the snapshot.
describe('published contracts', () => {
  const snapshots = readSnapshots();

  it('should have a snapshot of every message in the catalogue (node tools/contracts/snapshot.mjs writes new ones)', () => {
    expect(MESSAGE_CATALOGUE.map((d) => d.subject).filter((s) => !snapshots.has(s))).toEqual([]);
  });

  it.each(MESSAGE_CATALOGUE.map((d) => [d.subject, d] as const))('%s should still accept everything its snapshot accepted', (subject, d) => {
    const before = snapshots.get(subject);
    if (!before) return; // reported above
    expect(compareMessages(before, messageSchema(d)).map((i) => describeIncompatibility(subject, i))).toEqual([]);
  });

  it('should keep every published message in the catalogue', () => {
    const subjects = new Set(MESSAGE_CATALOGUE.map((d) => d.subject));
    expect([...snapshots.keys()].filter((s) => !subjects.has(s))).toEqual([]);
  });
});
