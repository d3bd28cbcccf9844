import { PeriodicTask } from './periodic-task';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTask', () => {
  it('runs at start and then every interval, never two runs at once, and goes on after a failure', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const task = new PeriodicTask('test', 10, async () => {
      runs++;
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick(35);
      running--;
      if (runs === 1) throw new Error('first run fails');
    });
    task.start();
    expect(runs).toBe(1);
    await tick(150);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
  });

  it('stop() waits for the run in hand and starts no new one', async () => {
    let finished = false;
    let runs = 0;
    const task = new PeriodicTask('test', 5, async () => {
      runs++;
      await tick(40);
      finished = true;
    });
    task.start();
    await task.stop();
    expect(finished).toBe(true);
    await tick(30);
    expect(runs).toBe(1);
  });
});
