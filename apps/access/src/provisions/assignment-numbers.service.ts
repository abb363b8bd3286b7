import { Injectable } from '@nestjs/common';
import { ProvisionsRepository } from './provisions.repository';

/** Numbers reserved from a paying municipality's sequence at a time (ADR 0053). */
export const ASSIGNMENT_NUMBER_BLOCK = 50;

/**
 * Assignment numbers (iWmo ToewijzingNummer) for new lineages, unique per paying municipality.
 * Each process reserves a block of its municipality's sequence in a short transaction of its own,
 * committed before any number of it is used, and hands the block out from memory: no decision
 * holds the sequence row while it commits (that lock serialised every decision of one payer
 * behind the previous one's durable commit). Numbers are unique, not gapless: a block's unused
 * rest at a restart and the numbers of a decision that is then refused stay unused (ADR 0053).
 */
@Injectable()
export class AssignmentNumbers {
  private readonly blocks = new Map<string, { next: number; last: number }>();
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(private readonly provisions: ProvisionsRepository) {}

  /** One number for each lineage, by its paying municipality, in order. */
  async take(municipalities: readonly string[]): Promise<number[]> {
    const numbers: number[] = [];
    for (const m of municipalities) {
      let block = this.blocks.get(m);
      // Another request may empty a fresh block before this one gets to it: reserve again.
      while (!block || block.next > block.last) {
        await this.reserve(m);
        block = this.blocks.get(m);
      }
      numbers.push(block.next++);
    }
    return numbers;
  }

  // One reservation at a time per municipality; everyone short of numbers waits for it.
  private reserve(municipality: string): Promise<void> {
    let pending = this.reserving.get(municipality);
    if (!pending) {
      pending = this.provisions
        .reserveNumbers(municipality, ASSIGNMENT_NUMBER_BLOCK)
        .then((last) => void this.blocks.set(municipality, { next: last - ASSIGNMENT_NUMBER_BLOCK + 1, last }))
        .finally(() => this.reserving.delete(municipality));
      this.reserving.set(municipality, pending);
    }
    return pending;
  }
}
