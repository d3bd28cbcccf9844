import { runService } from '@hub/runtime';
import { campaignsConfigSchema } from './campaigns.config';
import { CampaignsModule } from './campaigns.module';

runService('campaigns', campaignsConfigSchema, (config) => CampaignsModule.forRoot(config), (config) => ({ port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }));
