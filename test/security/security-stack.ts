import { loadConfig } from '@hub/config';
import type { TestRun } from '@hub/testing';
import { audienceConfigSchema } from '../../apps/audience/src/audience.config';
import { AudienceModule } from '../../apps/audience/src/audience.module';
import { deliveryConfigSchema } from '../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../apps/delivery/src/delivery.module';
import { DEMO_COORDINATORS } from '../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../apps/gateway/src/security/http-hardening';
import { schedulingConfigSchema } from '../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../apps/scheduling/src/scheduling.module';
import { GatewayClient } from '../support/gateway-client';
import { InProcessApp, startInProcess } from '../support/in-process-app';

/**
 * What an attacker reaches: the gateway in front of audience and scheduling, and delivery sending real mail to
 * Mailpit, all in this process on the run's private corner of the stack. `env` overrides settings of every
 * service (the rate limits under test).
 */
export interface SecurityStack {
  gateway: InProcessApp;
  audience: InProcessApp;
  scheduling: InProcessApp;
  delivery: InProcessApp;
  /** A client signed in as the demo owner of the first demo network. */
  owner: GatewayClient;
  close(): Promise<void>;
}

export async function startSecurityStack(run: TestRun, env: Record<string, string> = {}): Promise<SecurityStack> {
  const audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env(env))));
  const scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env(env))));
  const delivery = await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env(env))));
  const gateway = await startInProcess(
    GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: audience.url, SCHEDULING_URL: scheduling.url, ...env }))),
    hardenGateway,
  );
  const owner = new GatewayClient(gateway.url);
  const signIn = await owner.signIn(DEMO_COORDINATORS[0].email, DEMO_COORDINATORS[0].password);
  if (signIn.status !== 200) throw new Error(`demo owner sign-in answered ${signIn.status}`);
  return {
    gateway,
    audience,
    scheduling,
    delivery,
    owner,
    close: async () => {
      await gateway.close();
      await delivery.close();
      await scheduling.close();
      await audience.close();
    },
  };
}

/** The raw RFC 5322 source of a message as Mailpit received it. */
export async function rawMessage(mailpitUrl: string, id: string): Promise<string> {
  return (await fetch(`${mailpitUrl}/api/v1/message/${id}/raw`)).text();
}

/** The header block of a raw message, unfolded, as [name, value] pairs. */
export function headerLines(raw: string): Array<[string, string]> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
}
