import { runService } from '@hub/runtime';
import { deliveryConfigSchema } from './delivery.config';
import { DeliveryModule } from './delivery.module';

runService('delivery', deliveryConfigSchema, (config) => DeliveryModule.forRoot(config), (config) => ({ port: config.PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS }));
