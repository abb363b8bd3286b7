import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { EventDefinition } from '../catalogue';
import { IsIsoDate } from '../common/dates';
import { IsCents } from '../common/money';
import { Nested } from '../common/value-objects';
import { compareMessages, compareSchemas, IncompatibleChange } from './compatibility';
import { classSchema, JsonSchema, messageSchema } from './json-schema';
import { planSnapshots, readSnapshots, refreshSnapshots, serialise } from './snapshot';

// Synthetic before/after classes: one published version ("Before") and the change under test.
enum Colour {
  RED = 'RED',
  GREEN = 'GREEN',
  BLUE = 'BLUE',
}
enum FewerColours {
  RED = 'RED',
  GREEN = 'GREEN',
}
enum MoreColours {
  RED = 'RED',
  GREEN = 'GREEN',
  BLUE = 'BLUE',
  YELLOW = 'YELLOW',
}

class Amount {
  @IsInt()
  @Min(1)
  @Max(1000)
  value!: number;

  @IsEnum(Colour)
  colour!: Colour;
}

class Before {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  count!: number;

  @IsIsoDate()
  on!: string;

  @IsEnum(Colour)
  colour!: Colour;

  @IsOptional()
  @IsString()
  note?: string;

  @Nested(() => Amount)
  amount!: Amount;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Amount)
  amounts!: Amount[];

  @IsCents()
  cents!: number;
}

// Each "after" below is Before with one change; a subclass would inherit Before's rules, so each is written out.
function variant(change: (c: Record<string, unknown>) => void): JsonSchema {
  const schema = JSON.parse(JSON.stringify(classSchema(Before))) as JsonSchema;
  change(schema.properties as Record<string, unknown>);
  return schema;
}

class AmountWithoutColour {
  @IsInt()
  @Min(1)
  @Max(1000)
  value!: number;
}

class BeforeWithOptionalAdded extends Before {
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

class BeforeWithRequiredAdded extends Before {
  @IsUUID()
  requestId!: string;
}

class BeforeWithFewerColours {
  @IsEnum(FewerColours)
  colour!: FewerColours;
}

class BeforeWithMoreColours {
  @IsEnum(MoreColours)
  colour!: MoreColours;
}

class OnlyColour {
  @IsEnum(Colour)
  colour!: Colour;
}

class NestedAmountWithoutColour {
  @Nested(() => AmountWithoutColour)
  amount!: AmountWithoutColour;
}

class NestedAmount {
  @Nested(() => Amount)
  amount!: Amount;
}

class CountAsString {
  @IsString()
  count!: string;
}

class CountAsInt {
  @IsInt()
  count!: number;
}

class Tagged {
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]+$/, { each: true })
  tags!: string[];
}

class TaggedLooser {
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]+$/, { each: true })
  tags!: string[];
}

class TaggedStricter {
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(/^[a-z]{1,3}$/, { each: true })
  tags!: string[];
}

const changes = (before: JsonSchema, after: JsonSchema) => compareSchemas(before, after).map((i) => [i.path, i.change]);

describe(compareSchemas.name, () => {
  const before = classSchema(Before);

  describe('should refuse', () => {
    it('a removed field', () => {
      expect(changes(before, variant((p) => delete p.note))).toEqual([['note', IncompatibleChange.REMOVED]]);
    });

    it('a renamed field: the old name is gone', () => {
      const after = variant((p) => {
        p.remark = p.note;
        delete p.note;
      });
      expect(changes(before, after)).toEqual([['note', IncompatibleChange.REMOVED]]);
    });

    it('a retyped field: integer to string, and a date to a date-time', () => {
      expect(changes(classSchema(CountAsInt), classSchema(CountAsString))).toEqual([['count', IncompatibleChange.RETYPED]]);
      const after = variant((p) => ((p.on as JsonSchema).format = 'date-time'));
      expect(changes(before, after)).toEqual([['on', IncompatibleChange.RETYPED]]);
    });

    it('a new required field', () => {
      expect(changes(before, classSchema(BeforeWithRequiredAdded))).toEqual([['requestId', IncompatibleChange.REQUIRED_ADDED]]);
    });

    it('an optional field made required, and a required one made optional', () => {
      const required = { ...before, required: [...(before.required ?? []), 'note'] };
      expect(changes(before, required)).toEqual([['note', IncompatibleChange.REQUIRED_ADDED]]);
      const optional = { ...before, required: (before.required ?? []).filter((r) => r !== 'count') };
      expect(changes(before, optional)).toEqual([['count', IncompatibleChange.BECAME_OPTIONAL]]);
    });

    it('an enum value that disappears', () => {
      expect(changes(classSchema(OnlyColour), classSchema(BeforeWithFewerColours))).toEqual([['colour', IncompatibleChange.ENUM_VALUE_REMOVED]]);
    });

    it('a field removed inside a nested object', () => {
      expect(changes(classSchema(NestedAmount), classSchema(NestedAmountWithoutColour))).toEqual([['amount.colour', IncompatibleChange.REMOVED]]);
    });

    it('a change inside array items', () => {
      const after = variant((p) => delete ((p.amounts as JsonSchema).items as JsonSchema).properties?.colour);
      expect(changes(before, after)).toEqual([['amounts[].colour', IncompatibleChange.REMOVED]]);
    });

    it('a narrower limit or pattern', () => {
      expect(changes(classSchema(Tagged), classSchema(TaggedStricter))).toEqual([
        ['tags', IncompatibleChange.NARROWED],
        ['tags[]', IncompatibleChange.NARROWED],
      ]);
      const higherFloor = variant((p) => ((p.cents as JsonSchema).minimum = 1));
      expect(changes(before, higherFloor)).toEqual([['cents', IncompatibleChange.NARROWED]]);
    });
  });

  describe('should accept', () => {
    it('the same class', () => {
      expect(changes(before, classSchema(Before))).toEqual([]);
    });

    it('a new optional field', () => {
      expect(changes(before, classSchema(BeforeWithOptionalAdded))).toEqual([]);
    });

    it('a new enum value', () => {
      expect(changes(classSchema(OnlyColour), classSchema(BeforeWithMoreColours))).toEqual([]);
    });

    it('a looser limit', () => {
      expect(changes(classSchema(Tagged), classSchema(TaggedLooser))).toEqual([]);
    });
  });
});

const definition = (subject: string, payload: new () => object): EventDefinition => ({ kind: 'event', subject, payload, producer: 'access', consumers: [], description: 'a synthetic event' });

describe('snapshots of synthetic versions', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contracts-'));
    writeFileSync(join(dir, 'access.thing.happened.v1.json'), serialise(messageSchema(definition('access.thing.happened.v1', Before))));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should take a new version beside the published one, even with new required fields', () => {
    const plan = planSnapshots([definition('access.thing.happened.v1', Before), definition('access.thing.happened.v2', BeforeWithRequiredAdded)], readSnapshots(dir));
    expect(plan).toMatchObject({ refused: [], added: ['access.thing.happened.v2'], unchanged: ['access.thing.happened.v1'], grown: [] });
  });

  it('should rewrite a snapshot that grew compatibly', () => {
    const plan = refreshSnapshots(dir, [definition('access.thing.happened.v1', BeforeWithOptionalAdded)]);
    expect(plan).toMatchObject({ refused: [], grown: ['access.thing.happened.v1'] });
    expect(readSnapshots(dir).get('access.thing.happened.v1')?.payload?.properties).toHaveProperty('requestId');
  });

  it('should refuse to rewrite a published version incompatibly, and write nothing', () => {
    const file = join(dir, 'access.thing.happened.v1.json');
    const published = readFileSync(file, 'utf8');
    const plan = refreshSnapshots(dir, [definition('access.thing.happened.v1', BeforeWithRequiredAdded), definition('access.other.happened.v1', Before)]);
    expect(plan.refused).toEqual(['access.thing.happened.v1 requestId: REQUIRED_ADDED — a new field is required']);
    expect(readFileSync(file, 'utf8')).toBe(published);
    expect([...readSnapshots(dir).keys()]).toEqual(['access.thing.happened.v1']);
  });

  it('should refuse a published message that left the catalogue', () => {
    const before = readSnapshots(dir).get('access.thing.happened.v1');
    expect(before).toBeDefined();
    expect(compareMessages(before!, undefined).map((i) => i.change)).toEqual([IncompatibleChange.REMOVED]);
  });
});
