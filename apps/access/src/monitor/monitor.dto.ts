import { IsMunicipalityCode } from '@vangnet/contracts';
import { MonthRangeQuery } from '@vangnet/platform';
import { IsOptional } from 'class-validator';

export class TermsMonitorQuery extends MonthRangeQuery {
  /** One municipality; default: every municipality the caller reads (a regional analyst: the region). */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/**
 * Statutory terms that ended in a month, per municipality and kind: counts only. A term met in
 * time ended the day it was met; a breached or open term counts in the month of its due date.
 */
export interface TermsMonitorRow {
  month: string;
  municipality: string;
  kind: string;
  /** Met on or before the due date, counted in the month it was met. */
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
