/** One figure for docs/benchmarks.md (written by `npm run bench`, which collects these lines). */
export interface BenchFigure {
  /** Stable key, e.g. `access.decisions.cpu-ms` (the baseline is matched on it). */
  id: string;
  /** What was measured, in words. */
  label: string;
  value: number;
  unit: string;
  /** The target in words, e.g. `≤ 3.5 ms` or `≥ 85 % of direct`. */
  target?: string;
  met?: boolean;
  /** A floor measured in the same run, and this figure as a ratio to it. */
  floor?: { label: string; value: number; ratio: number };
}

export const BENCH_FIGURE_PREFIX = 'BENCH-FIGURE ';

/** Print a figure where `npm run bench` finds it; people read the bench's own lines. */
export function report(figure: BenchFigure): void {
  // A bench writes to its terminal; this line is its output, not a log.
  // eslint-disable-next-line no-console
  console.log(BENCH_FIGURE_PREFIX + JSON.stringify(figure));
}
