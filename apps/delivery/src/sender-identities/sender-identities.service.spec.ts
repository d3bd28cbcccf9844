import type { DeliveryConfig } from '../delivery.config';
import { SenderIdentitiesService } from './sender-identities.service';
import type { SenderIdentity } from './sender-identity.schema';
import type { SenderIdentityRepository } from './sender-identity.repository';

describe('SenderIdentitiesService', () => {
  const config = { MAIL_FROM: 'Nordic Network Hub <no-reply@hub.example>' } as DeliveryConfig;
  const profile = (overrides: Partial<SenderIdentity>): SenderIdentity => ({
    _id: 'n1', networkName: 'Klimatkommunerna', slug: 'klimat', fromName: 'Klimatkommunerna', fromAddress: 'info@klimat.example', replyTo: 'kansli@klimat.example', version: 1, ...overrides,
  });
  const serviceWith = (row: SenderIdentity | null) => {
    const findById = jest.fn().mockResolvedValue(row);
    return { service: new SenderIdentitiesService(config, { findById } as unknown as SenderIdentityRepository), findById };
  };

  it("sends from the network's address, name and reply-to", async () => {
    const { service } = serviceWith(profile({}));
    expect(await service.forNetwork('n1')).toEqual({
      from: { name: 'Klimatkommunerna', address: 'info@klimat.example' },
      replyTo: 'kansli@klimat.example',
      network: { name: 'Klimatkommunerna', slug: 'klimat' },
    });
  });

  it('falls back to MAIL_FROM while the network has no sender address, keeping its name', async () => {
    const { service } = serviceWith(profile({ fromAddress: '', fromName: 'Klimat', replyTo: null }));
    expect(await service.forNetwork('n1')).toMatchObject({ from: { name: 'Klimat', address: 'no-reply@hub.example' }, replyTo: undefined });
  });

  it('uses MAIL_FROM entirely for a network whose profile has not arrived', async () => {
    const { service } = serviceWith(null);
    expect(await service.forNetwork('n1')).toEqual({ from: { name: 'Nordic Network Hub', address: 'no-reply@hub.example' }, replyTo: undefined, network: null });
  });

  it('reads the profile again only after a few seconds', async () => {
    const { service, findById } = serviceWith(profile({}));
    await service.forNetwork('n1', 1_000);
    await service.forNetwork('n1', 2_000);
    expect(findById).toHaveBeenCalledTimes(1);
    await service.forNetwork('n1', 7_000);
    expect(findById).toHaveBeenCalledTimes(2);
  });
});
