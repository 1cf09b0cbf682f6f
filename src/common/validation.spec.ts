import fc from 'fast-check';
import { inputProblems, MAX_DEPTH } from './validation';

describe('inputProblems', () => {
  it('names every string the database cannot hold, by its dotted path', () => {
    expect(
      inputProblems({
        fullName: 'a\u0000b',
        otherNames: ['fine', '\ud800'],
        contacts: [{ name: 'ok', email: 'x\udc00@example.org' }],
        days: 3,
        nested: { deep: { text: '\u0000' } },
      }),
    ).toEqual([
      { field: 'fullName', problem: 'must not contain a NUL character (\\u0000)' },
      { field: 'otherNames.1', problem: 'must be valid Unicode text (it holds a lone surrogate)' },
      { field: 'contacts.0.email', problem: 'must be valid Unicode text (it holds a lone surrogate)' },
      { field: 'nested.deep.text', problem: 'must not contain a NUL character (\\u0000)' },
    ]);
  });

  it('names a single parameter by its own name, and a bad field name by its parent', () => {
    expect(inputProblems('a\u0000', 'q')).toEqual([
      { field: 'q', problem: 'must not contain a NUL character (\\u0000)' },
    ]);
    expect(inputProblems({ 'x\u0000': 1 })).toEqual([
      { field: 'request', problem: 'has a field name that must not contain a NUL character (\\u0000)' },
    ]);
  });

  it('accepts any well-formed text without NUL, surrogate pairs (emoji) included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((text) => !text.includes('\u0000')),
        (text) => {
          expect(inputProblems({ text, list: [text] })).toEqual([]);
        },
      ),
    );
    expect(inputProblems({ text: 'Хуррам 👩🏽‍⚖️ «نرگس»' })).toEqual([]);
  });

  it('finds any lone surrogate, wherever it is in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii' }),
        fc.string({ unit: 'grapheme-ascii' }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        (before, after, code) => {
          expect(inputProblems({ text: before + String.fromCharCode(code) + after })).toHaveLength(1);
        },
      ),
    );
  });

  it('refuses a body nested past MAX_DEPTH at the level it goes too deep, without recursing itself', () => {
    const nest = (levels: number): unknown => {
      let deep: unknown = 'leaf';
      for (let level = 0; level < levels; level += 1) {
        deep = { a: deep };
      }
      return deep;
    };
    expect(inputProblems({ list: [nest(MAX_DEPTH - 2)] })).toEqual([]);
    const tooDeep = ['list', '0', ...Array<string>(MAX_DEPTH - 2).fill('a')].join('.');
    expect(inputProblems({ list: [nest(MAX_DEPTH - 1)] })).toEqual([
      { field: tooDeep, problem: `must not nest deeper than ${MAX_DEPTH} levels` },
    ]);
    expect(inputProblems(nest(1_000_000))).toHaveLength(1);
  });
});
