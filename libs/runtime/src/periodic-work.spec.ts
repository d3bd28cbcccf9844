import { PeriodicWork } from './periodic-work';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class CountingWork extends PeriodicWork {
  runs = 0;

  protected get intervalMs(): number {
    return 10;
  }

  protected async run(): Promise<void> {
    this.runs++;
  }
}

describe('PeriodicWork', () => {
  it('runs when the application starts, then every interval, and not after the module is destroyed', async () => {
    const work = new CountingWork();
    work.onApplicationBootstrap();
    expect(work.runs).toBe(1);
    await tick(60);
    await work.onModuleDestroy();
    const after = work.runs;
    expect(after).toBeGreaterThanOrEqual(2);
    await tick(40);
    expect(work.runs).toBe(after);
  });
});
