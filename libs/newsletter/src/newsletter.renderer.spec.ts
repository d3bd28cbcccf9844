import { Test } from '@nestjs/testing';
import { LANGUAGES, Language, NEWSLETTER_PLACEHOLDERS, NetworkProfilePayload } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { FALLBACK_ACCENT } from './accent-color';
import { NEWSLETTER_CATALOG } from './newsletter.catalog';
import { InvalidNewsletterSubjectError, NewsletterSenderIncompleteError } from './newsletter.errors';
import { NewsletterRenderInput, NewsletterRenderer, normalizeNewsletterSubject } from './newsletter.renderer';

function network(overrides: { branding?: Partial<NetworkProfilePayload['branding']>; sender?: Partial<NetworkProfilePayload['sender']> } = {}): NetworkProfilePayload {
  return {
    networkId: 'network-1',
    slug: 'klimatkommunerna',
    name: 'Klimatkommunerna',
    country: 'SE',
    defaultLanguage: 'sv',
    languages: ['sv', 'en'],
    timeZone: 'Europe/Stockholm',
    isPublic: true,
    branding: { logoUrl: 'https://cdn.example/logo.png', accentColor: '#0B6E4F', ...overrides.branding },
    sender: {
      fromName: 'Klimatkommunernas kansli',
      fromAddress: 'nyhetsbrev@klimatkommunerna.example',
      replyTo: null,
      postalAddress: 'Box 123\n221 00 Lund',
      ...overrides.sender,
    },
    revision: 3,
  };
}

function input(overrides: Partial<NewsletterRenderInput> = {}): NewsletterRenderInput {
  return {
    network: network(),
    language: 'sv',
    subject: 'Nyhetsbrev december',
    preheader: 'Årets sista nyheter om klimatarbetet',
    markdown:
      '# Årets sista nummer\n\nLäs [rapporten](https://klimat.example/rapport?ar=2026&del=1).\n\n' +
      '<img src="x" onerror="alert(1)"><script>alert(2)</script>\n\n| Kommun | Utsläpp |\n|---|---:|\n| Lund | 12 |\n',
    archiveUrl: 'https://hub.example/archive/klimatkommunerna/december',
    ...overrides,
  };
}

/** The attributes of every `tag` element, in order of appearance. */
function attributesOf(html: string, tag: string): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1], attribute[2]])),
  );
}

/** Text with line wrapping undone, so an assertion does not depend on where a line happened to break. */
const unwrapped = (text: string) => text.replace(/\s+/g, ' ');

describe('NewsletterRenderer', () => {
  const renderer = new NewsletterRenderer();

  it.each(LANGUAGES)('has every template word in %s', (language) => {
    expect(missingKeys(NEWSLETTER_CATALOG.en as never, NEWSLETTER_CATALOG[language] as never)).toEqual([]);
  });

  const unsubscribeLabel: Record<Language, string> = {
    nb: 'Meld deg av',
    nn: 'Meld deg av',
    sv: 'Avsluta prenumerationen',
    da: 'Afmeld',
    fi: 'Peru tilaus',
    en: 'Unsubscribe',
  };

  it.each(LANGUAGES)('writes the footer in %s: sender, postal address, unsubscribe and preference placeholders', (language) => {
    const words = NEWSLETTER_CATALOG[language].newsletter;
    const { html, text } = renderer.render(input({ language }));

    expect(html).toContain(`<html lang="${language}" dir="ltr">`);
    expect(html).toContain('<strong>Klimatkommunernas kansli</strong><br>Box 123<br>221 00 Lund');
    expect(html).toContain(words.reason.replace('{{sender}}', 'Klimatkommunernas kansli'));
    const links = attributesOf(html, 'a');
    expect(links).toContainEqual(expect.objectContaining({ href: NEWSLETTER_PLACEHOLDERS.unsubscribeUrl }));
    expect(links).toContainEqual(expect.objectContaining({ href: NEWSLETTER_PLACEHOLDERS.preferencesUrl }));
    expect(html).toMatch(new RegExp(`href="%%UNSUBSCRIBE_URL%%"[^>]*>${unsubscribeLabel[language]}</a>`));
    expect(html).toMatch(new RegExp(`href="%%PREFERENCES_URL%%"[^>]*>${words.preferences}</a>`));

    const plain = unwrapped(text);
    expect(plain).toContain(`${unsubscribeLabel[language]} [%%UNSUBSCRIBE_URL%%]`);
    expect(plain).toContain(`${words.preferences} [%%PREFERENCES_URL%%]`);
    expect(text).toContain('Klimatkommunernas kansli\nBox 123\n221 00 Lund');
  });

  it('inlines the CSS: the accent colour is a style attribute on headings and links', () => {
    const { html } = renderer.render(input());
    expect(attributesOf(html, 'h1')[0].style).toContain('color: #0b6e4f');
    expect(attributesOf(html, 'a').find((a) => a.href.startsWith('https://klimat.example/'))?.style).toContain('color: #0b6e4f');
    expect(attributesOf(html, 'td').find((td) => td.class === 'nl-accent-bar')?.style).toContain('background-color: #0b6e4f');
    // Only the media queries are left in <style>; the rules themselves moved onto the elements.
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
    expect(style).not.toContain('.nl-content h1 {');
    expect(style).not.toContain('.nl-footer {');
  });

  it('falls back to the default accent when the network colour is not a hex colour, letting nothing into the CSS', () => {
    const { html } = renderer.render(input({ network: network({ branding: { accentColor: 'red; background: url(https://evil.example/x)' } }) }));
    expect(html).not.toContain('evil.example');
    expect(attributesOf(html, 'h1')[0].style).toContain(`color: ${FALLBACK_ACCENT}`);
  });

  it('keeps headings readable when the accent is too pale for text, and still uses it for the accent bar', () => {
    const { html } = renderer.render(input({ network: network({ branding: { accentColor: '#FE0' } }) }));
    expect(attributesOf(html, 'td').find((td) => td.class === 'nl-accent-bar')?.style).toContain('background-color: #ffee00');
    expect(attributesOf(html, 'h1')[0].style).not.toContain('#ffee00');
  });

  it('is dark-mode friendly: declares both colour schemes, keeps the dark rules, and uses no pure black or white', () => {
    const { html } = renderer.render(input());
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1];
    expect(style).toMatch(/@media \(prefers-color-scheme: dark\)\s*{[\s\S]*\.nl-container\s*{[^}]*background-color: #1f1f1d !important/);
    expect(html.toLowerCase()).not.toMatch(/#000000|#ffffff|#000\b|#fff\b|:\s*(black|white)\b/);
  });

  it('lays the issue out in presentation tables, one column at most 600px wide, titled with the subject', () => {
    const { html } = renderer.render(input({ subject: 'Tips & <tricks>' }));
    const layoutTables = attributesOf(html, 'table').filter((table) => table.role === 'presentation');
    expect(layoutTables.length).toBeGreaterThanOrEqual(2);
    expect(layoutTables.find((table) => table.class === 'nl-container')?.style).toContain('max-width: 600px');
    expect(html).toContain('<!--[if mso]><table role="presentation" width="600"');
    expect(html).toContain('<title>Tips &amp; &lt;tricks&gt;</title>');
  });

  it('hides the preheader in the HTML and leaves it out of the text part', () => {
    const { html, text } = renderer.render(input());
    expect(html).toMatch(/<div class="nl-preheader" style="display:none;[^"]*">Årets sista nyheter om klimatarbetet/);
    expect(text).not.toContain('Årets sista nyheter');
    expect(renderer.render(input({ preheader: '' })).html).not.toContain('nl-preheader');
  });

  it('links the archive copy as "view in browser" only when there is one', () => {
    const withArchive = renderer.render(input());
    expect(withArchive.html).toMatch(/href="https:\/\/hub\.example\/archive\/klimatkommunerna\/december"[^>]*>Visa mejlet i webbläsaren<\/a>/);
    expect(unwrapped(withArchive.text)).toContain('Visa mejlet i webbläsaren [https://hub.example/archive/klimatkommunerna/december]');

    const without = renderer.render(input({ archiveUrl: null }));
    expect(without.html).not.toContain('Visa mejlet i webbläsaren');
    expect(() => renderer.render(input({ archiveUrl: 'javascript:alert(1)' }))).toThrow(TypeError);
  });

  it('shows the logo over https, and the network name instead when there is no usable logo', () => {
    expect(attributesOf(renderer.render(input()).html, 'img')[0]).toMatchObject({ src: 'https://cdn.example/logo.png', alt: 'Klimatkommunerna' });
    for (const logoUrl of [null, 'http://cdn.example/logo.png', 'javascript:alert(1)']) {
      const { html } = renderer.render(input({ network: network({ branding: { logoUrl } }) }));
      expect(html).not.toContain('nl-logo');
      expect(html).toMatch(/<p class="nl-network-name"[^>]*>Klimatkommunerna<\/p>/);
    }
  });

  it('renders the Markdown body sanitised, in both parts', () => {
    const { html, text } = renderer.render(input());
    expect(html).toMatch(/<h1 [^>]*>Årets sista nummer<\/h1>/);
    expect(html).toContain('href="https://klimat.example/rapport?ar=2026&amp;del=1"');
    expect(html).toMatch(/<td align="right"[^>]*>12<\/td>/);
    expect(html).not.toMatch(/<script|onerror|alert\(/);

    expect(text).not.toMatch(/<[a-z!/]/i);
    expect(unwrapped(text)).toContain('Läs rapporten [https://klimat.example/rapport?ar=2026&del=1].');
    expect(text).toMatch(/Lund\s+12/);
  });

  it('uses the network name in the footer when the sender has no name of its own', () => {
    const { html } = renderer.render(input({ language: 'en', network: network({ sender: { fromName: ' ' } }) }));
    expect(html).toContain('You receive this newsletter from Klimatkommunerna because you subscribed to it.');
    expect(html).toContain('<strong>Klimatkommunerna</strong>');
  });

  it('refuses to render without the postal address the law requires', () => {
    expect(() => renderer.render(input({ network: network({ sender: { postalAddress: '  \n ' } }) }))).toThrow(NewsletterSenderIncompleteError);
  });

  describe('subject', () => {
    it.each([
      ['CRLF', 'December\r\nBcc: victim@example.com'],
      ['LF', 'December\nBcc: victim@example.com'],
      ['CR', 'December\rBcc: victim@example.com'],
      ['line separator', 'December\u2028Bcc: victim@example.com'],
      ['tab and NEL', 'December\t\u0085 Bcc: victim@example.com'],
    ])('puts a subject broken by %s on one line, so it cannot add a header', (_case, subject) => {
      expect(normalizeNewsletterSubject(subject)).toBe('December Bcc: victim@example.com');
      const rendered = renderer.render(input({ subject }));
      expect(rendered.subject).toBe('December Bcc: victim@example.com');
      expect(rendered.html).toContain('<title>December Bcc: victim@example.com</title>');
    });

    it('keeps an ordinary subject as it is', () => {
      expect(normalizeNewsletterSubject('Klimat  & energi: 10 år')).toBe('Klimat  & energi: 10 år');
    });

    it('refuses a subject that is nothing but blanks and line breaks', () => {
      expect(() => normalizeNewsletterSubject(' \r\n\t ')).toThrow(InvalidNewsletterSubjectError);
      expect(() => renderer.render(input({ subject: '\r\n' }))).toThrow(InvalidNewsletterSubjectError);
    });
  });

  it('is a Nest provider as well', async () => {
    const module = await Test.createTestingModule({ providers: [NewsletterRenderer] }).compile();
    expect(module.get(NewsletterRenderer).render(input({ language: 'fi' })).html).toContain('Peru tilaus');
  });
});
