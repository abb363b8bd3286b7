'use strict';
// The drills' checker: what the producer committed (access's outbox rows of
// access.provision.granted.v1) against what the consumer did with it (finance's bookings per
// provision), never the consumer's inbox rows. Plain CommonJS, so the drills (ES modules) and its
// Jest spec both load it.

/**
 * Counts a drill's outcome.
 * @param {Array<{ eventId: string, key: string }>} sent the producer's events, `key` naming the
 *   thing each is about (the provision id)
 * @param {Array<{ key: string, times: number, consistent?: boolean }>} effects the consumer's side
 *   effects per key: how many times it was applied, and whether its books add up (a booking
 *   applied twice leaves the journal above the commitment)
 * @returns {{ events: number, sent: number, applied: number, duplicates: number, lost: number,
 *   unexpected: number, lostKeys: string[], duplicateKeys: string[] }}
 */
function tally(sent, effects) {
  const byKey = new Map();
  for (const e of effects) {
    const seen = byKey.get(e.key);
    // Two rows for one key are two applications.
    if (seen) byKey.set(e.key, { times: seen.times + e.times, consistent: seen.consistent && e.consistent !== false });
    else byKey.set(e.key, { times: e.times, consistent: e.consistent !== false });
  }
  const keys = new Set(sent.map((s) => s.key));
  const out = { events: sent.length, sent: keys.size, applied: 0, duplicates: 0, lost: 0, unexpected: 0, lostKeys: [], duplicateKeys: [] };
  for (const key of keys) {
    const e = byKey.get(key);
    if (!e || e.times <= 0) {
      out.lost++;
      out.lostKeys.push(key);
      continue;
    }
    out.applied++;
    // Booked twice, or books that do not add up (the trace a second booking leaves): one finding
    // per extra booking, not two for the same one.
    const extra = Math.max(e.times - 1, e.consistent ? 0 : 1);
    if (extra > 0) {
      out.duplicates += extra;
      out.duplicateKeys.push(key);
    }
  }
  for (const [key, e] of byKey) if (!keys.has(key) && e.times > 0) out.unexpected++;
  return out;
}

/** One line of figures, as every drill prints it. */
function formatTally(t) {
  return `sent ${t.sent} · applied ${t.applied} · duplicates ${t.duplicates} · lost ${t.lost}${t.unexpected ? ` · unexpected ${t.unexpected}` : ''}`;
}

const PROVISION_GRANTED = 'access.provision.granted.v1';

/** The producer's side: access's outbox rows of provision.granted after outbox sequence `afterSeq`. */
async function producerEvents(client, afterSeq = 0) {
  const { rows } = await client.query(
    `SELECT id AS "eventId", envelope->'data'->>'provisionId' AS key FROM access.outbox WHERE subject = $1 AND seq > $2 ORDER BY seq`,
    [PROVISION_GRANTED, afterSeq],
  );
  return rows;
}

/** The last outbox sequence of access (a drill counts what was committed after it). */
async function producerWatermark(client) {
  const { rows } = await client.query('SELECT coalesce(max(seq), 0)::bigint AS seq FROM access.outbox');
  return Number(rows[0].seq);
}

/**
 * The consumer's side: per provision, how often finance booked its lineage (the most BOOKED
 * journal entries of one year; a provision within one year is booked once), and whether the
 * journal adds up to the commitments it holds.
 */
async function consumerEffects(client, keys) {
  if (!keys.length) return [];
  const { rows } = await client.query(
    `SELECT pv.provision_id AS key,
            coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM finance.commitment_mutation m
                                           WHERE m.lineage_id = pv.lineage_id AND m.kind = 'BOOKED' GROUP BY m.year) y), 0)::int AS times,
            (SELECT coalesce(sum(m.delta_cents), 0) FROM finance.commitment_mutation m WHERE m.lineage_id = pv.lineage_id)::bigint AS journal,
            (SELECT coalesce(sum(c.amount_cents), 0) FROM finance.commitment c WHERE c.lineage_id = pv.lineage_id)::bigint AS committed
       FROM finance.provision_version pv WHERE pv.provision_id = ANY($1::uuid[])`,
    [keys],
  );
  return rows.map((r) => ({ key: r.key, times: r.times, consistent: r.journal === r.committed }));
}

/** Producer and consumer read and counted in one go. */
async function check(client, afterSeq = 0) {
  const sent = await producerEvents(client, afterSeq);
  const effects = await consumerEffects(client, [...new Set(sent.map((s) => s.key))]);
  return tally(sent, effects);
}

module.exports = { tally, formatTally, producerEvents, producerWatermark, consumerEffects, check, PROVISION_GRANTED };
