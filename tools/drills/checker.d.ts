import type { Client } from 'pg';

export interface SentEvent {
  eventId: string;
  key: string;
}

export interface Effect {
  key: string;
  times: number;
  consistent?: boolean;
}

export interface Tally {
  events: number;
  sent: number;
  applied: number;
  duplicates: number;
  lost: number;
  unexpected: number;
  lostKeys: string[];
  duplicateKeys: string[];
}

export const PROVISION_GRANTED: string;
export function tally(sent: SentEvent[], effects: Effect[]): Tally;
export function formatTally(t: Tally): string;
export function producerEvents(client: Client, afterSeq?: number): Promise<SentEvent[]>;
export function producerWatermark(client: Client): Promise<number>;
export function consumerEffects(client: Client, keys: string[]): Promise<Effect[]>;
export function check(client: Client, afterSeq?: number): Promise<Tally>;
