import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableFooter, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Column, DataTable } from '../components/chart-panel';
import { fieldError, SelectField, TextField } from '../components/field';
import { LoadState } from '../components/load-state';
import { formatDate, formatNumber } from '../format';
import { label, t } from '../messages.nl';
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
}
interface WhatIf {
  summary: Array<{ facilityType: string; entries: number; up: number; down: number; same: number; largestRise: number; largestFall: number }>;
  items: Array<{ entryId: string; facilityType: string; from: number | null; to: number }>;
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
              <TableCell>{label(c.factor)}</TableCell>
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
            <li key={i}>{t('changeBy', { factor: label(c.factor), from: formatNumber(c.from), to: formatNumber(c.to), position: c.position })}</li>
          ))}
        </ul>
      ) : (
        <Paragraph>{t('noChanges')}</Paragraph>
      )}
    </section>
  );
}

function WhatIfPanel() {
  const schemes = useApi<{ items: Scheme[] }>('/api/housing/v1/priority-schemes', { limit: 50 });
  const [scheme, setScheme] = useState('');
  const [limit, setLimit] = useState('50');
  const [asked, setAsked] = useState<{ scheme: string; limit: string } | null>(null);
  const chosen = scheme || schemes.data?.items[0]?.id || '';
  const result = useApi<WhatIf>(asked ? `/api/housing/v1/priority-schemes/${encodeURIComponent(asked.scheme)}/what-if` : null, asked ? { limit: asked.limit } : undefined);
  const columns: Column<WhatIf['items'][number]>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label(r.facilityType) },
    { key: 'from', label: t('before'), value: (r) => r.from, format: (r) => formatNumber(r.from) },
    { key: 'to', label: t('after'), value: (r) => r.to, format: (r) => formatNumber(r.to) },
  ];
  const moved = (result.data?.items ?? []).slice().sort((a, b) => Math.abs((b.from ?? b.to) - b.to) - Math.abs((a.from ?? a.to) - a.to));
  return (
    <section aria-labelledby="whatif-title" className="vangnet-panel">
      <Heading2 id="whatif-title">{t('whatIfTitle')}</Heading2>
      <form
        className="vangnet-filters"
        aria-label={t('whatIfTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ scheme: chosen, limit });
        }}
      >
        <SelectField id="scheme" label={t('scheme')} value={chosen} onChange={setScheme} options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} v${s.version} (${label(s.status)})` }))} />
        <TextField id="limit" label={t('limit')} value={limit} onChange={setLimit} inputMode="numeric" error={fieldError(result.error, 'limit')} />
        <Button type="submit" appearance="primary-action-button" data-testid="what-if">
          {t('compute')}
        </Button>
      </form>
      <LoadState loading={result.loading} error={result.error} />
      {result.data && (
        <>
          {result.data.summary.map((s) => (
            <Paragraph key={s.facilityType}>
              {label(s.facilityType)}: {t('movesMost', { rise: s.largestRise, fall: s.largestFall })}
            </Paragraph>
          ))}
          <DataTable caption={t('whatIfTitle')} columns={columns} rows={moved.slice(0, 20)} testId="what-if-table" />
        </>
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
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label(r.facilityType) },
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality },
    { key: 'status', label: t('offerState'), value: (r) => r.status, format: (r) => label(r.status) },
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
        <SelectField id="facilityType" label={t('facilityType')} value={draft.facilityType} onChange={(v) => set('facilityType', v)} options={[{ value: '', label: t('allFacilityTypes') }, ...FACILITY_TYPES.map((f) => ({ value: f, label: label(f) }))]} error={fieldError(list.error, 'facilityType')} />
        <SelectField id="municipality" label={t('municipality')} value={draft.municipality} onChange={(v) => set('municipality', v)} options={[{ value: '', label: t('allMunicipalities') }, ...claims.municipalities.map((m) => ({ value: m, label: m }))]} error={fieldError(list.error, 'municipality')} />
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
                <TableCell>{label(e.facilityType)}</TableCell>
                <TableCell>{e.municipality}</TableCell>
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
