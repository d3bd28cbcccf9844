import { OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type DKIM from 'nodemailer/lib/dkim';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { smtpPoolOptions } from './smtp-connection.options';

/** A body's MIME part, headers and encoded content, prepared by the caller: nodemailer writes it as it is. */
export interface RawPart {
  raw: string;
}

/** Given as name and address, never as one string, so nodemailer quotes and encodes the name (æøå, quotes, CR/LF). */
export interface MailAddress {
  name: string;
  address: string;
}

export interface OutgoingMessage {
  from: MailAddress;
  replyTo?: string;
  to: string;
  subject: string;
  /** A body, or its MIME part already encoded (see PreEncodedPart), which nodemailer writes as it is. */
  html: string | RawPart;
  text: string | RawPart;
  messageId: string;
  /** `prepared` values go out as they are (already encoded, only folded): for headers nodemailer would mis-encode. */
  headers?: Record<string, string | { prepared: true; foldLines: true; value: string }>;
  /** SMTP MAIL FROM (the VERP return path that bounces go to); the From address when absent. */
  envelopeFrom?: string;
  /** Sent as the `text/calendar; method=…` alternative that calendar clients act on. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** A message built by SmtpTransport.build, ready for the wire. */
export interface BuiltMessage {
  envelope: { from: string | false; to: string[] };
  raw: Buffer;
}

/**
 * Why a send failed, in the terms the queue acts on: never again (5xx), later (other 4xx, broken connections), or
 * later and slower for everyone (421 and "too many"-style answers: the relay is protecting itself).
 */
export class SmtpSendError extends Error {
  readonly slowDown: boolean;
  /**
   * The relay went silent mid-session (nodemailer's socket timeout): it may have taken the message and hung before
   * its 250. Sending again could deliver twice, so such a message is left for a person to decide, as unknown.
   */
  readonly ambiguous: boolean;

  constructor(
    message: string,
    readonly permanent: boolean,
    readonly response: string,
    code?: number,
    ambiguous = false,
  ) {
    super(message);
    this.name = 'SmtpSendError';
    this.slowDown = !permanent && (code === 421 || /too many|rate limit|slow down|try again later/i.test(response));
    this.ambiguous = ambiguous;
  }
}

/**
 * A pool of SMTP connections to the relay; each queue has its own (see SmtpModule). 5xx answers are permanent; 4xx
 * answers and broken connections are not (a relay queues a message only before it answers 250, so a connection that
 * broke before the answer did not deliver it, short of RFC 1047's narrow window). A relay that stops answering is
 * ambiguous (see SmtpSendError).
 *
 * Each message is first built whole (and DKIM-signed) by nodemailer's own composer into one buffer, then handed to
 * the pool as it is: streamed, nodemailer writes a message to the socket in dozens of small pieces, and on a 2-core
 * machine those writes cost more than building the message.
 */
export class SmtpTransport implements OnApplicationShutdown {
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(url: string, connections: number, socketTimeoutMs: number, dkim?: DKIM.SingleKeyOptions) {
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, dkim });
    this.transporter = nodemailer.createTransport(smtpPoolOptions(url, connections, socketTimeoutMs));
  }

  /** The whole message as it goes on the wire, signed; before any claim, so that a message that cannot be built is never claimed. */
  async build(message: OutgoingMessage): Promise<BuiltMessage> {
    const built = await this.composer.sendMail({
      from: message.from,
      replyTo: message.replyTo,
      to: message.to,
      envelope: message.envelopeFrom ? { from: message.envelopeFrom, to: message.to } : undefined,
      subject: message.subject,
      // A `{ raw }` body is a MIME part nodemailer's composer writes as it is (mail-composer reads `html.raw` and
      // `text.raw` as it does an attachment's); @types/nodemailer leaves `raw` out of these two.
      html: message.html as Mail.Options['html'],
      text: message.text as Mail.Options['text'],
      messageId: message.messageId,
      // Said, not detected: nodemailer's detection counts every letter of each part with a global regex match (an
      // array of one-letter strings per body), 16 % of delivery's CPU in a newsletter send. Quoted-printable is what
      // it picks for Nordic and English text anyway, and stays readable in the raw message.
      textEncoding: 'quoted-printable',
      headers: message.headers,
      icalEvent: message.calendar && { method: message.calendar.method, content: message.calendar.content, filename: 'invite.ics' },
    });
    return { envelope: built.envelope, raw: built.message as Buffer };
  }

  async send(message: BuiltMessage): Promise<string> {
    try {
      const info = await this.transporter.sendMail({ envelope: message.envelope, raw: message.raw });
      return info.response;
    } catch (error) {
      const smtpError = error as { responseCode?: number; response?: string; message: string; code?: string };
      const code = smtpError.responseCode;
      // nodemailer's own wording for its socket timeout, as against 'Connection timeout' and 'Greeting never received'.
      const wentSilent = smtpError.code === 'ETIMEDOUT' && smtpError.message === 'Timeout';
      throw new SmtpSendError(smtpError.message, code !== undefined && code >= 500, smtpError.response ?? smtpError.message, code, wentSilent);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
