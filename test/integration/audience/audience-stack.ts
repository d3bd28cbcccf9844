import { loadConfig } from '@hub/config';
import { TestRun } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

/** Audience behind the gateway, and delivery when a test reads the mail back from Mailpit; all in this process. */
export interface AudienceStack {
  audience: InProcessApp;
  gateway: InProcessApp;
  delivery?: InProcessApp;
  close(): Promise<void>;
}

export async function startAudienceStack(run: TestRun, options: { delivery: boolean; audienceEnv?: Record<string, string> }): Promise<AudienceStack> {
  const audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env({ CONFIRMATION_RESEND_MINUTES: '0', ...options.audienceEnv }))));
  const gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: audience.url }))), hardenGateway);
  const delivery = options.delivery ? await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env()))) : undefined;
  return {
    audience,
    gateway,
    delivery,
    close: async () => {
      await delivery?.close();
      await gateway.close();
      await audience.close();
    },
  };
}
