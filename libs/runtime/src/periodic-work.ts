import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

/**
 * A provider whose `run()` happens at start-up and then every `intervalMs`, and stops with the application: the
 * sweeps, reconcilers and schedulers. Failures are PeriodicTask's to log; the next run tries again.
 */
export abstract class PeriodicWork implements OnApplicationBootstrap, OnModuleDestroy {
  private task: PeriodicTask | undefined;

  protected abstract get intervalMs(): number;

  protected abstract run(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.task = new PeriodicTask(this.constructor.name, this.intervalMs, () => this.run());
    this.task.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
