import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@vangnet/contracts';
import { MAX_FILE_BYTES } from '@vangnet/istandaarden';
import { BackgroundJob, intervalFromEnv } from '@vangnet/platform';
import { promises as fs } from 'fs';
import { join } from 'path';
import { MailboxService } from './mailbox.service';

/**
 * The second transport: a directory a national hub drops files into (`EXCHANGE_DROP_DIR/in`). Each
 * file goes through the same pipeline as the mailbox; a processed file moves to `processed/`, a
 * refused one to `rejected/` beside a `.problem.json` with the code. A file that could not be
 * processed for a passing reason (the database or NATS away) stays for the next poll. A real hub
 * connection is one more caller of `MailboxService.deliver`.
 */
@Injectable()
export class WatchedDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WatchedDirectory.name);
  private readonly dir = process.env.EXCHANGE_DROP_DIR;
  private readonly job = new BackgroundJob('watched-directory', () => this.poll());

  constructor(private readonly mailbox: MailboxService) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.dir) return;
    for (const sub of ['in', 'processed', 'rejected']) await fs.mkdir(join(this.dir, sub), { recursive: true });
    this.job.every(intervalFromEnv('EXCHANGE_DROP_INTERVAL_MS', 5_000), 1_000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Read the drop now, as the timer does (in a job context of its own); answers how many files were handled. */
  runNow(): Promise<number> {
    return this.job.run();
  }

  /** Take every file in `in/` once. */
  private async poll(): Promise<number> {
    if (!this.dir) return 0;
    const names = (await fs.readdir(join(this.dir, 'in'))).filter((n) => !n.startsWith('.')).sort();
    let handled = 0;
    for (const name of names) {
      const path = join(this.dir, 'in', name);
      const stat = await fs.stat(path).catch(() => undefined);
      if (!stat?.isFile()) continue;
      try {
        // Too large is refused from its size alone, without reading it (OP179).
        if (stat.size > MAX_FILE_BYTES) throw new DomainError('FILE_TOO_LARGE', `the file has ${stat.size} bytes, more than ${MAX_FILE_BYTES} (OP179)`, 413);
        const result = await this.mailbox.deliver({ bytes: await fs.readFile(path), transport: 'DIRECTORY' });
        await fs.rename(path, join(this.dir, 'processed', name));
        this.logger.log(`${name}: ${result.duplicate ? 'delivered before' : result.message.status} (${result.message.id})`);
        handled++;
      } catch (e) {
        if (!(e instanceof DomainError) || e.status >= 500) {
          this.logger.warn(`${name}: not processed now (${(e as Error).message}); tried again at the next poll`);
          continue;
        }
        await fs.writeFile(join(this.dir, 'rejected', `${name}.problem.json`), JSON.stringify({ code: e.code, detail: e.message, invalidParams: e.invalidParams ?? [] }, null, 2));
        await fs.rename(path, join(this.dir, 'rejected', name));
        this.logger.warn(`${name}: refused (${e.code})`);
        handled++;
      }
    }
    return handled;
  }
}
