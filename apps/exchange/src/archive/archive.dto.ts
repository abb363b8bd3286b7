import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsAgbCode, IsIsoDate, IsMunicipalityCode, IsOnOrAfter } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import type { Finding } from '@vangnet/istandaarden';
import type { Awaiting, Direction, MessageStatus, Transport } from './archive.entity';

const MESSAGE_TYPES = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325'];
const STATUSES = ['ACCEPTED', 'REJECTED', 'WAITING', 'COLLECTED', 'HELD'];

/** Search the archive: by provider, municipality, message type, period (received, inclusive) and assignment number. */
export class MessageQuery extends PageQuery {
  @IsOptional() @IsAgbCode() providerAgb?: string;
  @IsOptional() @IsMunicipalityCode() municipality?: string;
  @IsOptional() @IsIn(MESSAGE_TYPES) messageType?: string;
  @IsOptional() @IsEnum({ IN: 'IN', OUT: 'OUT' }) direction?: Direction;
  @IsOptional() @IsIn(STATUSES) status?: MessageStatus;
  @IsOptional() @IsIsoDate() from?: string;
  @IsOptional() @IsIsoDate() @IsOnOrAfter('from') to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(999_999_999) assignmentNumber?: number;
}

export class OverdueQuery extends PageQuery {
  @IsOptional() @IsMunicipalityCode() municipality?: string;
  @IsOptional() @IsAgbCode() providerAgb?: string;
}

export interface MessageSummary {
  id: string;
  direction: Direction;
  standard: 'iwmo' | 'ijw';
  messageType: string;
  sender: string;
  receiver: string;
  identification: string;
  dagtekening: string | null;
  providerAgb: string;
  municipality: string;
  status: MessageStatus;
  sizeBytes: number;
  inReplyTo: string | null;
  awaiting: Awaiting | null;
  dueOn: string | null;
  settledBy: string | null;
  settledAt: string | null;
  assignmentNumbers: number[];
  transport: Transport;
  receivedAt: string;
  collectedAt: string | null;
}

/** One message with its file, its findings and what answered it. */
export interface MessageView extends MessageSummary {
  xml: string;
  findings: Finding[];
  timings: Record<string, number> | null;
  replies: MessageSummary[];
}
