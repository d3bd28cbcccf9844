import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { AudienceConfig } from '../audience.config';

/**
 * The hashes audience keeps as proof without keeping the data: of a client IP in the consent log, and of an erased
 * address in the suppression list. HMAC-SHA256 keyed with a pepper derived from LINK_SIGNING_SECRET, so that
 * nobody holding only the database can test guesses (IPv4 space, address lists) against them.
 */
@Injectable()
export class ProofHashes {
  private readonly pepper: Buffer;

  constructor(@Inject(APP_CONFIG) config: AudienceConfig) {
    this.pepper = createHmac('sha256', config.LINK_SIGNING_SECRET).update('audience proof-hash pepper v1').digest();
  }

  ip(ip: string | null): string | null {
    return ip ? createHmac('sha256', this.pepper).update(`ip|${ip}`).digest('hex') : null;
  }

  /** Stable per network and canonical address: the same person in two networks gets two unrelated hashes. */
  address(networkId: string, email: string): string {
    return createHmac('sha256', this.pepper).update(`address|${networkId}|${email}`).digest('hex');
  }
}
