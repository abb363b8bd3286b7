import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ArrayMinSize, IsArray } from 'class-validator';
import { ASSIGNMENT_NUMBER_MAX, DebitCredit, DECLARATION_REFERENCE_PATTERN, InvalidParam, IsAgbCode, IsCents, isCents, IsIsoDate, isIsoDate, IsMunicipalityCode, IsoDate, lastDayOfMonth, MAX_DECLARATION_LINES, Nested, NestedList, Period, PRODUCT_CODE_PATTERN, ProductCategory, ProductRef, Unit } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { DeclarationErrorCode } from './declarations.errors';
import { DeclarationLineInput } from './assessment.rules';

// The HTTP form of an iWmo/iJw 323. Field ↔ element: declarationNumber DeclaratieNummer, period
// DeclaratiePeriode, municipality the receiving gemeente, totalCents TotaalIngediendBedrag (net);
// per line (Prestatie): reference ReferentieNummer, previousReference VorigReferentieNummer,
// provisionId ToewijzingNummer, product ProductCategorie/ProductCode, period ProductPeriode,
// volume GeleverdVolume, unit Eenheid, tariffCents ProductTarief, amountCents + debitCredit
// IngediendBedrag. The reference pattern and the line limit are the contracts': a declaration by
// reference (exchange.declaration.received.v1) has the same lines, with two fields more.


export class DeclarationLinePeriod {
  @IsIsoDate()
  start!: IsoDate;

  @IsIsoDate()
  end!: IsoDate;
}

/** One line (prestatie). Validated by hand for speed (parseLines); the decorators document it. */
export class DeclarationLineDto {
  @Matches(DECLARATION_REFERENCE_PATTERN)
  reference!: string;

  /** For a credit: the reference of the approved debit it reverses. */
  @IsOptional()
  @Matches(DECLARATION_REFERENCE_PATTERN)
  previousReference?: string;

  /** Any version's provisionId, or the lineage id (the assignment number). */
  @IsUUID()
  provisionId!: string;

  @Nested(() => ProductRef)
  product!: ProductRef;

  /** Within one calendar month, not after today. */
  @Nested(() => DeclarationLinePeriod)
  period!: DeclarationLinePeriod;

  @IsInt()
  @Min(1)
  @Max(99_999_999)
  volume!: number;

  @IsEnum(Unit)
  unit!: Unit;

  @IsCents()
  tariffCents!: number;

  @IsCents()
  amountCents!: number;

  @IsEnum(DebitCredit)
  debitCredit!: DebitCredit;
}

export class DeclarationHeaderDto {
  /** The municipality the declaration is sent to (it assigned the care and pays the provider). */
  @IsMunicipalityCode()
  municipality!: string;

  @Matches(DECLARATION_REFERENCE_PATTERN)
  declarationNumber!: string;

  /** One calendar month. */
  @Nested(() => Period)
  period!: Period;

  /** Optional; must be the caller's own AGB code. */
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  /** Net total (debits − credits), checked against the lines when given. */
  @IsOptional()
  @IsCents({ min: null })
  totalCents?: number;
}

/** The JSON body; as application/x-ndjson the header is the first line and every line after it one prestatie. */
export class DeclarationRequest extends DeclarationHeaderDto {
  @IsArray()
  @ArrayMinSize(1)
  @NestedList(() => DeclarationLineDto)
  lines!: DeclarationLineDto[];
}

export class DeclarationLinesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @IsOptional()
  @IsIn(['APPROVED', 'REJECTED'])
  status?: 'APPROVED' | 'REJECTED';
}

export class DeclarationListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINE_FIELDS = new Set(['reference', 'previousReference', 'provisionId', 'product', 'period', 'volume', 'unit', 'tariffCents', 'amountCents', 'debitCredit']);
const CATEGORIES = new Set<string>(Object.values(ProductCategory));
const UNITS = new Set<string>(Object.values(Unit));
const MAX_REPORTED = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEADER_FIELDS = new Set(['municipality', 'declarationNumber', 'period', 'providerAgb', 'totalCents']);
const PERIOD_FIELDS = new Set(['start', 'end']);

/**
 * The header's shape before the transformer sees it (issue 13): its own fields only (a
 * `__proto__` or `constructor` key is an unknown field like any other), each a single value and
 * `period` one object of them, so no nesting reaches class-transformer, whose recursion a deep
 * value overflows. JSON and NDJSON alike; the lines are checked by hand in parseLines.
 */
export function headerShapeProblems(raw: unknown): InvalidParam[] {
  if (!isObject(raw)) return [{ name: '', code: 'INVALID_OBJECT', reason: 'the declaration header must be an object' }];
  const bad: InvalidParam[] = [];
  const single = (name: string, v: unknown) => {
    if (typeof v === 'object' && v !== null) bad.push({ name, code: 'INVALID_TYPE', reason: `${name} must be a single value, not ${Array.isArray(v) ? 'an array' : 'an object'}` });
  };
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (!HEADER_FIELDS.has(k)) bad.push({ name: k, code: 'UNKNOWN_FIELD', reason: `${k} is not a field of a declaration header` });
    else if (k !== 'period') single(k, v);
    else if (isObject(v)) {
      for (const pk of Object.keys(v)) {
        if (!PERIOD_FIELDS.has(pk)) bad.push({ name: `period.${pk}`, code: 'UNKNOWN_FIELD', reason: `period.${pk} is not a field of a period` });
        else single(`period.${pk}`, v[pk]);
      }
    } else single(k, v);
  }
  return bad.slice(0, MAX_REPORTED);
}

/**
 * Validate and convert the lines of a bulk declaration: the same field paths and codes the
 * platform's validation pipe gives, at a fraction of class-validator's cost (100,000 lines).
 * `today` bounds the periods: a product period may not end in the future.
 */
export function parseLines(raw: unknown, today: IsoDate): { lines: DeclarationLineInput[]; invalid: InvalidParam[] } {
  const invalid: InvalidParam[] = [];
  const lines: DeclarationLineInput[] = [];
  const bad = (name: string, code: string, reason: string) => {
    if (invalid.length < MAX_REPORTED) invalid.push({ name, code, reason });
  };
  if (!Array.isArray(raw)) {
    bad('lines', raw === undefined ? 'REQUIRED' : 'IS_ARRAY', 'lines must be an array of declaration lines');
    return { lines, invalid };
  }
  if (raw.length === 0) bad('lines', 'ARRAY_MIN_SIZE', 'a declaration has at least one line');
  if (raw.length > MAX_DECLARATION_LINES) {
    bad('lines', DeclarationErrorCode.TOO_MANY_LINES, `a declaration has at most ${MAX_DECLARATION_LINES} lines`);
    return { lines, invalid };
  }
  for (let i = 0; i < raw.length; i++) {
    const o = raw[i];
    const p = `lines[${i}]`;
    if (!isObject(o)) {
      bad(p, 'INVALID_OBJECT', `${p} must be an object`);
      continue;
    }
    const before = invalid.length;
    for (const k of Object.keys(o)) if (!LINE_FIELDS.has(k)) bad(`${p}.${k}`, 'UNKNOWN_FIELD', `${p}.${k} is not a field of a declaration line`);
    const str = (k: string, required: boolean): string | null => {
      const v = o[k];
      if (v === undefined || v === null) {
        if (required) bad(`${p}.${k}`, 'REQUIRED', `${p}.${k} is required`);
        return null;
      }
      if (typeof v !== 'string' || !DECLARATION_REFERENCE_PATTERN.test(v)) {
        bad(`${p}.${k}`, 'INVALID_FORMAT', `${p}.${k} must be 1 to 40 visible characters`);
        return null;
      }
      return v;
    };
    const reference = str('reference', true);
    const previousReference = str('previousReference', false);
    const provisionId = o.provisionId;
    if (provisionId === undefined || provisionId === null) bad(`${p}.provisionId`, 'REQUIRED', `${p}.provisionId is required`);
    else if (typeof provisionId !== 'string' || !UUID.test(provisionId)) bad(`${p}.provisionId`, 'INVALID_UUID', `${p}.provisionId must be a UUID`);

    let category: string | null = null;
    let productCode: string | null = null;
    const product = o.product;
    if (!isObject(product)) bad(`${p}.product`, product === undefined ? 'REQUIRED' : 'INVALID_OBJECT', `${p}.product must be an object {category, code?}`);
    else {
      for (const k of Object.keys(product)) if (k !== 'category' && k !== 'code') bad(`${p}.product.${k}`, 'UNKNOWN_FIELD', `${p}.product.${k} is not a field of a product`);
      if (product.category === undefined) bad(`${p}.product.category`, 'REQUIRED', `${p}.product.category is required`);
      else if (typeof product.category !== 'string' || !CATEGORIES.has(product.category)) {
        bad(`${p}.product.category`, 'UNKNOWN_VALUE', `${p}.product.category must be a known product category code (01–18, 40–55)`);
      } else category = product.category;
      if (product.code !== undefined && product.code !== null) {
        if (typeof product.code !== 'string' || !PRODUCT_CODE_PATTERN.test(product.code)) bad(`${p}.product.code`, 'INVALID_FORMAT', `${p}.product.code must be a product code of 1 to 5 letters or digits`);
        else productCode = product.code;
      }
    }

    let start: IsoDate | null = null;
    let end: IsoDate | null = null;
    const period = o.period;
    if (!isObject(period)) bad(`${p}.period`, period === undefined ? 'REQUIRED' : 'INVALID_OBJECT', `${p}.period must be an object {start, end}`);
    else {
      for (const k of Object.keys(period)) if (k !== 'start' && k !== 'end') bad(`${p}.period.${k}`, 'UNKNOWN_FIELD', `${p}.period.${k} is not a field of a period`);
      for (const k of ['start', 'end'] as const) {
        const v = period[k];
        if (v === undefined || v === null) bad(`${p}.period.${k}`, 'REQUIRED', `${p}.period.${k} is required`);
        else if (!isIsoDate(v)) bad(`${p}.period.${k}`, 'INVALID_DATE', `${p}.period.${k} must be a calendar date YYYY-MM-DD`);
        else if (k === 'start') start = v;
        else end = v;
      }
      if (start && end) {
        if (end < start) bad(`${p}.period.end`, 'END_BEFORE_START', `${p}.period.end must be on or after start`);
        else if (end > lastDayOfMonth(start)) bad(`${p}.period`, DeclarationErrorCode.PERIOD_SPANS_MONTHS, `${p}.period must lie within one calendar month`);
        else if (end > today) bad(`${p}.period.end`, DeclarationErrorCode.PERIOD_IN_FUTURE, `${p}.period.end lies after today (${today})`);
      }
    }

    const volume = o.volume;
    if (volume === undefined || volume === null) bad(`${p}.volume`, 'REQUIRED', `${p}.volume is required`);
    else if (typeof volume !== 'number' || !Number.isInteger(volume)) bad(`${p}.volume`, 'NOT_AN_INTEGER', `${p}.volume must be an integer`);
    else if (volume < 1 || volume > 99_999_999) bad(`${p}.volume`, volume < 1 ? 'MIN' : 'MAX', `${p}.volume must be from 1 to 99999999`);

    const unit = o.unit;
    if (unit === undefined || unit === null) bad(`${p}.unit`, 'REQUIRED', `${p}.unit is required`);
    else if (typeof unit !== 'string' || !UNITS.has(unit)) bad(`${p}.unit`, 'UNKNOWN_VALUE', `${p}.unit must be one of ${[...UNITS].join(', ')}`);

    for (const k of ['tariffCents', 'amountCents'] as const) {
      const v = o[k];
      if (v === undefined || v === null) bad(`${p}.${k}`, 'REQUIRED', `${p}.${k} is required`);
      else if (!isCents(v, { min: 0 })) bad(`${p}.${k}`, 'INVALID_AMOUNT', `${p}.${k} must be an integer amount in eurocents of at least 0`);
    }

    const dc = o.debitCredit;
    if (dc === undefined || dc === null) bad(`${p}.debitCredit`, 'REQUIRED', `${p}.debitCredit is required`);
    else if (dc !== DebitCredit.DEBIT && dc !== DebitCredit.CREDIT) bad(`${p}.debitCredit`, 'UNKNOWN_VALUE', `${p}.debitCredit must be DEBIT or CREDIT`);
    else if (dc === DebitCredit.CREDIT && previousReference === null && o.previousReference === undefined) {
      bad(`${p}.previousReference`, 'REQUIRED', `${p}.previousReference is required for a credit: the reference of the debit it reverses`);
    }

    if (invalid.length === before && invalid.length < MAX_REPORTED) {
      lines.push({
        lineNo: i + 1,
        reference: reference as string,
        previousReference,
        provisionId: (provisionId as string).toLowerCase(),
        category: category as string,
        productCode,
        periodStart: start as unknown as IsoDate,
        periodEnd: end as unknown as IsoDate,
        volume: volume as number,
        unit: unit as Unit,
        tariffCents: o.tariffCents as number,
        amountCents: o.amountCents as number,
        debitCredit: dc as DebitCredit,
      });
    }
  }
  return { lines, invalid };
}

// The answers.

export interface LineView {
  lineNo: number;
  reference: string;
  previousReference?: string;
  provisionId: string;
  lineageId: string;
  product: { category: string; code?: string };
  period: { start: IsoDate; end: IsoDate };
  volume: number;
  unit: string;
  tariffCents: number;
  amountCents: number;
  debitCredit: string;
  status: 'APPROVED' | 'REJECTED';
  approvedCents: number;
  /** WJ001: 8001 when approved, else the first reason's code. */
  retourCode: string;
  reasons: Array<{ code: string; retourCode: string; retourText: string }>;
}

export interface DeclarationView {
  id: string;
  declarationNumber: string;
  providerAgb: string;
  municipality: string;
  period: { start: IsoDate; end: IsoDate };
  status: string;
  receivedOn: IsoDate;
  /** The answer term: 10 working days after receipt (the assessment itself answers at once). */
  dueDate: IsoDate;
  receivedAt: Date;
  submittedBy: string;
  totals: {
    lines: number;
    approvedLines: number;
    rejectedLines: number;
    submittedCents: number;
    approvedCents: number;
    rejectedCents: number;
    submittedDebitCents: number;
    submittedCreditCents: number;
    approvedDebitCents: number;
    approvedCreditCents: number;
  };
}

export interface RejectionCount {
  code: string;
  retourCode: string;
  lines: number;
}

export interface DeclarationAnswer extends DeclarationView {
  rejections: RejectionCount[];
  /** Every line's outcome (declarations up to 1,000 lines; else read them with GET …/{id}). */
  lines?: LineView[];
}

export interface DeclarationWithLines extends DeclarationView {
  lines: LineView[];
  nextCursor: string | null;
}

// A declaration by reference: the exchange's NDJSON object of DeclarationObjectLines.

/**
 * Parse and check the lines of a declaration by reference: one DeclarationObjectLine per NDJSON
 * line, `lineCount` of them, each as the HTTP route checks its lines (the same names and codes);
 * the assignment number and the resident are checked for form and not assessed (the lineage id
 * names the assignment, as on the HTTP route).
 * `today` is the day the exchange received the declaration.
 */
export function parseObjectLines(ndjson: string, lineCount: number, today: IsoDate): { lines: DeclarationLineInput[]; invalid: InvalidParam[] } {
  const rows = ndjson.split('\n');
  if (rows.length && rows[rows.length - 1].trim() === '') rows.pop();
  const invalid: InvalidParam[] = [];
  const bad = (name: string, code: string, reason: string) => {
    if (invalid.length < MAX_REPORTED) invalid.push({ name, code, reason });
  };
  if (rows.length !== lineCount) bad('lineCount', 'LINE_COUNT_MISMATCH', `the event announces ${lineCount} lines, the object holds ${rows.length}`);
  const raw: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length && invalid.length < MAX_REPORTED; i++) {
    let o: unknown;
    try {
      o = JSON.parse(rows[i]);
    } catch (e) {
      bad(`lines[${i}]`, 'INVALID_JSON', `lines[${i}] is not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (!isObject(o)) {
      raw[i] = o;
      continue;
    }
    const { assignmentNumber, personId, ...line } = o;
    if (typeof assignmentNumber !== 'number' || !Number.isInteger(assignmentNumber) || assignmentNumber < 1 || assignmentNumber > ASSIGNMENT_NUMBER_MAX) {
      bad(`lines[${i}].assignmentNumber`, 'INVALID_ASSIGNMENT_NUMBER', `lines[${i}].assignmentNumber must be an integer from 1 to ${ASSIGNMENT_NUMBER_MAX}`);
    }
    if (typeof personId !== 'string' || !UUID.test(personId)) bad(`lines[${i}].personId`, 'INVALID_UUID', `lines[${i}].personId must be a UUID`);
    raw[i] = line;
  }
  if (invalid.length) return { lines: [], invalid };
  return parseLines(raw, today);
}

