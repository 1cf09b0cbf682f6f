import fc from 'fast-check';
import { textProblems } from './validation';

describe('textProblems', () => {
  it('names every string the database cannot hold, by its dotted path', () => {
    expect(
      textProblems({
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
    expect(textProblems('a\u0000', 'q')).toEqual([
      { field: 'q', problem: 'must not contain a NUL character (\\u0000)' },
    ]);
    expect(textProblems({ 'x\u0000': 1 })).toEqual([
      { field: 'request', problem: 'has a field name that must not contain a NUL character (\\u0000)' },
    ]);
  });

  it('accepts any well-formed text without NUL, surrogate pairs (emoji) included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((text) => !text.includes('\u0000')),
        (text) => {
          expect(textProblems({ text, list: [text] })).toEqual([]);
        },
      ),
    );
    expect(textProblems({ text: 'Хуррам 👩🏽‍⚖️ «نرگس»' })).toEqual([]);
  });

  it('finds any lone surrogate, wherever it is in the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii' }),
        fc.string({ unit: 'grapheme-ascii' }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        (before, after, code) => {
          expect(textProblems({ text: before + String.fromCharCode(code) + after })).toHaveLength(1);
        },
      ),
    );
  });

  it('walks a deeply nested body without recursion', () => {
    let deep: unknown = '\u0000';
    for (let level = 0; level < 100_000; level += 1) {
      deep = [deep];
    }
    expect(textProblems(deep)).toHaveLength(1);
  });
});
