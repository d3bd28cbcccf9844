import { loadConfig } from '@hub/config';
import type { TestRun } from '@hub/testing';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

/** Scheduling behind the gateway, with delivery when a test reads the mail; the demo owner signed in. */
export interface SchedulingStack {
  scheduling: InProcessApp;
  gateway: InProcessApp;
  delivery?: InProcessApp;
  owner: GatewayClient;
  /** The signed-in owner's network. */
  slug: string;
  close(): Promise<void>;
}

export async function startSchedulingStack(run: TestRun, options: { delivery: boolean; schedulingEnv?: Record<string, string> }): Promise<SchedulingStack> {
  const scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env(options.schedulingEnv))));
  const delivery = options.delivery ? await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env()))) : undefined;
  const gateway = await startInProcess(
    GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: 'http://127.0.0.1:9', SCHEDULING_URL: scheduling.url }))),
    hardenGateway,
  );
  const owner = new GatewayClient(gateway.url);
  const signIn = await owner.signIn(DEMO_COORDINATORS[0].email, DEMO_COORDINATORS[0].password);
  if (signIn.status !== 200) throw new Error(`demo owner sign-in answered ${signIn.status}`);
  const { slug } = (await (await owner.request('GET', '/api/v1/network')).json()) as { slug: string };
  return {
    scheduling,
    gateway,
    delivery,
    owner,
    slug,
    close: async () => {
      await gateway.close();
      await delivery?.close();
      await scheduling.close();
    },
  };
}
