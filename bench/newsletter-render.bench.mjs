// Newsletter rendering: one issue (about 1 500 words of Markdown with headings, links, images, a table and inline
// HTML to sanitise) rendered by NewsletterRenderer from the build, in turn in all six languages, as a send does once
// per language. Prints milliseconds per render (median, p95, max) after a warm-up, and the size of each part.
//   npm run bench -- newsletter-render [renders]
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, printTable, root, writeResult } from './support/bench-kit.mjs';

const RENDERS = Number(process.argv[2] ?? 300);
const WARM_UP = 30;
const LANGUAGES = ['nb', 'nn', 'sv', 'da', 'fi', 'en'];

build();
const { NewsletterRenderer } = createRequire(import.meta.url)(path.join(root, 'dist/libs/newsletter/src/index.js'));

const section = (n) => `
## ${n}. Kommunernas klimatarbete i praktiken

Under hösten har **${n * 3} kommuner** delat erfarenheter av energieffektivisering, *laddinfrastruktur* och
klimatanpassning. Läs [hela rapporten](https://klimat.example/rapporter/${n}?utm=nyhetsbrev&del=${n}) eller
[kontakta oss](mailto:kansli@klimat.example) om du vill bidra till nästa nummer. Det här stycket är lagom långt
för att likna en riktig text i ett nyhetsbrev, med ett par meningar om vad som hänt och vad som kommer härnäst,
och ännu en mening så att brödtexten får en rimlig längd innan nästa rubrik tar vid.

![Solceller på kommunhuset ${n}](https://cdn.klimat.example/bilder/${n}.jpg)

- Energikartläggning av ${n + 10} skolor
- Gemensam upphandling av laddstolpar
- Workshop om skyfall, [anmälan här](https://klimat.example/evenemang/${n})

> Vi sparade ${n * 7} procent el på ett år, säger energisamordnaren.

<p onclick="track()">Inline-HTML med <a href="javascript:alert(${n})">farlig länk</a> och <script>alert(${n})</script> som tvättas bort.</p>
`;
const markdown = `# Nyhetsbrev december\n\nVälkommen till årets sista nummer!\n${Array.from({ length: 8 }, (_, i) => section(i + 1)).join('')}
| Kommun | Minskning (t CO₂e) | Andel |
|---|---:|:-:|
${Array.from({ length: 12 }, (_, i) => `| Kommun ${i + 1} | ${(i + 1) * 130} | ${i + 3} % |`).join('\n')}
`;

const network = {
  networkId: 'bench-network',
  slug: 'klimatkommunerna',
  name: 'Klimatkommunerna',
  country: 'SE',
  defaultLanguage: 'sv',
  languages: LANGUAGES,
  timeZone: 'Europe/Stockholm',
  isPublic: true,
  branding: { logoUrl: 'https://cdn.klimat.example/logo.png', accentColor: '#0b6e4f' },
  sender: { fromName: 'Klimatkommunerna', fromAddress: 'nyhetsbrev@klimat.example', replyTo: null, postalAddress: 'Box 123\n221 00 Lund' },
  revision: 1,
};

const renderer = new NewsletterRenderer();
const render = (i) =>
  renderer.render({
    network,
    language: LANGUAGES[i % LANGUAGES.length],
    subject: 'Nyhetsbrev december',
    preheader: 'Årets sista nyheter om kommunernas klimatarbete',
    markdown,
    archiveUrl: 'https://hub.example/archive/klimatkommunerna/december',
  });

for (let i = 0; i < WARM_UP; i++) render(i);
const times = [];
let sample;
for (let i = 0; i < RENDERS; i++) {
  const started = performance.now();
  sample = render(i);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
const figures = {
  renders: RENDERS,
  markdownChars: markdown.length,
  msPerRender: { p50: at(0.5), p95: at(0.95), max: at(1) },
  htmlKb: Math.round(Buffer.byteLength(sample.html) / 102.4) / 10,
  textKb: Math.round(Buffer.byteLength(sample.text) / 102.4) / 10,
};
writeResult('newsletter-render', figures, {
  figure: `${figures.msPerRender.p50} ms per render (p95 ${figures.msPerRender.p95} ms)`,
  target: null,
  met: null,
});
printTable(`Newsletter render, ${RENDERS} renders over six languages (${markdown.length} chars of Markdown)`, [
  ['ms per render (median)', String(figures.msPerRender.p50)],
  ['ms per render (p95)', String(figures.msPerRender.p95)],
  ['ms per render (max)', String(figures.msPerRender.max)],
  ['HTML part', `${figures.htmlKb} KB`],
  ['text part', `${figures.textKb} KB`],
]);
