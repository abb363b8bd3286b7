import type { Finding, MessageType } from '@vangnet/istandaarden';

/** What a provider sends to a municipality (iWmo/iJw 3.2): requests, reports, declarations and the retours of our 301 and 319. */
export const INBOUND_TYPES: readonly MessageType[] = ['302', '305', '307', '315', '317', '320', '323'];

/** The retours we receive, and which of our messages each answers. */
export const RETOUR_OF: Readonly<Partial<Record<MessageType, MessageType>>> = { '302': '301', '320': '319' };

const PRESTATIE = /^(\/Bericht\/Declaratie\/Clienten\/Client(?:\[(\d+)\])?)\/Prestaties\/Prestatie(?:\[(\d+)\])?(?:\/|$)/;
const CLIENT = /^\/Bericht\/Declaratie\/Clienten\/Client(?:\[(\d+)\])?(?:\/[A-Za-z]+)?$/;

/**
 * Which lines of a 323 a finding rejects (TR342: a bad line rejects that line only): its Prestatie,
 * every line of its Client, or the whole declaration ('ALL') for anything on the header or the
 * declaration itself. Lines are keyed `client:line`, 0-based.
 */
export function linesHitBy(f: Pick<Finding, 'path'>, linesPerClient: readonly number[]): Set<string> | 'ALL' {
  const p = PRESTATIE.exec(f.path);
  if (p) return new Set([`${p[2] ? Number(p[2]) - 1 : 0}:${p[3] ? Number(p[3]) - 1 : 0}`]);
  const c = CLIENT.exec(f.path);
  if (c) {
    const ci = c[1] ? Number(c[1]) - 1 : 0;
    return new Set(Array.from({ length: linesPerClient[ci] ?? 0 }, (_, li) => `${ci}:${li}`));
  }
  return 'ALL';
}

/** The lines of a 323 that may go to finance: every line no finding rejects; none when one rejects the whole. */
export function cleanLines(findings: readonly Pick<Finding, 'path' | 'paths' | 'code'>[], linesPerClient: readonly number[]): { whole: boolean; rejected: Set<string> } {
  const rejected = new Set<string>();
  for (const f of findings) {
    // Of duplicates (TR101, TR416) only the repeats are refused; any other finding rejects what its first path names.
    const paths = DUPLICATE_RULES.has(f.code) && f.paths && f.paths.length > 1 ? f.paths.slice(1) : [f.path];
    for (const path of paths) {
      const hit = linesHitBy({ path }, linesPerClient);
      if (hit === 'ALL') return { whole: true, rejected };
      for (const k of hit) rejected.add(k);
    }
  }
  return { whole: false, rejected };
}

const DUPLICATE_RULES = new Set(['TR101', 'TR416']);

/** The path of a line the way the library and the stylesheet name it. */
export function prestatiePath(ci: number, clients: number, li: number, lines: number): string {
  const c = clients > 1 ? `Client[${ci + 1}]` : 'Client';
  const l = lines > 1 ? `Prestatie[${li + 1}]` : 'Prestatie';
  return `/Bericht/Declaratie/Clienten/${c}/Prestaties/${l}`;
}
