import { ClsModule, ClsServiceManager } from 'nestjs-cls';
import { Test } from '@nestjs/testing';
import { BackgroundJob } from './background-job';

describe(BackgroundJob.name, () => {
  beforeAll(async () => {
    // The job runs in a CLS context of its own, which needs nestjs-cls set up as in a service.
    await Test.createTestingModule({ imports: [ClsModule.forRoot({ global: true })] }).compile();
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
    let runs = 0;
    const sut = new BackgroundJob('soon', async () => ++runs);
    sut.schedule(20);
    sut.schedule(20);
    sut.schedule(20);
    await new Promise((r) => setTimeout(r, 80));
    expect(runs).toBe(1);
    await sut.stop();
    sut.schedule(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(1);
  });

  it('should keep running after a failed run and log it', async () => {
    let runs = 0;
    const sut = new BackgroundJob('flaky', async () => {
      if (++runs === 1) throw new Error('boom');
      return runs;
    });
    await expect(sut.run()).rejects.toThrow('boom');
    await expect(sut.run()).resolves.toBe(2);
  });
});
