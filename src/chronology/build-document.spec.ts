import fc from 'fast-check';
import { firstSentence } from './entry-wording';

describe('firstSentence, a slide’s title', () => {
  it('is the first sentence without its full stop', () => {
    expect(firstSentence('Arrested by the NIA in Srinagar. He was taken to Delhi.')).toBe(
      'Arrested by the NIA in Srinagar',
    );
    expect(firstSentence('Задержан в Москве. Суд назначил арест.')).toBe('Задержан в Москве');
    expect(firstSentence('Raided.\n\nA second paragraph.')).toBe('Raided');
  });

  it('keeps abbreviations and section numbers whole', () => {
    expect(firstSentence('Charged under s. 13 of the U.A.P.A. and held in Tihar. Later moved.')).toBe(
      'Charged under s. 13 of the U.A.P.A. and held in Tihar',
    );
  });

  it('cuts a long sentence at a word boundary with an ellipsis', () => {
    const long = `The family ${'asked again to visit him, '.repeat(8)}and were refused.`;
    const title = firstSentence(long);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long.charAt(title.length - 1)).toMatch(/[\s,]/);
  });

  it('is never longer than 101 characters and never empty for text with a word in it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400 }), (text) => {
        const title = firstSentence(`Word ${text}`);
        expect(title.length).toBeLessThanOrEqual(101);
        expect(title.length).toBeGreaterThan(0);
      }),
    );
  });
});
