import { addWorkingDays, IsoDate } from '@vangnet/contracts';
import type { MessageType } from '@vangnet/istandaarden';

// Terms of the iWmo/iJw 3.2 exchange (DOMAIN "The national message standard"), in working days
// (Atw: weekends and public holidays do not count).

/** A retour is due within 3 working days of the message (iStandaarden, retourbericht-termijn). */
export const RETOUR_TERM_WORKING_DAYS = 3;
/** An answer to a 315/317 is due within 5 working days (iWmo/iJw 3.2, TR360: else "in onderzoek"). */
export const REQUEST_ANSWER_TERM_WORKING_DAYS = 5;
/** A 325 is due within 10 working days of the 323 (iWmo/iJw 3.2 declaratie-antwoordtermijn). */
export const DECLARATION_ANSWER_TERM_WORKING_DAYS = 10;

/** What a message waits for, and until when: our 301/319 wait for their retour, a received 315/317/323 for our answer. */
export function termOf(direction: 'IN' | 'OUT', messageType: MessageType | string, on: IsoDate): { awaiting: 'RETOUR' | 'ANSWER'; dueOn: IsoDate } | undefined {
  if (direction === 'OUT' && (messageType === '301' || messageType === '319')) return { awaiting: 'RETOUR', dueOn: addWorkingDays(on, RETOUR_TERM_WORKING_DAYS) };
  if (direction === 'IN' && (messageType === '315' || messageType === '317')) return { awaiting: 'ANSWER', dueOn: addWorkingDays(on, REQUEST_ANSWER_TERM_WORKING_DAYS) };
  if (direction === 'IN' && messageType === '323') return { awaiting: 'ANSWER', dueOn: addWorkingDays(on, DECLARATION_ANSWER_TERM_WORKING_DAYS) };
  return undefined;
}

/** The BSNs and assignment numbers a message names, wherever its classes hold them. */
export function namedIn(message: unknown): { bsns: string[]; assignmentNumbers: number[] } {
  const bsns = new Set<string>();
  const numbers = new Set<number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'bsn' && typeof x === 'string') bsns.add(x);
      else if (k === 'toewijzingNummer' && typeof x === 'number') numbers.add(x);
      else if (typeof x === 'object') walk(x);
    }
  };
  walk(message);
  return { bsns: [...bsns], assignmentNumbers: [...numbers].sort((a, b) => a - b) };
}
