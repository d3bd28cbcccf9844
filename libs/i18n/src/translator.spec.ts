import { createTranslator, missingKeys } from './translator';

describe('translator', () => {
  const catalogs = {
    en: { greeting: 'Hello {{name}}', nested: { bye: 'Bye' } },
    nb: { greeting: 'Hei {{name}}', nested: { bye: 'Ha det' } },
    nn: { greeting: 'Hei {{name}}', nested: {} },
    sv: { greeting: 'Hej {{name}}', nested: { bye: 'Hej då' } },
    da: { greeting: 'Hej {{name}}', nested: { bye: 'Farvel' } },
    fi: { greeting: 'Hei {{name}}', nested: { bye: 'Näkemiin' } },
  };

  it('translates with interpolation and falls back to English for a missing key', () => {
    const t = createTranslator(catalogs);
    expect(t.t('greeting', { lng: 'sv', name: '<Åsa>' })).toBe('Hej <Åsa>');
    expect(t.t('nested.bye', { lng: 'nn' })).toBe('Bye');
  });

  it('reports the keys a catalogue lacks', () => {
    expect(missingKeys(catalogs.en, catalogs.nn)).toEqual(['nested.bye']);
    expect(missingKeys(catalogs.en, catalogs.nb)).toEqual([]);
  });
});
