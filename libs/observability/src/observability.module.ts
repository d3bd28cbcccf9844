import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_HEADER, Correlation } from './correlation';
import { CorrelationMiddleware } from './correlation.middleware';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsRegistry } from './metrics.registry';
import { ReadinessRegistry } from './readiness.registry';

export interface ObservabilityOptions {
  service: string;
  level: string;
  pretty: boolean;
}

/** Structured logs with correlation ids, /health/live, /health/ready and /metrics, the same in every app. */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.service,
            level: options.level,
            // Every line, from HTTP or Kafka or a job, carries the id of the user action it belongs to.
            mixin: () => {
              const scope = Correlation.current();
              return scope ? { correlationId: scope.correlationId } : {};
            },
            // pino-http's middleware runs before ours, so the id is settled here and CorrelationMiddleware adopts it.
            genReqId: (req, res) => {
              const id = Correlation.sanitize(req.headers[CORRELATION_HEADER]) ?? randomUUID();
              req.headers[CORRELATION_HEADER] = id;
              res.setHeader(CORRELATION_HEADER, id);
              return id;
            },
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-internal-secret"]'],
            transport: options.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
        }),
      ],
      controllers: [HealthController],
      providers: [MetricsRegistry, ReadinessRegistry],
      exports: [MetricsRegistry, ReadinessRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
