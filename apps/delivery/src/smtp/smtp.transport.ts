import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryConfig } from '../delivery.config';

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
  /** Sent as the `text/calendar; method=…` alternative that calendar clients act on. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * Why a send failed, in the terms the queue acts on: never again (5xx), later (other 4xx, broken connections), or
 * later and slower for everyone (421 and "too many"-style answers: the relay is protecting itself).
 */
export class SmtpSendError extends Error {
  readonly slowDown: boolean;

  constructor(
    message: string,
    readonly permanent: boolean,
    readonly response: string,
    code?: number,
  ) {
    super(message);
    this.name = 'SmtpSendError';
    this.slowDown = !permanent && (code === 421 || /too many|rate limit|slow down|try again later/i.test(response));
  }
}

/** A pooled SMTP connection to the relay. 5xx answers are permanent; 4xx answers and broken connections are not. */
@Injectable()
export class SmtpTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.transporter = nodemailer.createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_POOL_CONNECTIONS,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as SMTPPool.Options);
  }

  async send(message: OutgoingMessage): Promise<string> {
    try {
      const info = await this.transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        headers: message.headers,
        icalEvent: message.calendar && { method: message.calendar.method, content: message.calendar.content, filename: 'invite.ics' },
      });
      return info.response;
    } catch (error) {
      const smtpError = error as { responseCode?: number; response?: string; message: string };
      const code = smtpError.responseCode;
      throw new SmtpSendError(smtpError.message, code !== undefined && code >= 500, smtpError.response ?? smtpError.message, code);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
