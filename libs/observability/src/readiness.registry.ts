import { Injectable } from '@nestjs/common';

export type ReadinessProbe = () => Promise<void>;

/**
 * The dependencies an app cannot serve without. Modules register a probe for what they own (MongoDB, Kafka,
 * Redis); /health/ready runs them all, so the health endpoint never needs to know which app it is in.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  entries(): Array<[string, ReadinessProbe]> {
    return [...this.probes.entries()];
  }
}
