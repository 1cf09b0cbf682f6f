import { escapeLike, MAX_TERMS, searchTerms } from './search-terms';

describe('searchTerms', () => {
  it('splits a query into the words people typed, in any order', () => {
    expect(searchTerms('Parvez Khurram')).toEqual(['Parvez', 'Khurram']);
    expect(searchTerms('  khurram,   parvez ')).toEqual(['khurram', 'parvez']);
  });

  it('keeps section numbers and hyphenated names whole, dropping the one-digit subsection', () => {
    expect(searchTerms('UAPA 43D(2)')).toEqual(['UAPA', '43D']);
    expect(searchTerms('Jean-Pierre')).toEqual(['Jean-Pierre']);
  });

  it('drops one-letter words, repeated words and punctuation around words', () => {
    expect(searchTerms('a Khurram "khurram" K.')).toEqual(['Khurram']);
    expect(searchTerms("'Bayanat'")).toEqual(['Bayanat']);
  });

  it('keeps words in any script', () => {
    expect(searchTerms('Хуррам Парвез')).toEqual(['Хуррам', 'Парвез']);
    expect(searchTerms('خرم پرویز')).toEqual(['خرم', 'پرویز']);
  });

  it('searches for at most a few words', () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(searchTerms(many)).toHaveLength(MAX_TERMS);
  });

  it('keeps one-letter words when asked to (a list filter by name fragment)', () => {
    expect(searchTerms('K Parvez', 1)).toEqual(['K', 'Parvez']);
  });

  it('gives nothing for a query without a word of two letters', () => {
    expect(searchTerms('  ')).toEqual([]);
    expect(searchTerms('a b c')).toEqual([]);
  });

  it('escapes LIKE wildcards so they are searched for literally', () => {
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
  });
});
