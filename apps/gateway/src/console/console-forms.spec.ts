import { networkSettingsSchema } from '../networks/network-settings.dto';
import { isConsolePath, signInPath } from './console-exception.filter';
import { fieldErrors, formList, formText } from './console-forms';

describe('console forms', () => {
  it('treats an empty or blank field as absent and trims the rest', () => {
    expect(formText('')).toBeUndefined();
    expect(formText('   ')).toBeUndefined();
    expect(formText(' Kim ')).toBe('Kim');
    expect(formText(['first', 'second'])).toBe('first');
    expect(formText(7)).toBeUndefined();
  });

  it('reads checkboxes that arrive as nothing, one value or several', () => {
    expect(formList(undefined)).toEqual([]);
    expect(formList('sv')).toEqual(['sv']);
    expect(formList(['sv', 'en', ''])).toEqual(['sv', 'en']);
  });

  it('names each refused field by its form id, once, also inside nested objects and arrays', () => {
    const parsed = networkSettingsSchema.safeParse({ languages: ['xx'], branding: { logoUrl: 'http://x.example/l.png', accentColor: 'green' } });
    expect(parsed.success).toBe(false);
    const errors = fieldErrors(parsed.error!, (field) => `bad ${field}`);
    expect(errors).toEqual({ languages: 'bad languages', logoUrl: 'bad logoUrl', accentColor: 'bad accentColor' });
  });
});

describe('console sign-in redirect', () => {
  it('returns only to console paths on this host', () => {
    expect(isConsolePath('/console')).toBe(true);
    expect(isConsolePath('/console/contacts?q=a')).toBe(true);
    expect(isConsolePath('/consolefake')).toBe(false);
    expect(isConsolePath('//evil.example/console')).toBe(false);
    expect(isConsolePath('https://evil.example/console')).toBe(false);
  });

  it('carries the language and the page asked for', () => {
    expect(signInPath('sv', '/console/contacts?q=a')).toBe('/console/sign-in?lang=sv&next=%2Fconsole%2Fcontacts%3Fq%3Da');
    expect(signInPath('en', 'https://evil.example/')).toBe('/console/sign-in?lang=en');
  });
});
