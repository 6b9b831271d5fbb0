import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('csv', () => {
  it('quotes per RFC 4180: commas, quotes and line breaks, quotes doubled, CRLF records', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', null, 7, true])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,7,true\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('fine = ok')).toBe('fine = ok');
    for (const hidden of [
      ' =1+1',
      '\uFEFF@cmd',
      '\u200B+SUM(A1)',
      '\u3000=1',
      '\uFF1D1+1',
      '\u00A0\uFF20x',
      '\uFE661',
    ]) {
      expect(csvCell(hidden), JSON.stringify(hidden)).toBe(`'${hidden}`);
    }
    expect(csvCell(' 12')).toBe(' 12');
  });
});
