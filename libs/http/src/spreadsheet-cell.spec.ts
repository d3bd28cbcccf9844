import { spreadsheetSafeText } from './spreadsheet-cell';

describe('spreadsheetSafeText', () => {
  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises %j', (value) => {
    expect(spreadsheetSafeText(value)).toBe(`'${value}`);
  });

  it('leaves other values alone, and writes nothing for no value', () => {
    expect(spreadsheetSafeText('Kari Nordmann')).toBe('Kari Nordmann');
    expect(spreadsheetSafeText('a=b')).toBe('a=b');
    expect(spreadsheetSafeText(null)).toBe('');
  });
});
