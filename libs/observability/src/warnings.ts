import type { LoggerService } from '@nestjs/common';

let routed: ((w: Error) => void) | undefined;
let target: LoggerService | undefined;

/**
 * Node's own warnings (DeprecationWarning, MaxListenersExceededWarning, ExperimentalWarning, …)
 * go to the service's JSON log as `warn` lines, not to stderr as text: Node's default printer (a
 * 'warning' listener of its own) is removed and ours takes its place. Idempotent; the logger of
 * the latest call is used. Warnings emitted before this runs (while modules load) still print as
 * Node prints them: call it first thing.
 */
export function routeProcessWarnings(logger: LoggerService): void {
  target = logger;
  if (routed) return;
  process.removeAllListeners('warning');
  routed = (w: Error & { code?: string }) => {
    // No stack: a deprecation says what and where in its message; the stack would be many lines of noise.
    const code = w.code ? ` ${w.code}` : '';
    target?.warn(`${w.name}${code}: ${w.message}`, 'Node');
  };
  process.on('warning', routed);
}
