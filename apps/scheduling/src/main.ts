import { runService } from '@hub/runtime';
import { schedulingConfigSchema } from './scheduling.config';
import { SchedulingModule } from './scheduling.module';

runService('scheduling', schedulingConfigSchema, (config) => SchedulingModule.forRoot(config), (config) => ({ port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }));
