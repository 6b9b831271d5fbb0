import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer, read } from '../../test/helpers';

const HIDDEN_FORMULAS = [
  ' =1+1',
  '\t\t=1+1',
  '\uFEFF=HYPERLINK("http://evil.example","x")',
  '\u200B+SUM(A1)',
  '\u200D\u2060-2+3',
  '\u00A0@cmd',
  '\u3000=1+1',
  '\uFF1D1+1',
  '\uFF0BSUM(A1)',
  '\uFF20cmd',
  ' \uFF1D1+1',
];

describe('GET /v1/export?format=csv', () => {
  it('neutralises formulas hidden behind whitespace, a BOM, zero-width characters or full-width signs', async () => {
    const site = await newSite();
    await collect({
      site: site.publicKey,
      answers: HIDDEN_FORMULAS.map((comment, i) => npsAnswer(i % 11, { comment })),
    });
    const csv = await (await read('/v1/export?format=csv', site.secretKey)).text();
    for (const comment of HIDDEN_FORMULAS) {
      const quoted = `"'${comment.replace(/"/g, '""')}"`;
      expect(csv.includes(`,'${comment},`) || csv.includes(`,${quoted},`), JSON.stringify(comment)).toBe(true);
    }
  });
});
