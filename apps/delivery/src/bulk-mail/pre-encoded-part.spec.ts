import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encode, wrap } from 'nodemailer/lib/qp';
import { PreEncodedPart } from './pre-encoded-part';

const PLACEHOLDERS = ['%%UNSUBSCRIBE_URL%%', '%%PREFERENCES_URL%%'];
const fill = (line: string) => line.replaceAll('%%UNSUBSCRIBE_URL%%', 'https://hub.example/unsubscribe/one-click?token=a.b-c_d%3D&lang=nb').replaceAll('%%PREFERENCES_URL%%', 'https://hub.example/preferences?token=x=y');

// What a newsletter body holds: long inlined-style lines, Nordic letters, emoji, "=", trailing blanks before a
// line break, a placeholder deep inside a long line, blank lines, and no newline at the very end.
const body = [
  '<!doctype html><html lang="nb"><head><meta charset="utf-8"><style>a{color:#0b6e4f}</style></head>',
  `<body style="margin:0;padding:0;background:#f4f4f4"><table role="presentation" width="100%" style="border-collapse:collapse">${' '.repeat(3)}`,
  '<tr><td style="padding:24px;font-family:Arial,sans-serif">Klimanettverket i Innlandet: førjulssamling på Hamar, 1–2 desember 🎄 — påmelding er åpen. Velkommen!</td></tr>  ',
  '',
  'a=b and =3D are not encodings, æøå ÆØÅ äö ÄÖ',
  `<p style="font-size:12px;color:#555">${'Du får denne e-posten fordi du abonnerer. '.repeat(3)}<a href="%%UNSUBSCRIBE_URL%%" target="_blank">Meld av</a> &middot; <a href="%%PREFERENCES_URL%%" target="_blank">Innstillinger</a></p>`,
  '</td></tr></table></body></html>',
].join('\n');

const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);

describe('PreEncodedPart', () => {
  const part = new PreEncodedPart('text/html; charset=utf-8', body, PLACEHOLDERS);

  it('joins into exactly what encoding the whole filled body gives', () => {
    const whole = wrap(encode(Buffer.from(fill(body).replace(/\n/g, '\r\n'), 'utf8')), 76);
    expect(bodyOf(part.forCopy(fill).raw)).toBe(whole);
  });

  it('keeps every encoded line within 76 characters', () => {
    for (const line of bodyOf(part.forCopy(fill).raw).split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('reads back, through nodemailer and a mail parser, as the filled body, each copy with its own links', async () => {
    const other = (line: string) => line.replaceAll('%%UNSUBSCRIBE_URL%%', 'https://hub.example/u2').replaceAll('%%PREFERENCES_URL%%', 'https://hub.example/p2');
    for (const filler of [fill, other]) {
      const message = await new MailComposer({ from: 'a@hub.example', to: 'b@example.test', subject: 'Nyhetsbrev', html: part.forCopy(filler) as never, text: 'tekst' }).compile().build();
      const parsed = await simpleParser(message);
      expect((parsed.html as string).replace(/\r\n/g, '\n')).toBe(filler(body));
      expect(message.toString()).toContain('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable');
    }
  });

  it('encodes a body without placeholders once, whole', () => {
    const plain = new PreEncodedPart('text/plain; charset=utf-8', 'Hei på deg\nHa en fin dag', PLACEHOLDERS);
    expect(bodyOf(plain.forCopy(() => { throw new Error('no personal line to fill'); }).raw)).toBe('Hei p=C3=A5 deg\r\nHa en fin dag');
  });
});
