import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ClsModule, ClsServiceManager } from 'nestjs-cls';
import { BackgroundJob, drainBatches, intervalFromEnv } from './background-job';

describe(BackgroundJob.name, () => {
  beforeAll(async () => {
    // The job runs in a CLS context of its own, which needs nestjs-cls set up as in a service.
    await Test.createTestingModule({ imports: [ClsModule.forRoot({ global: true })] }).compile();
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  };

  it('should run one at a time, and once more after a run asked for while one was going', async () => {
    const g = gate();
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const sut = new BackgroundJob('test', async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      runs++;
      if (runs === 1) await g.opened;
      concurrent--;
      return runs;
    });
    const first = sut.run();
    const second = sut.run();
    const third = sut.run();
    expect(second).toBe(third); // both join the one queued run
    g.open();
    await expect(first).resolves.toBe(1);
    await expect(second).resolves.toBe(2);
    expect(runs).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it('should give each run a context of its own, not the caller’s', async () => {
    const cls = ClsServiceManager.getClsService();
    const seen: unknown[] = [];
    const sut = new BackgroundJob('ctx', async () => seen.push(cls.get('marker')));
    await cls.run(async () => {
      cls.set('marker', 'caller');
      await sut.run();
    });
    expect(seen).toEqual([undefined]);
  });

  it('should make requests close together one run, and stop scheduling once stopped', async () => {
    jest.useFakeTimers();
    let runs = 0;
    const sut = new BackgroundJob('soon', async () => ++runs);
    sut.schedule(20);
    await jest.advanceTimersByTimeAsync(10);
    sut.schedule(20); // within the first request's delay: the same run
    sut.schedule(20);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await sut.stop();
    sut.schedule(0);
    sut.every(10);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
  });

  it('should run on its timer, the first time after firstAfterMs, and not at all for an interval of 0', async () => {
    jest.useFakeTimers();
    let runs = 0;
    const sut = new BackgroundJob('timer', async () => ++runs);
    sut.every(1000, 100);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(900);
    expect(runs).toBe(2);
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
    await sut.stop();
    let off = 0;
    const never = new BackgroundJob('off', async () => ++off);
    never.every(0);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(off).toBe(0);
  });

  it('should keep running after a failed run and log it', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let runs = 0;
    const sut = new BackgroundJob('flaky', async () => {
      if (++runs === 1) throw new Error('boom');
      return runs;
    });
    // Asked for directly, the failure goes to the caller.
    await expect(sut.run()).rejects.toThrow('boom');
    await expect(sut.run()).resolves.toBe(2);
    // On its timer, the failure is logged and the next tick runs again.
    runs = 0;
    sut.every(50);
    await jest.advanceTimersByTimeAsync(50);
    expect(warn).toHaveBeenCalledWith('flaky failed: boom');
    await jest.advanceTimersByTimeAsync(50);
    expect(runs).toBe(2);
    await sut.stop();
  });

  it('should let a run in progress finish when stopped', async () => {
    const g = gate();
    let finished = false;
    const sut = new BackgroundJob('finish', async () => {
      await g.opened;
      finished = true;
    });
    const run = sut.run();
    const stopped = sut.stop();
    g.open();
    await stopped;
    expect(finished).toBe(true);
    await run;
  });

  describe('draining', () => {
    it('should take batches until one comes back short, and say how many items it took', async () => {
      const sizes = [3, 3, 1, 3];
      const sut = BackgroundJob.draining('drain', { batch: async () => sizes.shift() ?? 0, batchSize: 3 });
      await expect(sut.run()).resolves.toBe(7);
      expect(sizes).toEqual([3]);
    });

    it('should run each batch in a transaction of its own', async () => {
      const calls: string[] = [];
      const txHost = { withTransaction: async <R>(fn: () => Promise<R>) => (calls.push('tx'), fn()) };
      let left = 5;
      const batch = async () => {
        calls.push('batch');
        const n = Math.min(2, left);
        left -= n;
        return n;
      };
      await expect(drainBatches({ batch, batchSize: 2, txHost: txHost as never })).resolves.toBe(5);
      expect(calls).toEqual(['tx', 'batch', 'tx', 'batch', 'tx', 'batch']);
    });

    it('should take no further batch once the job is stopped, and follow each drain with its total', async () => {
      const g = gate();
      let batches = 0;
      const totals: number[] = [];
      const sut = BackgroundJob.draining(
        'stoppable',
        {
          batch: async () => {
            batches++;
            await g.opened;
            return 10;
          },
          batchSize: 10,
        },
        (total) => void totals.push(total),
      );
      const run = sut.run();
      const stopped = sut.stop();
      g.open();
      await stopped;
      await expect(run).resolves.toBe(10);
      expect(batches).toBe(1);
      expect(totals).toEqual([10]);
      await expect(sut.run()).resolves.toBe(0);
      expect(batches).toBe(1);
    });
  });

  it('should read an interval from the environment, with a default', () => {
    process.env.VANGNET_TEST_INTERVAL_MS = '0';
    expect(intervalFromEnv('VANGNET_TEST_INTERVAL_MS', 60_000)).toBe(0);
    delete process.env.VANGNET_TEST_INTERVAL_MS;
    expect(intervalFromEnv('VANGNET_TEST_INTERVAL_MS', 60_000)).toBe(60_000);
  });
});
