import { isOfficialCodeQuery, matchRank, searchNameOf, searchWordsOf, wordStartPattern } from './search-name';

describe('search names', () => {
  it.each(['Malmö', 'malmo', 'MALMÖ', 'Malmø', 'malmoe'])('fold %s to the same name as Malmö', (spelling) => {
    expect(searchNameOf(spelling)).toBe(searchNameOf('Malmö'));
  });

  it.each(['kobenhavn', 'KØBENHAVN', 'Koebenhavn'])('fold %s to the same name as København', (spelling) => {
    expect(searchNameOf(spelling)).toBe(searchNameOf('København'));
  });

  it('fold å and the old aa alike, æ like ae, and strip accents and punctuation', () => {
    expect(searchNameOf('Århus')).toBe(searchNameOf('Aarhus'));
    expect(searchNameOf('Bærum')).toBe(searchNameOf('Baerum'));
    expect(searchNameOf('Övertorneå')).toBe('overtornea');
    expect(searchNameOf('  Nord-Aurdal ')).toBe('nord aurdal');
    expect(searchNameOf('Kárášjohka')).toBe('karasjohka');
  });

  it('drop the generic words people add, unless nothing else is left', () => {
    expect(searchWordsOf('Lund kommun')).toEqual(['lund']);
    expect(searchWordsOf('Malmö stad')).toEqual(['malmo']);
    expect(searchWordsOf('Innlandet fylkeskommune')).toEqual(['innlandet', 'fylkeskommune']);
    expect(searchWordsOf('kommune')).toEqual(['kommune']);
  });

  it('match a query word at the start of a word of the name only', () => {
    const matches = (name: string, word: string) => new RegExp(wordStartPattern(word)).test(searchNameOf(name));
    expect(matches('Lund', 'lund')).toBe(true);
    expect(matches('Albertslund', 'lund')).toBe(false);
    expect(matches('Innlandet fylkeskommune', 'fylke')).toBe(true);
    expect(matches('Nord-Aurdal', 'aurdal')).toBe(true);
  });

  it('rank the name itself before names that begin with the query, and those before the rest', () => {
    const rank = (name: string, query: string) => matchRank(searchNameOf(name), searchWordsOf(query));
    expect(rank('Lund', 'lund')).toBe(0);
    expect(rank('Lunde', 'lund')).toBe(1);
    expect(rank('Nord-Lund', 'lund')).toBe(2);
  });

  it('read a query of digits as an official code', () => {
    expect(isOfficialCodeQuery(' 1280 ')).toBe(true);
    expect(isOfficialCodeQuery('101')).toBe(true);
    expect(isOfficialCodeQuery('Malmö 1280')).toBe(false);
  });
});
