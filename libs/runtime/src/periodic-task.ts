import { Logger } from '@nestjs/common';

/**
 * Work that repairs or advances stored state on a schedule (sweeps, reconcilers): runs at start-up and then every
 * interval, never two runs at once, a failure logged and retried at the next tick, and stop() waits for the run in
 * hand so shutdown does not cut it off against closed connections. The state is in the database, so any number of
 * replicas may run the same task.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`run failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
