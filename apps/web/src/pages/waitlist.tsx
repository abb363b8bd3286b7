import { Button, Heading1, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableFooter, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { apiPost } from '../api';
import { Column, DataTable } from '../components/chart-panel';
import { fieldError, invalidParam, SelectField, TextField } from '../components/field';
import { LoadState } from '../components/load-state';
import { formatDate, formatDecimalInput, formatNumber, parseDecimal } from '../format';
import { label, municipalityName, t } from '../messages.nl';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { useQueryState } from '../use-query-state';

const FACILITY_TYPES = [
  'INTRAMURAL_PROTECTED_HOUSING',
  'INTERMEDIATE_FACILITY',
  'PROTECTED_HOUSING_LIGHT',
  'RESPITE_HOUSE',
  'CRISIS_SINGLE',
  'CRISIS_FAMILY',
  'NIGHT_SHELTER',
  'DAY_AND_NIGHT_SHELTER',
  'WOMENS_SHELTER',
  'SMALL_DETACHED_HOME',
  'HOUSING_FIRST',
  'OWN_HOME_WITH_SUPPORT',
];

interface Entry {
  id: string;
  status: string;
  municipality: string;
  facilityType: string;
  waitingSince: string;
  urgency: number;
  ranking: { position: number; of: number; score: number } | null;
}
interface Explanation {
  entryId: string;
  position: number;
  of: number;
  score: number;
  contributions: Array<{ factor: string; weight: number; value: number; points: number }>;
  changes: Array<{ factor: string; from: number; to: number; position: number; description: string }>;
}
interface Scheme {
  id: string;
  name: string;
  version: number;
  status: string;
  inForce: boolean;
  seed: string;
  factors: Array<{ factor: string; weight: number; municipalities?: string[] }>;
}
interface WhatIfItem {
  entryId: string;
  facilityType: string;
  municipality: string;
  waitingSince: string;
  from: number | null;
  to: number;
}
interface WhatIfSummary {
  facilityType: string;
  entries: number;
  up: number;
  down: number;
  same: number;
  largestRise: number;
  largestFall: number;
}
interface WhatIf {
  current: { name: string; version: number; seed: string } | null;
  weights: { seed: string };
  summary: WhatIfSummary[];
  items: WhatIfItem[];
}
interface Offer {
  id: string;
  facilityType: string;
  municipality: string;
  status: string;
  offeredOn: string;
  answerDue: string;
  stalled: boolean;
}

function ExplanationPanel({ entryId }: { entryId: string }) {
  const e = useApi<Explanation>(`/api/housing/v1/waitlist/${encodeURIComponent(entryId)}/explanation`);
  if (!e.data) return <LoadState loading={e.loading} error={e.error} />;
  const x = e.data;
  const total = x.contributions.reduce((s, c) => s + c.points, 0);
  return (
    <section aria-labelledby="why-title" data-testid="explanation" className="vangnet-panel">
      <Heading2 id="why-title" tabIndex={-1}>
        {t('whyTitle', { n: x.position, of: x.of })}
      </Heading2>
      <Table>
        <TableCaption className="vangnet-visually-hidden">{t('whyTitle', { n: x.position, of: x.of })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('factor')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('weight')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('value')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('points')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {x.contributions.map((c) => (
            <TableRow key={c.factor} data-testid="contribution">
              <TableCell>{label('factor', c.factor)}</TableCell>
              <TableCell>{formatNumber(c.weight)}</TableCell>
              <TableCell>{formatNumber(c.value)}</TableCell>
              <TableCell data-points={c.points}>{formatNumber(c.points)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableHeaderCell scope="row">{t('total')}</TableHeaderCell>
            <TableCell />
            <TableCell />
            <TableCell data-testid="explanation-total" data-total={total} data-score={x.score}>
              {formatNumber(total)} ({t('score')}: {formatNumber(x.score)})
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
      <Heading2>{t('whatChanges')}</Heading2>
      {x.changes.length ? (
        <ul>
          {x.changes.map((c, i) => (
            <li key={i}>{t('changeBy', { factor: label('factor', c.factor), from: formatNumber(c.from), to: formatNumber(c.to), position: c.position })}</li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t('noChanges')}</Paragraph>
      )}
    </section>
  );
}

/** Every factor a scheme can weigh (housing's PriorityFactor), in the order the form shows them. */
const FACTORS = ['WAITING_DAYS', 'URGENCY', 'HOUSEHOLD_WITH_CHILDREN', 'DISCHARGE_FROM_INSTITUTION', 'ORIGIN_MUNICIPALITY', 'NO_INTERIM_SUPPORT'] as const;
type Factor = (typeof FACTORS)[number];
type Weights = Record<Factor, string>;

/** A scheme's weights as the form's fields show them (a factor it does not weigh: 0). */
const weightsOf = (scheme: Scheme | undefined): Weights =>
  Object.fromEntries(FACTORS.map((f) => [f, formatDecimalInput(scheme?.factors.find((x) => x.factor === f)?.weight ?? 0)])) as Weights;

/** The shift of an entry in words: up is a smaller position number. */
function shiftOf(item: WhatIfItem): string {
  if (item.from === null) return t('newOnList');
  const d = item.from - item.to;
  return d > 0 ? t('movesUp', { n: formatNumber(d) }) : d < 0 ? t('movesDown', { n: formatNumber(-d) }) : t('noMove');
}

/**
 * What-if: the placement officer changes the weights (one field per factor, starting from a stored
 * scheme, by default the one in force) and sees the positions before and after, and who moves
 * most. Nothing is stored (POST /priority-schemes/what-if); the API validates every weight and its
 * refusal shows next to the field, in Dutch.
 */
function WhatIfPanel() {
  const { token } = useSession();
  const schemes = useApi<{ items: Scheme[] }>('/api/housing/v1/priority-schemes', { limit: 50 });
  const [schemeId, setSchemeId] = useState('');
  const [weights, setWeights] = useState<Weights | null>(null);
  const [facilityType, setFacilityType] = useState('');
  const [limit, setLimit] = useState('20');
  const [result, setResult] = useState<{ loading: boolean; data?: WhatIf; error?: unknown }>({ loading: false });
  const items = schemes.data?.items ?? [];
  const base = items.find((s) => s.id === schemeId) ?? items.find((s) => s.inForce) ?? items[0];
  useEffect(() => {
    if (schemes.data && !weights) setWeights(weightsOf(base));
  }, [schemes.data, base, weights]);
  const shown = weights ?? weightsOf(base);

  const compute = () => {
    const origin = base?.factors.find((f) => f.factor === 'ORIGIN_MUNICIPALITY')?.municipalities;
    const body = {
      // What is no number goes as typed: the API names the field and the page says why in Dutch.
      factors: FACTORS.map((factor) => ({ factor, weight: parseDecimal(shown[factor]) ?? shown[factor], ...(factor === 'ORIGIN_MUNICIPALITY' && origin ? { municipalities: origin } : {}) })),
      ...(base ? { seed: base.seed } : {}),
      ...(facilityType ? { facilityType } : {}),
      order: 'MOVE',
      limit: /^\d+$/.test(limit.trim()) ? Number(limit.trim()) : limit,
    };
    setResult((r) => ({ ...r, loading: true }));
    apiPost<WhatIf>(token, '/api/housing/v1/priority-schemes/what-if', body).then(
      (data) => setResult({ loading: false, data }),
      (error: unknown) => setResult({ loading: false, error }),
    );
  };
  const weightError = (i: number): string | undefined => (invalidParam(result.error, `factors[${i}].weight`) || invalidParam(result.error, `factors[${i}]`) ? t('invalid_WEIGHT') : undefined);
  const allWeightsError = fieldError(result.error, 'factors');

  const summaryColumns: Column<WhatIfSummary>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label('facilityType', r.facilityType) },
    { key: 'entries', label: t('entries'), value: (r) => r.entries, format: (r) => formatNumber(r.entries) },
    { key: 'up', label: t('up'), value: (r) => r.up, format: (r) => formatNumber(r.up) },
    { key: 'down', label: t('down'), value: (r) => r.down, format: (r) => formatNumber(r.down) },
    { key: 'same', label: t('same'), value: (r) => r.same, format: (r) => formatNumber(r.same) },
    { key: 'largestRise', label: t('largestRise'), value: (r) => r.largestRise, format: (r) => formatNumber(r.largestRise) },
    { key: 'largestFall', label: t('largestFall'), value: (r) => r.largestFall, format: (r) => formatNumber(r.largestFall) },
  ];
  const moveColumns: Column<WhatIfItem>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label('facilityType', r.facilityType) },
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality, format: (r) => municipalityName(r.municipality) },
    { key: 'waitingSince', label: t('waitingSince'), value: (r) => r.waitingSince, format: (r) => formatDate(r.waitingSince) },
    { key: 'from', label: t('before'), value: (r) => r.from, format: (r) => formatNumber(r.from) },
    { key: 'to', label: t('after'), value: (r) => r.to, format: (r) => formatNumber(r.to) },
    { key: 'shift', label: t('shift'), value: (r) => (r.from === null ? null : r.from - r.to), format: shiftOf },
  ];
  const data = result.data;
  return (
    <section aria-labelledby="whatif-title" className="vangnet-panel">
      <Heading2 id="whatif-title">{t('whatIfTitle')}</Heading2>
      <Paragraph>{t('whatIfIntro')}</Paragraph>
      <form
        className="vangnet-whatif"
        aria-label={t('whatIfTitle')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          compute();
        }}
      >
        <div className="vangnet-filters">
          <SelectField
            id="scheme"
            label={t('scheme')}
            value={base?.id ?? ''}
            onChange={(id) => {
              setSchemeId(id);
              setWeights(weightsOf(items.find((s) => s.id === id)));
            }}
            options={items.map((s) => ({ value: s.id, label: `${s.name} v${s.version} (${label('schemeStatus', s.status)})${s.inForce ? ` ${t('schemeInForce')}` : ''}` }))}
          />
          <SelectField id="whatif-facilityType" label={t('facilityType')} value={facilityType} onChange={setFacilityType} options={[{ value: '', label: t('allFacilityTypes') }, ...FACILITY_TYPES.map((f) => ({ value: f, label: label('facilityType', f) }))]} error={fieldError(result.error, 'facilityType')} />
          <TextField id="limit" label={t('limit')} value={limit} onChange={setLimit} inputMode="numeric" error={fieldError(result.error, 'limit')} />
        </div>
        <fieldset className="vangnet-fieldset" aria-describedby={allWeightsError ? 'weights-error' : 'weights-description'} data-testid="weights">
          <legend className="utrecht-form-fieldset__legend">{t('weightsLegend')}</legend>
          <Paragraph id="weights-description" className="vangnet-hint">
            {t('weightHint')}
          </Paragraph>
          {allWeightsError && (
            <p id="weights-error" role="alert" className="utrecht-form-field-error-message" data-testid="weights-error">
              {allWeightsError}
            </p>
          )}
          <div className="vangnet-filters">
            {FACTORS.map((factor, i) => (
              <TextField key={factor} id={`weight-${factor}`} label={label('factor', factor)} value={shown[factor]} onChange={(v) => setWeights({ ...shown, [factor]: v })} inputMode="decimal" error={weightError(i)} />
            ))}
          </div>
        </fieldset>
        <Button type="submit" appearance="primary-action-button" data-testid="what-if">
          {t('compute')}
        </Button>
      </form>
      <LoadState loading={result.loading} error={result.error} />
      {data && (
        <div data-testid="what-if-result">
          <Paragraph>
            {t('whatIfBasis', { scheme: data.current ? `${data.current.name} v${data.current.version}` : t('firstComeFirstServed'), seed: data.weights.seed })}
          </Paragraph>
          <Heading3>{t('whatIfSummaryTitle')}</Heading3>
          <DataTable caption={t('whatIfSummaryTitle')} columns={summaryColumns} rows={data.summary} testId="what-if-summary" />
          <Heading3>{t('whoMovesMostTitle')}</Heading3>
          {data.items.length ? <DataTable caption={t('whoMovesMostTitle')} columns={moveColumns} rows={data.items} testId="what-if-table" /> : <Paragraph>{t('none')}</Paragraph>}
        </div>
      )}
    </section>
  );
}

export default function WaitlistPage() {
  const { claims } = useSession();
  const { draft, applied, set, apply } = useQueryState(['facilityType', 'municipality', 'limit'] as const, { facilityType: '', municipality: '', limit: '25' });
  const list = useApi<{ items: Entry[] }>('/api/housing/v1/waitlist', { facilityType: applied.facilityType, municipality: applied.municipality, limit: applied.limit });
  const offers = useApi<{ items: Offer[] }>('/api/housing/v1/offers', { limit: 20 });
  const [selected, setSelected] = useState<string | null>(null);
  const offerColumns: Column<Offer>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label('facilityType', r.facilityType) },
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality, format: (r) => municipalityName(r.municipality) },
    { key: 'status', label: t('offerState'), value: (r) => r.status, format: (r) => label('offerStatus', r.status) },
    { key: 'answerDue', label: t('answerBy'), value: (r) => r.answerDue, format: (r) => formatDate(r.answerDue) },
  ];
  return (
    <>
      <Heading1>{t('waitlistTitle')}</Heading1>
      <Paragraph>{t('waitlistIntro')}</Paragraph>
      <form
        className="vangnet-filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <SelectField id="facilityType" label={t('facilityType')} value={draft.facilityType} onChange={(v) => set('facilityType', v)} options={[{ value: '', label: t('allFacilityTypes') }, ...FACILITY_TYPES.map((f) => ({ value: f, label: label('facilityType', f) }))]} error={fieldError(list.error, 'facilityType')} />
        <SelectField id="municipality" label={t('municipality')} value={draft.municipality} onChange={(v) => set('municipality', v)} options={[{ value: '', label: t('allMunicipalities') }, ...claims.municipalities.map((m) => ({ value: m, label: municipalityName(m) }))]} error={fieldError(list.error, 'municipality')} />
        <TextField id="list-limit" label={t('limit')} value={draft.limit} onChange={(v) => set('limit', v)} inputMode="numeric" error={fieldError(list.error, 'limit')} />
        <Button type="submit" appearance="primary-action-button" data-testid="apply">
          {t('apply')}
        </Button>
      </form>
      <LoadState loading={list.loading} error={list.error} />
      {list.data && (
        <Table data-testid="waitlist">
          <TableCaption className="vangnet-visually-hidden">{t('waitlistTitle')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('position')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('facilityType')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('municipality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('waitingSince')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('score')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('explanation')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.items.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{e.ranking ? `${e.ranking.position} / ${e.ranking.of}` : '—'}</TableCell>
                <TableCell>{label('facilityType', e.facilityType)}</TableCell>
                <TableCell>{municipalityName(e.municipality)}</TableCell>
                <TableCell>{formatDate(e.waitingSince)}</TableCell>
                <TableCell>{e.ranking ? formatNumber(e.ranking.score) : '—'}</TableCell>
                <TableCell>
                  {e.ranking && (
                    <Button appearance="subtle-button" data-testid="why" aria-expanded={selected === e.id} onClick={() => setSelected(selected === e.id ? null : e.id)}>
                      {t('why', { n: e.ranking.position })}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {selected && <ExplanationPanel entryId={selected} />}
      <WhatIfPanel />
      <section aria-labelledby="offers-title" className="vangnet-panel">
        <Heading2 id="offers-title">{t('offersTitle')}</Heading2>
        <LoadState loading={offers.loading} error={offers.error} />
        {offers.data && (offers.data.items.length ? <DataTable caption={t('offersTitle')} columns={offerColumns} rows={offers.data.items} testId="offers" /> : <Paragraph>{t('none')}</Paragraph>)}
      </section>
    </>
  );
}
