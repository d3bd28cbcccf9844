import { TestRun } from '@hub/testing';
import { HubProcesses } from '../../support/hub-processes';
import { READY_MS } from '../../integration/campaigns/start-slowly';

type ServiceName = Parameters<HubProcesses['spawn']>[0];

/** One scenario's own corner of a shared hub: the addresses it uses, so it counts only its own work. */
export interface Scenario {
  readonly tag: string;
  /** An address only this scenario uses. */
  email(local: string): string;
  /** Whether an address at the sink is one of this scenario's. */
  owns(address: string): boolean;
}

/**
 * One hub for all the scenarios of a chaos file: started once, kept whole between scenarios, stopped and its data
 * dropped at the end. Starting the services and stopping them again for every scenario was 7 to 15 s of a 20 to 30 s
 * row; each scenario now works on addresses, lists and events of its own (`scenario()`), so no row counts another's
 * work, and a scenario that SIGKILLs a service brings it back with the same environment (`killAndRestart`).
 */
export class ChaosHub {
  readonly run = new TestRun();
  readonly processes = new HubProcesses(this.run);
  private envOf: Partial<Record<ServiceName, Record<string, string>>> = {};
  private scenarios = 0;

  /** Starts `groups` one after the other (the services of a group together), each service with its `envOf`. */
  async start(groups: ServiceName[][], envOf: Partial<Record<ServiceName, Record<string, string>>>): Promise<void> {
    this.envOf = envOf;
    // Assigns every service its port, so each one started knows where the others will be.
    await this.processes.start([]);
    for (const group of groups) {
      for (const name of group) this.processes.spawn(name, envOf[name] ?? {});
      await Promise.all(group.map((name) => this.processes.waitReady(name, READY_MS)));
    }
  }

  url(name: ServiceName): string {
    return this.processes.url(name);
  }

  /**
   * Marks the start of a scenario: brings back any service an earlier scenario left dead (so that one failure does
   * not fail every row after it) and names the scenario's addresses.
   */
  async scenario(): Promise<Scenario> {
    for (const name of Object.keys(this.envOf) as ServiceName[]) {
      if (!this.processes.isRunning(name)) await this.respawn(name);
    }
    this.scenarios += 1;
    const tag = `${this.run.id}s${this.scenarios}`;
    return { tag, email: (local) => `${local}.${tag}@example.test`, owns: (address) => address.includes(`.${tag}@`) };
  }

  /** A crash: SIGKILL (no shutdown hooks run), then the service started again as it was and waited for. */
  async killAndRestart(name: ServiceName): Promise<void> {
    await this.processes.kill(name, 'SIGKILL');
    await this.respawn(name);
  }

  async stop(): Promise<void> {
    await this.processes.stopAll();
    await this.run.cleanup();
  }

  private async respawn(name: ServiceName): Promise<void> {
    this.processes.spawn(name, this.envOf[name] ?? {});
    await this.processes.waitReady(name, READY_MS);
  }
}
