import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryConfig } from '../delivery.config';
import { parseDeliveryReport } from './delivery-report.parser';
import { DeliveryFeedbackService } from './delivery-feedback.service';
import { ReturnPath } from './return-path.service';

/** An SMTP error with the reply code smtp-server answers it with. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound SMTP endpoint of the bounce domain. It takes mail only for return paths this hub signed (anything else
 * is refused at RCPT, so it is no open relay and no inbox), reads DSNs and ARF reports, and hands them on. A report
 * it cannot store yet gets a 451, so the reporting server tries again later.
 */
@Injectable()
export class BounceMailboxServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BounceMailboxServer.name);
  private server: SMTPServer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly returnPath: ReturnPath,
    private readonly feedback: DeliveryFeedbackService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.returnPath.enabled || this.config.BOUNCE_SMTP_PORT === 0) return;
    const server = new SMTPServer({
      name: this.config.BOUNCE_DOMAIN,
      banner: 'bounce processing only',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: this.config.BOUNCE_MAX_MESSAGE_BYTES,
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(this.returnPath.verifyAddress(address.address) ? null : reply(550, '5.1.1 No such mailbox here')),
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(null),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (error) => this.logger.warn(`bounce mailbox: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.BOUNCE_SMTP_PORT, this.config.BOUNCE_SMTP_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`bounce mailbox listening on ${this.config.BOUNCE_SMTP_HOST}:${this.config.BOUNCE_SMTP_PORT}`);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw reply(552, `5.3.4 Reports are limited to ${this.config.BOUNCE_MAX_MESSAGE_BYTES} bytes`);
    const report = await parseDeliveryReport(Buffer.concat(chunks));
    if (!report) {
      // Accepted and dropped: refusing an auto-reply would only send a bounce of the bounce back.
      this.logger.log('a message to a return path that is neither a DSN nor an ARF report was ignored');
      return;
    }
    try {
      for (const recipient of session.envelope.rcptTo) {
        const message = await this.returnPath.find(this.returnPath.verifyAddress(recipient.address)!);
        if (!message) {
          this.logger.warn('a report for a return path with no record was ignored');
          continue;
        }
        await this.feedback.receive(
          message,
          report.kind === 'bounce'
            ? { kind: 'bounce', via: 'dsn', hard: report.hard, status: report.status, diagnostic: report.diagnostic, fingerprint: report.fingerprint }
            : { kind: 'complaint', via: 'arf', feedbackType: report.feedbackType, fingerprint: report.fingerprint },
        );
      }
    } catch (error) {
      this.logger.warn(`could not record a report: ${(error as Error).message}`);
      throw reply(451, '4.3.0 Try again later');
    }
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
