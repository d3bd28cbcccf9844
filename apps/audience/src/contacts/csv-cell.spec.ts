import { csvSafeCell } from './csv-cell';

describe('csvSafeCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises %j', (value) => {
    expect(csvSafeCell(value)).toBe(`'${value}`);
  });

  it('leaves other values alone, and writes nothing for no value', () => {
    expect(csvSafeCell('Kari Nordmann')).toBe('Kari Nordmann');
    expect(csvSafeCell('a=b')).toBe('a=b');
    expect(csvSafeCell(null)).toBe('');
  });
});
