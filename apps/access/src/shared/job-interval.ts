/** How often access's jobs (deadline breaches, payer switches) run: ACCESS_JOB_INTERVAL_MS, default a minute; 0 = off. */
export function jobIntervalMs(): number {
  return Number(process.env.ACCESS_JOB_INTERVAL_MS ?? 60_000);
}
