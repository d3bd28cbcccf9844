import { AddressInfo, createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SmtpSendError, SmtpTransport } from './smtp.transport';

const message = {
  from: { name: 'Kansliet', address: 'kansliet@hub.example' },
  to: 'someone@hub.example',
  subject: 'Hei',
  html: '<p>Hei</p>',
  text: 'Hei',
  messageId: '<1@hub.example>',
};

async function failureOf(url: string): Promise<SmtpSendError> {
  const transport = new SmtpTransport(url, 1, 300);
  try {
    await transport.send(await transport.build(message));
    throw new Error('the send succeeded');
  } catch (error) {
    expect(error).toBeInstanceOf(SmtpSendError);
    return error as SmtpSendError;
  } finally {
    transport.onApplicationShutdown();
  }
}

describe('SmtpTransport failures', () => {
  it('calls a relay that took the message and went silent ambiguous: it may have kept it', async () => {
    const relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Reads the whole message and never answers the end of DATA.
      onData: (stream) => stream.resume(),
    });
    relay.on('error', () => undefined);
    await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
    try {
      const { port } = relay.server.address() as AddressInfo;
      const failure = await failureOf(`smtp://127.0.0.1:${port}`);
      expect({ ambiguous: failure.ambiguous, permanent: failure.permanent }).toEqual({ ambiguous: true, permanent: false });
    } finally {
      await new Promise<void>((closed) => relay.close(closed));
    }
  });

  it('calls a refused connection temporary and unambiguous: nothing reached the relay', async () => {
    const probe = createServer();
    await new Promise<void>((listening) => probe.listen(0, '127.0.0.1', listening));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((closed) => probe.close(() => closed()));
    const failure = await failureOf(`smtp://127.0.0.1:${port}`);
    expect({ ambiguous: failure.ambiguous, permanent: failure.permanent }).toEqual({ ambiguous: false, permanent: false });
  });
});

describe('SmtpTransport.build', () => {
  it('encodes every text part quoted-printable, whatever the share of non-ASCII, and the result reads back the same', async () => {
    const transport = new SmtpTransport('smtp://127.0.0.1:1', 1, 300);
    try {
      // Mostly non-Latin text: nodemailer's own detection would have chosen base64 for it.
      const text = `${'æøå ÆØÅ äö ü ☃ '.repeat(40)}\nLast line`;
      const built = await transport.build({ ...message, subject: 'Påminnelse: høstmøte – syysseminaari', html: `<p>${text}</p>`, text });
      const raw = built.raw.toString('utf8');
      const encodings = [...raw.matchAll(/Content-Transfer-Encoding: (\S+)/gi)].map((match) => match[1].toLowerCase());
      expect(encodings).toEqual(['quoted-printable', 'quoted-printable']);
      expect(raw).toMatch(/^Subject: =\?UTF-8\?Q\?/m);
      const parsed = await simpleParser(built.raw);
      expect({ subject: parsed.subject, text: parsed.text, html: parsed.html }).toEqual({ subject: 'Påminnelse: høstmøte – syysseminaari', text, html: `<p>${text}</p>` });
    } finally {
      transport.onApplicationShutdown();
    }
  });
});
