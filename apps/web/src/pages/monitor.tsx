import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useState } from 'react';
import { apiGet } from '../api';
import { ChartPanel, Column, DataTable } from '../components/chart-panel';
import { fieldError, SelectField, TextField } from '../components/field';
import { LoadState } from '../components/load-state';
import { formatBasisPoints, formatCents, formatDate, formatMonth, formatNumber, monthsOf } from '../format';
import { label, municipalityName, t } from '../messages.nl';
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
interface WaitingMonthFigures {
  month: string;
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
  waitingOverTime: WaitingMonthFigures[];
  occupancy: OccupancyFigures[];
}
interface Distribution {
  municipalities: Array<{ municipality: string; places: number; target: number; shortfall: number; compensationOwedCents: number; compensationDueCents: number }>;
}
interface BudgetReport {
  municipality: string;
  lines: Array<{ domain: string; budgetCents: number; committedCents: number; realisedCents: number }>;
}
interface BudgetRow {
  municipality: string;
  domain: string;
  budgetCents: number;
  committedCents: number;
  realisedCents: number;
}
interface CeilingAlert {
  providerAgb: string;
  providerName: string | null;
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
  from: string;
  to: string;
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

const KEYS = ['from', 'to', 'municipality', 'facilityType'] as const;

/** Finance's budget report per municipality (budget, committed and realised per line), summed per domain. */
function useBudgetReports(year: number | undefined, municipalities: string[]): BudgetRow[] | undefined {
  const { token } = useSession();
  const [rows, setRows] = useState<BudgetRow[] | undefined>();
  const key = `${year}|${municipalities.join(',')}`;
  useEffect(() => {
    if (!year) return;
    let live = true;
    Promise.all(municipalities.map((municipality) => apiGet<BudgetReport>(token, '/api/finance/v1/reports/budget', { municipality, year }).catch(() => undefined))).then((reports) => {
      const by = new Map<string, BudgetRow>();
      for (const r of reports) {
        for (const l of r?.lines ?? []) {
          const k = `${r?.municipality}|${l.domain}`;
          const row = by.get(k) ?? { municipality: r?.municipality ?? '', domain: l.domain, budgetCents: 0, committedCents: 0, realisedCents: 0 };
          row.budgetCents += l.budgetCents;
          row.committedCents += l.committedCents;
          row.realisedCents += l.realisedCents;
          by.set(k, row);
        }
      }
      if (live) setRows([...by.values()].sort((a, b) => a.municipality.localeCompare(b.municipality) || a.domain.localeCompare(b.domain)));
    });
    return () => {
      live = false;
    };
  }, [key, token]);
  return rows;
}

export default function MonitorPage() {
  const { claims } = useSession();
  const { draft, applied, set, apply } = useQueryState(KEYS, { from: '', to: '', municipality: '', facilityType: '' });
  const monitor = useApi<MonitorView>('/api/housing/v1/monitor', { from: applied.from, to: applied.to, municipality: applied.municipality });
  const year = monitor.data ? Number(monitor.data.to.slice(0, 4)) : undefined;
  const distribution = useApi<Distribution>(year ? '/api/housing/v1/distribution' : null, { year });
  const budgets = useBudgetReports(year, applied.municipality ? [applied.municipality] : claims.municipalities);
  const ceilings = useApi<{ items: CeilingAlert[] }>(year ? '/api/procurement/v1/ceilings/alerts' : null, { year, municipality: applied.municipality });
  const terms = useApi<TermsView>('/api/access/v1/monitor/terms', { from: applied.from, to: applied.to, municipality: applied.municipality });
  const termMonths = useMemo<TermMonth[]>(() => {
    // Every month of the period, the empty ones too.
    const by = new Map<string, TermMonth>(terms.data ? monthsOf(terms.data.from, terms.data.to).map((month) => [month, { month, met: 0, breached: 0 }]) : []);
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
    const by = new Map<string, MonthTotals>(monitor.data ? monthsOf(monitor.data.from, monitor.data.to).map((month) => [month, { month, inflow: 0, throughflow: 0, outflow: 0 }]) : []);
    // One facility type when the filter names one (the API gives the flows per month and type).
    for (const f of (monitor.data?.flows ?? []).filter((f) => !applied.facilityType || f.facilityType === applied.facilityType)) {
      const m = by.get(f.month) ?? { month: f.month, inflow: 0, throughflow: 0, outflow: 0 };
      m.inflow += f.inflow;
      m.throughflow += f.throughflow;
      m.outflow += f.outflow;
      by.set(f.month, m);
    }
    return [...by.values()].sort((a, b) => a.month.localeCompare(b.month));
  }, [monitor.data, applied.facilityType]);

  const flowColumns: Column<MonthTotals>[] = [
    { key: 'month', label: t('month'), value: (r) => r.month, format: (r) => formatMonth(r.month) },
    { key: 'inflow', label: t('inflow'), value: (r) => r.inflow, format: (r) => formatNumber(r.inflow) },
    { key: 'throughflow', label: t('throughflow'), value: (r) => r.throughflow, format: (r) => formatNumber(r.throughflow) },
    { key: 'outflow', label: t('outflow'), value: (r) => r.outflow, format: (r) => formatNumber(r.outflow) },
  ];
  const waitingColumns: Column<WaitingFigures>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label('facilityType', r.facilityType) },
    { key: 'size', label: t('size'), value: (r) => r.size, format: (r) => formatNumber(r.size) },
    { key: 'median', label: t('medianDays'), value: (r) => r.waitingDaysMedian, format: (r) => formatNumber(r.waitingDaysMedian) },
    { key: 'p90', label: t('p90Days'), value: (r) => r.waitingDaysP90, format: (r) => formatNumber(r.waitingDaysP90) },
  ];
  const waitingOverTimeColumns: Column<WaitingMonthFigures>[] = [
    { key: 'month', label: t('month'), value: (r) => r.month, format: (r) => formatMonth(r.month) },
    { key: 'size', label: t('size'), value: (r) => r.size, format: (r) => formatNumber(r.size) },
    { key: 'median', label: t('medianDays'), value: (r) => r.waitingDaysMedian, format: (r) => formatNumber(r.waitingDaysMedian) },
    { key: 'p90', label: t('p90Days'), value: (r) => r.waitingDaysP90, format: (r) => formatNumber(r.waitingDaysP90) },
  ];
  const occupancyColumns: Column<OccupancyFigures>[] = [
    { key: 'facilityType', label: t('facilityType'), value: (r) => r.facilityType, format: (r) => label('facilityType', r.facilityType) },
    { key: 'places', label: t('places'), value: (r) => r.places, format: (r) => formatNumber(r.places) },
    { key: 'occupied', label: t('occupied'), value: (r) => r.occupied, format: (r) => formatNumber(r.occupied) },
    { key: 'free', label: t('free'), value: (r) => r.free, format: (r) => formatNumber(r.free) },
    { key: 'rate', label: t('occupancyRate'), value: (r) => r.occupancyBasisPoints, format: (r) => formatBasisPoints(r.occupancyBasisPoints) },
  ];
  const budgetColumns: Column<BudgetRow>[] = [
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality, format: (r) => municipalityName(r.municipality) },
    { key: 'domain', label: t('domain'), value: (r) => r.domain, format: (r) => label('budgetDomain', r.domain) },
    { key: 'budget', label: t('budget'), value: (r) => r.budgetCents, format: (r) => formatCents(r.budgetCents) },
    { key: 'committed', label: t('committed'), value: (r) => r.committedCents, format: (r) => formatCents(r.committedCents) },
    { key: 'realised', label: t('realised'), value: (r) => r.realisedCents, format: (r) => formatCents(r.realisedCents) },
  ];
  const distributionColumns: Column<Distribution['municipalities'][number]>[] = [
    { key: 'municipality', label: t('municipality'), value: (r) => r.municipality, format: (r) => municipalityName(r.municipality) },
    { key: 'places', label: t('places'), value: (r) => r.places, format: (r) => formatNumber(r.places) },
    { key: 'target', label: t('share'), value: (r) => r.target, format: (r) => formatNumber(r.target) },
    { key: 'shortfall', label: t('shortfall'), value: (r) => r.shortfall, format: (r) => formatNumber(r.shortfall) },
    { key: 'owed', label: t('compensationOwed'), value: (r) => r.compensationOwedCents, format: (r) => formatCents(r.compensationOwedCents) },
    { key: 'due', label: t('compensationDue'), value: (r) => r.compensationDueCents, format: (r) => formatCents(r.compensationDueCents) },
  ];
  const ceilingColumns: Column<CeilingAlert>[] = [
    { key: 'provider', label: t('provider'), value: (r) => r.providerAgb, format: (r) => (r.providerName ? t('providerNamed', { name: r.providerName, agb: r.providerAgb }) : r.providerAgb) },
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

  // The facility types the monitor counts (and the one asked for, should it count none).
  const facilityTypes = [...new Set([...(monitor.data?.flows ?? []).map((f) => f.facilityType), ...(monitor.data?.waitingList ?? []).map((w) => w.facilityType), ...(monitor.data?.occupancy ?? []).map((o) => o.facilityType), ...(applied.facilityType ? [applied.facilityType] : [])])].sort((a, b) => label('facilityType', a).localeCompare(label('facilityType', b), 'nl'));
  const facilityTypeOptions = [{ value: '', label: t('allFacilityTypes') }, ...facilityTypes.map((f) => ({ value: f, label: label('facilityType', f) }))];
  const municipalityOptions = [{ value: '', label: t('allMunicipalities') }, ...claims.municipalities.map((m) => ({ value: m, label: municipalityName(m) }))];
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
        <SelectField id="facilityType" label={t('flowsFacilityType')} value={draft.facilityType} options={facilityTypeOptions} onChange={(v) => set('facilityType', v)} />
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
            title={applied.facilityType ? t('flowsTitleOfType', { type: label('facilityType', applied.facilityType) }) : t('flowsTitle')}
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
            id="waiting-over-time"
            title={t('waitingOverTimeTitle')}
            categories={data.waitingOverTime.map((w) => formatMonth(w.month))}
            series={[
              { name: t('size'), values: data.waitingOverTime.map((w) => w.size) },
              { name: t('medianDays'), values: data.waitingOverTime.map((w) => w.waitingDaysMedian ?? 0), kind: 'line' },
              { name: t('p90Days'), values: data.waitingOverTime.map((w) => w.waitingDaysP90 ?? 0), kind: 'line' },
            ]}
            columns={waitingOverTimeColumns}
            rows={data.waitingOverTime}
          />
          <ChartPanel
            id="waiting"
            title={t('waitingTitle')}
            categories={data.waitingList.map((w) => label('facilityType', w.facilityType))}
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
            categories={data.occupancy.map((o) => label('facilityType', o.facilityType))}
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
      {distribution.data && (
        <ChartPanel
          id="distribution"
          title={t('distributionTitle')}
          categories={distribution.data.municipalities.map((m) => municipalityName(m.municipality))}
          series={[
            { name: t('places'), values: distribution.data.municipalities.map((m) => m.places) },
            { name: t('share'), values: distribution.data.municipalities.map((m) => m.target) },
          ]}
          columns={distributionColumns}
          rows={distribution.data.municipalities}
        />
      )}
      {budgets && (
        <ChartPanel
          id="budgets"
          title={t('budgetTitle')}
          categories={budgets.map((b) => `${municipalityName(b.municipality)} ${label('budgetDomain', b.domain)}`)}
          series={[
            { name: t('budget'), values: budgets.map((b) => b.budgetCents) },
            { name: t('committed'), values: budgets.map((b) => b.committedCents) },
            { name: t('realised'), values: budgets.map((b) => b.realisedCents) },
          ]}
          columns={budgetColumns}
          rows={budgets}
          valueFormat="cents"
        />
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
