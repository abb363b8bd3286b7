import { Button, ButtonGroup, Heading2, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { axisFormatter, tooltipFormatter, ValueFormat } from '../format';
import { t } from '../messages.nl';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Column<R> {
  key: string;
  label: string;
  value: (row: R) => string | number | null;
  /** How the table shows the value (Dutch notation); the CSV keeps the raw value. */
  format?: (row: R) => string;
  /** A cell with more than text (a link to the case); the CSV keeps the raw value. */
  render?: (row: R) => ReactNode;
}

export interface Series {
  name: string;
  values: number[];
  kind?: 'bar' | 'line';
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Semicolon-separated, as Dutch spreadsheets read it. */
export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  return [columns.map((c) => csvCell(c.label)).join(';'), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(';'))].join('\r\n');
}

/**
 * A chart with its table behind it: a toggle between the two and a CSV download of the table.
 * Axis labels and tooltips in Dutch notation (`valueFormat` 'cents': values in eurocents, shown
 * as `€ 50.000.000` on the axis and `€ 1.234,56` in the tooltip).
 */
export function ChartPanel<R>(props: { id: string; title: string; categories: string[]; series: Series[]; columns: Column<R>[]; rows: R[]; valueFormat?: ValueFormat }) {
  const valueFormat = props.valueFormat ?? 'number';
  const [table, setTable] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (table || !ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: tooltipFormatter(valueFormat) },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 36, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      // Every category named (none skipped for want of room): slanted when there are many.
      xAxis: { type: 'category', data: props.categories, axisLabel: { interval: 0, rotate: props.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(valueFormat) } },
      series: props.series.map((s) => ({ name: s.name, type: s.kind ?? 'bar', data: s.values })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [table, props.categories, props.series, valueFormat]);
  const download = () => {
    const blob = new Blob(['\uFEFF', toCsv(props.columns, props.rows)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${props.id}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <section aria-labelledby={`${props.id}-title`} className="vangnet-panel" data-testid={props.id}>
      <Heading2 id={`${props.id}-title`}>{props.title}</Heading2>
      <ButtonGroup>
        <Button appearance="secondary-action-button" aria-pressed={table} onClick={() => setTable(!table)} data-testid={`${props.id}-toggle`}>
          {table ? t('showChart') : t('showTable')}
        </Button>
        <Button appearance="subtle-button" onClick={download} data-testid={`${props.id}-csv`}>
          {t('downloadCsv')}
        </Button>
      </ButtonGroup>
      {table ? (
        <DataTable caption={props.title} columns={props.columns} rows={props.rows} testId={`${props.id}-table`} />
      ) : (
        <div ref={ref} className="vangnet-chart" style={props.categories.length > 6 ? { height: 420 } : undefined} role="img" aria-label={t('chartSummary', { title: props.title })} data-testid={`${props.id}-chart`} />
      )}
    </section>
  );
}

/** A plain table (no chart) for lists. */
export function DataTable<R>(props: { caption: string; columns: Column<R>[]; rows: R[]; testId?: string }) {
  return (
    <Table data-testid={props.testId}>
      <TableCaption className="vangnet-visually-hidden">{props.caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {props.columns.map((c) => (
            <TableHeaderCell key={c.key} scope="col">
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.rows.map((r, i) => (
          <TableRow key={i}>
            {props.columns.map((c) => (
              <TableCell key={c.key} data-key={c.key}>
                {c.render ? c.render(r) : c.format ? c.format(r) : String(c.value(r) ?? '—')}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
