import { types } from 'pg';

// DATE columns stay 'YYYY-MM-DD' strings: parsing them into a JS Date would shift them by the
// server's time zone. BIGINT (counts, cents) becomes a number; cents stay far below 2^53.
let installed = false;
export function installPgTypeParsers(): void {
  if (installed) return;
  installed = true;
  types.setTypeParser(1082, (v: string) => v);
  types.setTypeParser(20, (v: string) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} is outside the safe integer range`);
    return n;
  });
}
