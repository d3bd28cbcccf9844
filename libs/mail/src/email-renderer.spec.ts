import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { EMAIL_CATALOG } from './catalog/email-catalog';
import { EmailRenderer } from './email-renderer';

describe('EmailRenderer', () => {
  const renderer = new EmailRenderer();

  it.each(LANGUAGES)('has every email key in %s', (language) => {
    expect(missingKeys(EMAIL_CATALOG.en as never, EMAIL_CATALOG[language] as never)).toEqual([]);
  });

  it('renders the confirmation in the recipient language, with HTML and text parts carrying the link', () => {
    const email = renderer.subscriptionConfirmation({
      language: 'nn',
      listNames: ['Nyheitsbrev frå Bærekraftsnettverket', 'Webinar'],
      confirmUrl: 'https://hub.example/subscriptions/confirm?token=abc&lang=nn',
      confirmBy: new Date('2026-12-01T12:00:00Z'),
      sender: 'Bærekraftsnettverket',
    });
    expect(email.subject).toBe('Stadfest abonnementet ditt');
    expect(email.text).toContain('Nyheitsbrev frå Bærekraftsnettverket og Webinar');
    expect(email.text).toContain('https://hub.example/subscriptions/confirm?token=abc&lang=nn');
    expect(email.html).toContain('<html lang="nn">');
    expect(email.html).toContain('href="https://hub.example/subscriptions/confirm?token=abc&amp;lang=nn"');
    expect(email.text).toMatch(/1\. desember 2026/);
  });

  it('escapes what people typed', () => {
    const email = renderer.subscriptionConfirmation({
      language: 'en',
      listNames: ['<script>alert(1)</script>'],
      confirmUrl: 'https://hub.example/c?token="x"',
      confirmBy: new Date(),
      sender: 'A & B',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.html).toContain('token=&quot;x&quot;');
  });
});
