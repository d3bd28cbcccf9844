// Building one newsletter copy: the rendered issue with a recipient's own links, composed into a whole MIME message
// by nodemailer, as the bulk worker does before each send. Compares the issue's bodies handed to nodemailer whole
// (quoted-printable encoded again for every copy) with delivery's PreEncodedPart (encoded once per issue and
// language, only the lines with the recipient's links per copy). Prints the CPU per copy of each.
//   npm run bench -- newsletter-copy [copies]
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, printTable, root, writeResult } from './support/bench-kit.mjs';

const COPIES = Number(process.argv[2] ?? 2_000);
const WARM_UP = 200;

build();
const require = createRequire(import.meta.url);
const nodemailer = require('nodemailer');
const { NewsletterRenderer } = require(path.join(root, 'dist/libs/newsletter/src/index.js'));
const { PreEncodedPart } = require(path.join(root, 'dist/apps/delivery/src/bulk-mail/pre-encoded-part.js'));
const { NEWSLETTER_PLACEHOLDERS } = require(path.join(root, 'dist/libs/contracts/src/index.js'));

const paragraph = (n) =>
  `## Samling ${n}\n\nRådgiverne i Innlandet møtes på Hamar før jul. Les [programmet](https://energirad.example/program/${n}) ` +
  'og meld deg på innen fredag; vi deler erfaringer om enøk, solceller på kommunale bygg og klimabudsjett.\n\n' +
  `![Bilde ${n}](https://cdn.energirad.example/${n}.jpg)\n\n- Enøk i skolebygg\n- Felles innkjøp av ladepunkter\n`;
const issue = new NewsletterRenderer().render({
  network: {
    networkId: 'bench-network', slug: 'energirad', name: 'Energiråd Innlandet', country: 'NO', defaultLanguage: 'nb', languages: ['nb'],
    timeZone: 'Europe/Oslo', isPublic: true, branding: { logoUrl: 'https://cdn.energirad.example/logo.png', accentColor: '#0b6e4f' },
    sender: { fromName: 'Energiråd Innlandet', fromAddress: 'nyhetsbrev@energirad.example', replyTo: null, postalAddress: 'Postboks 1\n2301 Hamar' }, revision: 1,
  },
  language: 'nb',
  subject: 'Nyhetsbrev desember',
  preheader: 'Førjulssamlingen og årets siste nytt',
  markdown: Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n'),
  archiveUrl: 'https://hub.example/archive/energirad/desember',
});

const placeholders = Object.values(NEWSLETTER_PLACEHOLDERS);
const linksOf = (i) => (body) =>
  body.replaceAll(NEWSLETTER_PLACEHOLDERS.unsubscribeUrl, `https://hub.example/unsubscribe/one-click?token=u${i}&amp;lang=nb`).replaceAll(NEWSLETTER_PLACEHOLDERS.preferencesUrl, `https://hub.example/preferences?token=p${i}`);
const parts = { html: new PreEncodedPart('text/html; charset=utf-8', issue.html, placeholders), text: new PreEncodedPart('text/plain; charset=utf-8', issue.text, placeholders) };
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function cpuMsPerCopy(bodiesOf) {
  const copy = (i) => composer.sendMail({ from: 'nyhetsbrev@energirad.example', to: `r${i}@sink.bench`, subject: issue.subject, textEncoding: 'quoted-printable', ...bodiesOf(i) });
  for (let i = 0; i < WARM_UP; i++) await copy(i);
  const before = process.cpuUsage();
  for (let i = 0; i < COPIES; i++) await copy(i);
  const { user, system } = process.cpuUsage(before);
  return Number(((user + system) / 1000 / COPIES).toFixed(3));
}

const wholeMs = await cpuMsPerCopy((i) => ({ html: linksOf(i)(issue.html), text: linksOf(i)(issue.text) }));
const preEncodedMs = await cpuMsPerCopy((i) => ({ html: parts.html.forCopy(linksOf(i)), text: parts.text.forCopy(linksOf(i)) }));
const figures = {
  copies: COPIES,
  htmlKb: Math.round(Buffer.byteLength(issue.html) / 102.4) / 10,
  textKb: Math.round(Buffer.byteLength(issue.text) / 102.4) / 10,
  wholeCpuMsPerCopy: wholeMs,
  preEncodedCpuMsPerCopy: preEncodedMs,
};
writeResult('newsletter-copy', figures, { figure: `${preEncodedMs} ms of CPU per copy pre-encoded, ${wholeMs} ms encoded whole`, target: null, met: null });
printTable(`Newsletter copy built by nodemailer, ${COPIES} copies of a ${figures.htmlKb} KB HTML / ${figures.textKb} KB text issue`, [
  ['bodies encoded whole per copy', `${wholeMs} ms CPU per copy`],
  ['pre-encoded parts (delivery)', `${preEncodedMs} ms CPU per copy`],
]);
