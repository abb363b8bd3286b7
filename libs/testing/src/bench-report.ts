import { BenchFigure, benchFigureLine } from '@vangnet/contracts';

/** Print a figure where `npm run bench` finds it (docs/benchmarks.md); people read the bench's own lines. */
export function report(figure: BenchFigure): void {
  // A bench writes to its terminal; this line is its output, not a log.
  // eslint-disable-next-line no-console
  console.log(benchFigureLine(figure));
}
