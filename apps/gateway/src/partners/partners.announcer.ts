import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1 } from '@vangnet/contracts';
import { Outbox, streamMaxAgeMs } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
import { PartnerEntity } from './partners.entity';
import { partnerSnapshot } from './partners.rules';
import { PartnersRepository } from './partners.repository';

const BATCH = 100;

/**
 * Publishes every partner's current revision again once half the streams' max_age has passed
 * since it was last published (VANGNET_STREAM_MAX_AGE_DAYS, 30 by default). The registry's
 * readers (access, care-plans, exchange: their partner teams) learn it only from its events, and
 * JetStream forgets an event after max_age: without this, a reader that starts later (a new
 * service, a restored database, a consumer made again) would never hear of a partner registered
 * before that and refuse its team. The same event type and revision as the original, so a reader
 * that has it already keeps what it has (newest revision wins, an equal one changes nothing).
 * Checked every VANGNET_PARTNER_ANNOUNCE_INTERVAL_MS (default an hour, 0: off); each partner is
 * announced once per period however many gateway replicas run.
 */
@Injectable()
export class PartnerAnnouncer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PartnerAnnouncer');
  private readonly job: BackgroundJob<number>;

  constructor(
    private readonly partners: PartnersRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.job = BackgroundJob.draining('PartnerAnnouncer', { batch: () => this.announceDue(), batchSize: BATCH, txHost }, (n) => {
      if (n > 0) this.logger.log(`published ${n} partner(s) again, whose last announcement was older than half the streams' max_age`);
    });
  }

  onApplicationBootstrap(): void {
    const interval = intervalFromEnv('VANGNET_PARTNER_ANNOUNCE_INTERVAL_MS', 3600_000);
    this.job.every(interval, Math.min(interval, 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Announce what is due now (by the Clock); how many partners were published again. */
  run(): Promise<number> {
    return this.job.run();
  }

  private async announceDue(): Promise<number> {
    const now = this.clock.now();
    const due = await this.partners.takeDueAnnouncements(now, new Date(now.getTime() - streamMaxAgeMs() / 2), BATCH);
    for (const p of due) await publishRevision(this.outbox, p);
    return due.length;
  }
}

/** A partner's current revision as its event: revision 1 is the registration, every later one a change. */
export async function publishRevision(outbox: Outbox, p: PartnerEntity): Promise<void> {
  if (p.revision === 1) await outbox.publish({ type: PARTNER_REGISTERED_V1, data: partnerSnapshot(p), municipality: null });
  else await outbox.publish({ type: PARTNER_CHANGED_V1, data: partnerSnapshot(p), municipality: null });
}
