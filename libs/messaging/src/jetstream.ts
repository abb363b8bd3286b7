import { Logger } from '@nestjs/common';
import { ServiceName } from '@vangnet/contracts';
import {
  AckPolicy,
  ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamManager,
  nanos,
  NatsError,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from 'nats';
import { streamMaxAgeMs } from './messaging.options';
import { streamName, streamSubjects } from './subjects';

const logger = new Logger('JetStream');

/** JetStream drops a re-published event with the same Nats-Msg-Id within this window. */
export const DUPLICATE_WINDOW_MS = 15 * 60_000;

function isNotFound(e: unknown): boolean {
  const err = e as NatsError;
  return err?.api_error?.err_code === 10059 || err?.api_error?.err_code === 10014 || /not found/i.test(err?.message ?? '');
}

/** What a consumer that has not yet acked a message is given before JetStream redelivers it. */
export const DEFAULT_ACK_WAIT_MS = 5000;

/**
 * The producing service's stream, created or brought up to date idempotently. Producers and
 * consumers both call it, so whichever starts first creates it. `max_age` bounds how long an
 * event can be delivered (and so how long the inbox must remember it: ADR 0013). Only the owner
 * (`asOwner`, the default) updates an existing stream: a consumer's NATS user may not (O5,
 * nats-auth.ts), and a consumer with other settings would otherwise undo the producer's.
 */
export async function ensureStream(jsm: JetStreamManager, service: ServiceName, maxAgeMs = streamMaxAgeMs(), asOwner = true): Promise<string> {
  const name = streamName(service);
  const config: Partial<StreamConfig> = {
    name,
    subjects: streamSubjects(service),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    max_age: nanos(maxAgeMs),
    num_replicas: Number(process.env.VANGNET_JETSTREAM_REPLICAS ?? 1),
  };
  try {
    const info = await jsm.streams.info(name);
    const same =
      info.config.subjects?.join(',') === config.subjects?.join(',') &&
      info.config.duplicate_window === config.duplicate_window &&
      info.config.max_age === config.max_age;
    if (!same && asOwner) await jsm.streams.update(name, { ...info.config, ...config });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      await jsm.streams.add(config);
      logger.log(`created stream ${name}`);
    } catch (addError) {
      // Another service created it at the same moment.
      if (!/already in use|exists/i.test((addError as Error).message)) throw addError;
    }
  }
  return name;
}

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  ackWaitMs?: number;
  maxAckPending?: number;
}

/** A durable pull consumer that starts at the stream's first event, created idempotently. */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const config: Partial<ConsumerConfig> = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    max_deliver: -1,
    max_ack_pending: spec.maxAckPending ?? 2000,
    filter_subject: spec.filterSubject,
  };
  try {
    const info = await jsm.consumers.info(spec.stream, spec.durable);
    if (info.config.ack_wait !== config.ack_wait || info.config.max_ack_pending !== config.max_ack_pending) {
      await jsm.consumers.update(spec.stream, spec.durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.consumers.add(spec.stream, config);
  }
}
