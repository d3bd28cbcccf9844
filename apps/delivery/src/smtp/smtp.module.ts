import { Module } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryConfig } from '../delivery.config';
import { dkimSigning } from './dkim';
import { SmtpTransport } from './smtp.transport';

/** Separate pools, so a newsletter backlog never holds the connection a confirmation is waiting for. */
export const TRANSACTIONAL_SMTP = Symbol('TRANSACTIONAL_SMTP');
export const BULK_SMTP = Symbol('BULK_SMTP');

@Module({
  providers: [
    { provide: TRANSACTIONAL_SMTP, inject: [APP_CONFIG], useFactory: (config: DeliveryConfig) => new SmtpTransport(config.SMTP_URL, config.SMTP_POOL_CONNECTIONS, config.SMTP_SOCKET_TIMEOUT_SECONDS * 1000, dkimSigning(config)) },
    { provide: BULK_SMTP, inject: [APP_CONFIG], useFactory: (config: DeliveryConfig) => new SmtpTransport(config.SMTP_URL, config.BULK_SMTP_POOL_CONNECTIONS, config.SMTP_SOCKET_TIMEOUT_SECONDS * 1000, dkimSigning(config)) },
  ],
  exports: [TRANSACTIONAL_SMTP, BULK_SMTP],
})
export class SmtpModule {}
