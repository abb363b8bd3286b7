import { MESSAGE_CATALOGUE } from '../catalogue';
import { compareMessages, describeIncompatibility } from './compatibility';
import { messageSchema } from './json-schema';
import { planSnapshots, readSnapshots } from './snapshot';

// The committed snapshots (libs/contracts/schemas) against the classes as they are now: a
// published version may only grow. Fix a failure by undoing the change, or by publishing a v2
// beside the version (and `npm run contracts:snapshot`), never by editing the snapshot.
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

  // An additive change passes the check above; its snapshot is then refreshed so the new field is
  // held to the same rule (and the AsyncAPI document and the apps' READMEs show it).
  it('should have snapshots as the classes are now (after an additive change: npm run contracts:snapshot)', () => {
    const plan = planSnapshots();
    const refused = new Set(plan.refused.map((line) => line.split(' ')[0])); // reported above
    expect(plan.grown.filter((s) => !refused.has(s))).toEqual([]);
  });

  it('should keep every published message in the catalogue', () => {
    const subjects = new Set(MESSAGE_CATALOGUE.map((d) => d.subject));
    expect([...snapshots.keys()].filter((s) => !subjects.has(s))).toEqual([]);
  });
});
