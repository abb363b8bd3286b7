import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useMemo } from 'react';
import { ChartPanel, Column, DataTable } from '../components/chart-panel';
import { fieldError, SelectField, TextField } from '../components/field';
import { LoadState } from '../components/load-state';
import { formatBasisPoints, formatCents, formatDate, formatMonth, formatNumber } from '../format';
import { label, t } from '../messages.nl';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { useQueryState } from '../use-query-state';

interface FlowRow {
  month: string;
  facilityType: string;
  inflow: number;
  throughflow: number;
  outflow: number;
}
interface WaitingFigures {
  facilityType: string;
  size: number;
  waitingDaysMedian: number | null;
  waitingDaysP90: number | null;
}
interface OccupancyFigures {
  facilityType: string;
  places: number;
  occupied: number;
  free: number;
  occupancyBasisPoints: number;
}
interface MonitorView {
  from: string;
  to: string;
  measuredOn: string;
  flows: FlowRow[];
  waitingList: WaitingFigures[];
  occupancy: OccupancyFigures[];
}
interface Budget {
  municipality: string;
  year: number;
  domain: string;
  name: string;
  totalCents: number;
}
interface CeilingAlert {
  providerAgb: string;
  year: number;
  ceilings: number;
  alerting: number;
  exceeded: number;
  highestUsedBasisPoints: number | null;
  ceilingCents: number;
  spendCents: number;
}
interface TermRow {
  month: string;
  municipality: string;
  met: number;
  breached: number;
}
interface TermsView {
  rows: TermRow[];
}
interface TermMonth {
  month: string;
  met: number;
  breached: number;
}

interface MonthTotals {
  month: string;
  inflow: number;
  throughflow: number;
  outflow: number;
}

const KEYS = ['from', 'to', 'municipality'] as const;

export default function MonitorPage() {
  const { claims } = useSession();
  const { draft, applied, set, apply } = useQueryState(KEYS, { from: '', to: '', municipality: '' });
  const monitor = useApi<MonitorView>('/api/housing/v1/monitor', { from: applied.from, to: applied.to, municipality: applied.municipality });
  const year = monitor.data ? Number(monitor.data.to.slice(0, 4)) : undefined;
  const budgets = useApi<{ items: Budget[] }>(year ? '/api/finance/v1/budgets' : null, { year, municipality: applied.municipality, limit: 100 });
  const ceilings = useApi<{ items: CeilingAlert[] }>(year ? '/api/procurement/v1/ceilings/alerts' : null, { year, municipality: applied.municipality });
  const terms = useApi<TermsView>('/api/access/v1/monitor/terms', { from: applied.from, to: applied.to, municipality: applied.municipality });
  const termMonths = useMemo<TermMonth[]>(() => {
    const by = new Map<string, TermMonth>();
    for (const r of terms.data?.rows ?? []) {
      const m = by.get(r.month) ?? { month: r.month, met: 0, breached: 0 };
      m.met += r.met;
      m.breached += r.breached;
      by.set(r.month, m);
    }
    return [...by.values()].sort((a, b) => a.month.localeCompare(b.month));
  }, [terms.data]);
  const filterError = monitor.error ?? terms.error;

  // Flows summed over the facility types, per month.
  const months = useMemo<MonthTotals[]>(() => {
    const by = new Map<string, MonthTotals>();
    for (const f of monitor.data?.flows ?? []) {
      const m = by.get(f.month) ?? { month: f.month, inflow: 0, throughflow: 0, outflow: 0 };
      m.inflow += f.inflow;
      m.throughflow += f.throughflow;
      m.outflow += f.outflow;
      by.set(f.month, m);
    }
    return [...by.values()].sort((a, b) => a.month.localeCompare(b.month));
  }, [monitor.data]);

  const flowColumns: Column<MonthTotals>[] = [
    { key: 'month', label: t('month'), value: (r) => r.month, format: (r) => formatMonth(r.month) },
    { key: 'inflow', label: t('inflow'), value: (r) => r.inflow, format: (r) => formatNumber(r.inflow) },
    { key: 'throughflow', label: t('throughflow'), value: (r) => r.throughflow, format: (r) => formatNumber(r.throughflow) },
    { key: 'outflow', label: t('outflow'), value: (r) => r.outflow, format: (r) => formatNumber(r.outflow) },
  ];
  const waitingColumns: Column<WaitingFigures>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label(r.facilityType) },
    { key: 'size', label: t('size'), value: (r) => r.size, format: (r) => formatNumber(r.size) },
    { key: 'median', label: t('medianDays'), value: (r) => r.waitingDaysMedian, format: (r) => formatNumber(r.waitingDaysMedian) },
    { key: 'p90', label: t('p90Days'), value: (r) => r.waitingDaysP90, format: (r) => formatNumber(r.waitingDaysP90) },
  ];
  const occupancyColumns: Column<OccupancyFigures>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label(r.facilityType) },
    { key: 'places', label: t('places'), value: (r) => r.places, format: (r) => formatNumber(r.places) },
    { key: 'occupied', label: t('occupied'), value: (r) => r.occupied, format: (r) => formatNumber(r.occupied) },
    { key: 'free', label: t('free'), value: (r) => r.free, format: (r) => formatNumber(r.free) },
    { key: 'rate', label: t('occupancyRate'), value: (r) => r.occupancyBasisPoints, format: (r) => formatBasisPoints(r.occupancyBasisPoints) },
  ];
  const budgetColumns: Column<Budget>[] = [
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality },
    { key: 'domain', label: t('domain'), value: (r) => r.domain },
    { key: 'year', label: t('year'), value: (r) => r.year },
    { key: 'total', label: t('budget'), value: (r) => r.totalCents, format: (r) => formatCents(r.totalCents) },
  ];
  const ceilingColumns: Column<CeilingAlert>[] = [
    { key: 'provider', label: t('provider'), value: (r) => r.providerAgb },
    { key: 'ceilings', label: t('ceilingCount'), value: (r) => r.ceilings, format: (r) => formatNumber(r.ceilings) },
    { key: 'alerting', label: t('ceilingAlerting'), value: (r) => r.alerting, format: (r) => formatNumber(r.alerting) },
    { key: 'exceeded', label: t('ceilingExceeded'), value: (r) => r.exceeded, format: (r) => formatNumber(r.exceeded) },
    { key: 'ceiling', label: t('ceiling'), value: (r) => r.ceilingCents, format: (r) => formatCents(r.ceilingCents) },
    { key: 'spend', label: t('spend'), value: (r) => r.spendCents, format: (r) => formatCents(r.spendCents) },
    { key: 'used', label: t('ceilingUsed'), value: (r) => r.highestUsedBasisPoints, format: (r) => (r.highestUsedBasisPoints === null ? '—' : formatBasisPoints(r.highestUsedBasisPoints)) },
  ];
  const termColumns: Column<TermMonth>[] = [
    { key: 'month', label: t('month'), value: (r) => r.month, format: (r) => formatMonth(r.month) },
    { key: 'met', label: t('termsMet'), value: (r) => r.met, format: (r) => formatNumber(r.met) },
    { key: 'breached', label: t('termsBreached'), value: (r) => r.breached, format: (r) => formatNumber(r.breached) },
  ];

  const municipalityOptions = [{ value: '', label: t('allMunicipalities') }, ...claims.municipalities.map((m) => ({ value: m, label: m }))];
  const data = monitor.data;
  return (
    <>
      <Heading1>{t('monitorTitle')}</Heading1>
      <Paragraph>{t('monitorIntro')}</Paragraph>
      <form
        className="vangnet-filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <TextField id="from" label={t('periodFrom')} description={t('monthHint')} value={draft.from} onChange={(v) => set('from', v)} error={fieldError(filterError, 'from', 'invalid_MONTH')} />
        <TextField id="to" label={t('periodTo')} description={t('monthHint')} value={draft.to} onChange={(v) => set('to', v)} error={fieldError(filterError, 'to', 'invalid_MONTH')} />
        <SelectField id="municipality" label={t('municipality')} value={draft.municipality} options={municipalityOptions} onChange={(v) => set('municipality', v)} error={fieldError(filterError, 'municipality')} />
        <Button type="submit" appearance="primary-action-button" data-testid="apply">
          {t('apply')}
        </Button>
      </form>
      <LoadState loading={monitor.loading} error={monitor.error} />
      {data && (
        <>
          <Paragraph data-testid="measured-on">
            {t('measuredOn', { date: formatDate(data.measuredOn) })} — {formatMonth(data.from)} – {formatMonth(data.to)}
          </Paragraph>
          <ChartPanel
            id="flows"
            title={t('flowsTitle')}
            categories={months.map((m) => formatMonth(m.month))}
            series={[
              { name: t('inflow'), values: months.map((m) => m.inflow) },
              { name: t('throughflow'), values: months.map((m) => m.throughflow) },
              { name: t('outflow'), values: months.map((m) => m.outflow) },
            ]}
            columns={flowColumns}
            rows={months}
          />
          <ChartPanel
            id="waiting"
            title={t('waitingTitle')}
            categories={data.waitingList.map((w) => label(w.facilityType))}
            series={[
              { name: t('size'), values: data.waitingList.map((w) => w.size) },
              { name: t('medianDays'), values: data.waitingList.map((w) => w.waitingDaysMedian ?? 0), kind: 'line' },
              { name: t('p90Days'), values: data.waitingList.map((w) => w.waitingDaysP90 ?? 0), kind: 'line' },
            ]}
            columns={waitingColumns}
            rows={data.waitingList}
          />
          <ChartPanel
            id="occupancy"
            title={t('occupancyTitle')}
            categories={data.occupancy.map((o) => label(o.facilityType))}
            series={[
              { name: t('occupied'), values: data.occupancy.map((o) => o.occupied) },
              { name: t('free'), values: data.occupancy.map((o) => o.free) },
            ]}
            columns={occupancyColumns}
            rows={data.occupancy}
          />
        </>
      )}
      {terms.data && (
        <ChartPanel
          id="terms"
          title={t('termsMonitorTitle')}
          categories={termMonths.map((m) => formatMonth(m.month))}
          series={[
            { name: t('termsMet'), values: termMonths.map((m) => m.met) },
            { name: t('termsBreached'), values: termMonths.map((m) => m.breached) },
          ]}
          columns={termColumns}
          rows={termMonths}
        />
      )}
      {budgets.data && (
        <section className="vangnet-panel" aria-labelledby="budgets-title">
          <h2 id="budgets-title" className="utrecht-heading-2">
            {t('budgetTitle')}
          </h2>
          <DataTable caption={t('budgetTitle')} columns={budgetColumns} rows={budgets.data.items} testId="budgets" />
        </section>
      )}
      {ceilings.data && (
        <section className="vangnet-panel" aria-labelledby="ceilings-title">
          <h2 id="ceilings-title" className="utrecht-heading-2">
            {t('ceilingsTitle')}
          </h2>
          <DataTable caption={t('ceilingsTitle')} columns={ceilingColumns} rows={ceilings.data.items} testId="ceilings" />
        </section>
      )}
    </>
  );
}
