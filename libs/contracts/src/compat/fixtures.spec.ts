import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { IsUUID } from 'class-validator';
import { PLACEMENT_ENDED_V1, PlacementEndedV1 } from '../housing/placement-ended.v1';
import { eventDefinition } from '../catalogue';
import { MessageSchema } from './json-schema';
import { planFromSchemas, planSnapshots, readSnapshots } from './snapshot';

// The checker itself, on JSON Schema pairs (fixtures/*.json): a published snapshot set ("before")
// and the schemas as a change would make them ("after"), with the lines the check must print.
interface Fixture {
  $comment: string;
  compatible: boolean;
  before: MessageSchema[];
  after: MessageSchema[];
  expected: string[];
}

const FIXTURES = join(__dirname, 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((n) => [n.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIXTURES, n), 'utf8')) as Fixture] as const);

describe('the compatibility check on fixture schema pairs', () => {
  it('should have the breaking and the compatible cases', () => {
    expect(fixtures.map(([name]) => name)).toEqual(
      expect.arrayContaining(['removed-field', 'renamed-field', 'retyped-field', 'new-required-field', 'narrowed-enum', 'new-optional-field', 'new-version']),
    );
  });

  it.each(fixtures)('%s', (_name, f) => {
    const plan = planFromSchemas(f.after, new Map(f.before.map((s) => [s.subject, s])));
    expect(plan.refused).toEqual(f.expected);
    expect(plan.refused.length === 0).toBe(f.compatible);
  });
});

// A breaking change to a real, published event class: what a developer sees.
class PlacementEndedWithRequiredField extends PlacementEndedV1 {
  @IsUUID()
  facilityId!: string;
}

describe('a breaking change to a real event class', () => {
  it(`should refuse a new required field on ${PLACEMENT_ENDED_V1} against its committed snapshot`, () => {
    const published = eventDefinition(PLACEMENT_ENDED_V1);
    expect(published).toBeDefined();
    const changed = { ...published!, payload: PlacementEndedWithRequiredField };
    const plan = planSnapshots([changed], new Map([[PLACEMENT_ENDED_V1, readSnapshots().get(PLACEMENT_ENDED_V1)!]]));
    expect(plan.refused).toEqual(['housing.placement.ended.v1 facilityId: REQUIRED_ADDED — a new field is required']);
  });
});
