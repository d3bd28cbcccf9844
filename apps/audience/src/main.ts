import { runService } from '@hub/runtime';
import { audienceConfigSchema } from './audience.config';
import { AudienceModule } from './audience.module';

runService('audience', audienceConfigSchema, (config) => AudienceModule.forRoot(config), (config) => ({ port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }));
