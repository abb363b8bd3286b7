import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { IsArray, IsString } from 'class-validator';
import { Frequency, Unit } from '../codes/units';
import { Nested, NestedList, Period, ProductRef, Volume } from './value-objects';
import { validatePayload } from './validation';

class ProvisionInput {
  @Nested(() => ProductRef)
  product!: ProductRef;

  @Nested(() => Volume)
  volume!: Volume;

  @Nested(() => Period)
  period!: Period;
}

class DecisionInput {
  @IsString()
  note!: string;

  @IsArray()
  @NestedList(() => ProvisionInput)
  provisions!: ProvisionInput[];
}

const good = {
  product: { category: '02' },
  volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
  period: { start: '2026-01-01', end: '2026-12-31' },
};

describe(validatePayload.name, () => {
  it('should accept a valid payload', () => {
    const sut = validatePayload(DecisionInput, { note: 'x', provisions: [good] });
    expect(sut.ok).toBe(true);
  });

  it('should name nested fields by path when they are wrong', () => {
    const sut = validatePayload(DecisionInput, {
      note: 'x',
      provisions: [good, { ...good, volume: { ...good.volume, unit: 'LITRE' }, period: { start: '2026-02-01', end: '2026-01-01' } }],
    });
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'provisions[1].volume.unit', code: 'UNKNOWN_VALUE' }),
        expect.objectContaining({ name: 'provisions[1].period.end', code: 'END_BEFORE_START' }),
      ]),
    );
  });

  it('should report a missing field once as REQUIRED', () => {
    const sut = validatePayload(DecisionInput, { provisions: [] });
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.invalidParams).toEqual([{ name: 'note', code: 'REQUIRED', reason: 'note is required' }]);
  });

  it('should refuse unknown fields only when asked to', () => {
    const lenient = validatePayload(DecisionInput, { note: 'x', provisions: [], extra: 1 });
    const strict = validatePayload(DecisionInput, { note: 'x', provisions: [], extra: 1 }, { forbidUnknown: true });
    expect(lenient.ok).toBe(true);
    expect(strict.ok).toBe(false);
    if (strict.ok) return;
    expect(strict.invalidParams[0]).toMatchObject({ name: 'extra', code: 'UNKNOWN_FIELD' });
  });

  it('should refuse an unknown product category and a malformed product code', () => {
    const sut = validatePayload(ProvisionInput, { ...good, product: { category: '99', code: 'TOO-LONG' } });
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.invalidParams.map((p) => p.name).sort()).toEqual(['product.category', 'product.code']);
  });

  it('should refuse a missing, array or scalar value where a nested object is required', () => {
    const missing = validatePayload(ProvisionInput, { product: good.product, volume: good.volume });
    expect(missing).toEqual({ ok: false, invalidParams: [expect.objectContaining({ name: 'period', code: 'REQUIRED' })] });
    const array = validatePayload(ProvisionInput, { ...good, product: [] });
    expect(array.ok).toBe(false);
    if (array.ok) return;
    expect(array.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'product', code: 'INVALID_OBJECT' })]));
    const scalar = validatePayload(ProvisionInput, { ...good, volume: 4 });
    expect(scalar.ok).toBe(false);
  });

  it('should refuse an array where an object is expected', () => {
    const sut = validatePayload(DecisionInput, [1, 2]);
    expect(sut).toEqual({ ok: false, invalidParams: [expect.objectContaining({ code: 'INVALID_OBJECT' })] });
  });
  it('should refuse an array, a scalar or null in place of an element of a list of objects', () => {
    // ValidateNested({ each: true }) alone validated [[[]]] as nothing and accepted it.
    for (const provisions of [[[]], [[[]]], [good, [good]], [4], ['x'], [null]]) {
      const sut = validatePayload(DecisionInput, { note: 'x', provisions });
      expect(sut.ok).toBe(false);
      if (sut.ok) continue;
      expect(sut.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'provisions', code: 'INVALID_OBJECT' })]));
    }
  });
});

describe('nested classes in the sources', () => {
  const ROOT = join(__dirname, '..', '..', '..', '..');
  function* sources(dir: string): Generator<string> {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name === 'test' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) yield* sources(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) yield path;
    }
  }

  it('should declare every nested object with Nested and every list of them with NestedList, never ValidateNested alone', () => {
    const raw = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((f) => !f.endsWith(join('common', 'value-objects.ts')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/@ValidateNested\(/.test(line) ? [`${relative(ROOT, f)}:${i + 1}`] : [])));
    expect(raw).toEqual([]);
  });
});
