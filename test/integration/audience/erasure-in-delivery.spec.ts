import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { loadConfig } from '@hub/config';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { EventEnvelope, ContactErasedPayload, topicOf } from '@hub/contracts';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { ContactsService } from '../../../apps/audience/src/contacts/contacts.service';
import { ContactRepository } from '../../../apps/audience/src/subscriptions/contact.repository';
import { SubscriptionsService } from '../../../apps/audience/src/subscriptions/subscriptions.service';
import { ContactErasureHandler } from '../../../apps/delivery/src/delivery-log/contact-erasure.handler';
import { Delivery } from '../../../apps/delivery/src/delivery-log/delivery.schema';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;

/** Audience's erasure obeyed by delivery: through real Kafka, with each service's own database. */
describe('audience.contact.erased in delivery', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let audience: InProcessApp;
  let delivery: InProcessApp;

  beforeAll(async () => {
    audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env({ CONFIRMATION_RESEND_MINUTES: '0' }))));
    delivery = await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env())));
  });

  afterAll(async () => {
    await delivery?.close();
    await audience?.close();
    await run.cleanup();
  });

  it('anonymises the erased address’s rows in the delivery log, and only that address’s, idempotently', async () => {
    const deliveries = delivery.app.get<Model<Delivery>>(getModelToken(Delivery.name));
    const [erased, kept] = [run.email('erase-me'), run.email('keep-me')];
    const subscriptions = audience.app.get(SubscriptionsService);
    for (const email of [erased, kept]) await subscriptions.subscribe(network.id, { email, language: 'sv', listIds: [list.id] });
    await mailpit.waitForMessagesTo(erased, 1);
    await mailpit.waitForMessagesTo(kept, 1);
    const [before] = await waitFor('the delivery row of the confirmation', async () => {
      const rows = await deliveries.find({ recipient: erased }).lean<Delivery[]>().exec();
      return rows.length === 1 && rows[0].status === 'sent' ? rows : undefined;
    });

    const reader = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('audience.contact.erased', run.topicPrefix)).start();
    const contact = (await audience.app.get(ContactRepository).findByEmail(network.id, erased))!;
    await audience.app.get(ContactsService).erase(network.id, contact._id);

    const [after] = await waitFor('the row anonymised', async () => {
      const rows = await deliveries.find({ networkId: network.id, source: before.source }).lean<Delivery[]>().exec();
      return rows.length === 1 && rows[0].recipient !== erased ? rows : undefined;
    });
    expect(after).toMatchObject({ source: before.source, status: 'sent', messageId: before.messageId, recipient: expect.stringMatching(/^erased-/), job: null });
    expect(after._id).toBe(`${before.source}/${after.recipient}`);
    expect(JSON.stringify(await deliveries.find({ networkId: network.id }).lean().exec())).not.toContain(erased);
    expect(await deliveries.countDocuments({ recipient: kept })).toBe(1);

    // Handled again (a redelivery): nothing changes.
    const event = await waitFor('the erasure event', async () => {
      await Promise.resolve();
      return reader.messages.map((m) => JSON.parse(m.value!) as EventEnvelope<ContactErasedPayload>).find((e) => e.payload.email === erased);
    });
    await reader.stop();
    await delivery.app.get(ContactErasureHandler).onErased(event);
    expect(await deliveries.find({ networkId: network.id, source: before.source }).lean().exec()).toEqual([after]);
  });
});
