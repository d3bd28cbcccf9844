import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per app instance (not prom-client's global one), so that several apps started in one test process
 * keep their own figures.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly kafkaConsumerLag = new Gauge({
    name: 'kafka_consumer_lag_messages',
    help: 'Messages behind the end of the partition after the last processed batch',
    labelNames: ['topic', 'partition'],
    registers: [this.registry],
  });

  readonly kafkaEventsHandled = new Counter({
    name: 'kafka_events_handled_total',
    help: 'Events handled, by outcome (applied, duplicate, dead-lettered)',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  readonly emailsSent = new Counter({
    name: 'emails_sent_total',
    help: 'Emails accepted by the SMTP server',
    labelNames: ['queue'],
    registers: [this.registry],
  });

  readonly emailsFailed = new Counter({
    name: 'emails_failed_total',
    help: 'Emails that failed, by permanence',
    labelNames: ['queue', 'permanent'],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read at scrape time',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });

  private readonly beforeScrape: Array<() => Promise<void>> = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Lets a module refresh gauges that are cheaper to read on demand than to track (queue depth). */
  onScrape(refresh: () => Promise<void>): void {
    this.beforeScrape.push(refresh);
  }

  async render(): Promise<string> {
    await Promise.allSettled(this.beforeScrape.map((refresh) => refresh()));
    return this.registry.metrics();
  }
}
