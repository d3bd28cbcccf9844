import { runService } from '@hub/runtime';
import { gatewayConfigSchema } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { hardenGateway } from './security/http-hardening';

runService('gateway', gatewayConfigSchema, (config) => GatewayModule.forRoot(config), (config) => ({ port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, bodyLimit: '64kb', configure: hardenGateway }));
