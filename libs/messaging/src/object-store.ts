import { NatsConnection, NatsError, ObjectStore } from 'nats';
import { subjectPrefix } from './subjects';

// Large documents travel by reference in the JetStream object store (ARCHITECTURE §2 "Large
// documents"): the event names a bucket and an object, never carries the document. nats.js reads
// an object with an ordered push consumer (`js.subscribe` with `orderedConsumer()`), which works
// on nats-server 2.9 (checked on 2.9.10: 23.6 MB in 180 chunks of 128 KiB read in 0.6 s); every
// chunk is a message far below the 1 MB payload limit.

/** A bucket's name in this deployment: `<PREFIX>DECLARATIONS` (`T1A2_DECLARATIONS` under `t1a2.`). */
export function bucketName(name: string): string {
  return `${subjectPrefix().replace(/\./g, '_').toUpperCase()}${name}`;
}

/**
 * An object store bucket that exists, or undefined. `js.views.os()` alone would create a missing
 * bucket, without the time to live its owner gives it; a consumer of another service's bucket
 * binds to it only.
 */
export async function existingBucket(nc: NatsConnection, bucket: string): Promise<ObjectStore | undefined> {
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.streams.info(`OBJ_${bucket}`);
  } catch (e) {
    const err = e as NatsError;
    if (err?.api_error?.err_code === 10059 || /not found/i.test(err?.message ?? '')) return undefined;
    throw e;
  }
  return nc.jetstream().views.os(bucket);
}

/** NDJSON: one JSON document per line, `\n` after each. */
export function toNdjson(rows: Iterable<unknown>): Uint8Array {
  const parts: string[] = [];
  for (const r of rows) parts.push(`${JSON.stringify(r)}\n`);
  return Buffer.from(parts.join(''), 'utf8');
}

/**
 * Retention (docs/operations.md "Retention"): delete up to `limit` objects last written before
 * `before`; returns how many. Objects already deleted are skipped. A bucket's time to live is the
 * backstop; this lets the retention job delete on its own (settable) clock and count what it did.
 */
export async function deleteObjectsBefore(store: ObjectStore, before: Date, limit: number): Promise<number> {
  const due = (await store.list()).filter((o) => !o.deleted && new Date(o.mtime).getTime() < before.getTime()).slice(0, limit);
  for (const o of due) await store.delete(o.name);
  return due.length;
}
