import { IsMunicipalityCode } from '@vangnet/contracts';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^(20\d\d|2[01]\d\d)-(0[1-9]|1[0-2])$/;

export class TermsMonitorQuery {
  /** First month, YYYY-MM (default: eleven months before this one). */
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  /** Last month, YYYY-MM (default: this month); at most 36 months after `from`. */
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

  /** One municipality; default: every municipality the caller reads (a regional analyst: the region). */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** Statutory terms that ended in a month (by due date), per municipality and kind: counts only. */
export interface TermsMonitorRow {
  month: string;
  municipality: string;
  kind: string;
  /** Met on or before the due date. */
  met: number;
  /** Breached: flagged by the breach job, or still open past the due date. */
  breached: number;
  /** Still open (or suspended) and not yet due. */
  open: number;
}

export interface TermsMonitorView {
  from: string;
  to: string;
  measuredOn: string;
  /** null: the whole region. */
  municipalities: string[] | null;
  rows: TermsMonitorRow[];
}
