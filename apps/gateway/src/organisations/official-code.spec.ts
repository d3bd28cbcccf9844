import { codeKeyOf, officialCodeProblem } from './official-code';

describe('official codes', () => {
  it.each([
    ['NO', 'municipality', '3401'],
    ['NO', 'municipality', '0301'],
    ['SE', 'municipality', '1281'],
    ['SE', 'municipality', '0180'],
    ['DK', 'municipality', '101'],
    ['FI', 'municipality', '777'],
    ['NO', 'county', '34'],
    ['SE', 'region', '12'],
    ['DK', 'region', '1084'],
    ['FI', 'region', '01'],
  ] as const)('accept %s %s %s', (country, kind, code) => {
    expect(officialCodeProblem(country, kind, code)).toBeNull();
  });

  it.each([
    ['NO', 'municipality', '301', 'a Norwegian municipality code has 4 digits'],
    ['SE', 'municipality', '12810', 'a Swedish municipality code has 4 digits'],
    ['DK', 'municipality', '0101', 'a Danish municipality code has 3 digits'],
    ['FI', 'municipality', '77a', 'a Finnish municipality code has 3 digits'],
    ['NO', 'county', '3401', 'a Norwegian county code has 2 digits'],
    ['DK', 'county', '15', 'a Danish county has no official code; leave it out'],
    ['NO', 'other', '123', 'a Norwegian other organisation has no official code; leave it out'],
  ] as const)('refuse %s %s %s', (country, kind, code, problem) => {
    expect(officialCodeProblem(country, kind, code)).toBe(problem);
  });

  it('key a code by country and kind, and an organisation without one by its own id', () => {
    expect(codeKeyOf({ _id: 'a', country: 'SE', kind: 'municipality', officialCode: '1280' })).toBe('code:SE:municipality:1280');
    expect(codeKeyOf({ _id: 'a', country: 'NO', kind: 'county', officialCode: '34' })).not.toBe(
      codeKeyOf({ _id: 'b', country: 'NO', kind: 'municipality', officialCode: '34' }),
    );
    expect(codeKeyOf({ _id: 'a', country: 'NO', kind: 'other', officialCode: null })).toBe('id:a');
  });
});
