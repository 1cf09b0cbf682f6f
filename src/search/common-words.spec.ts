import { commonWords, commonWordsOf, fetchingOrder } from './common-words';

describe('words too common to fetch rows by', () => {
  const common = commonWords({
    defender: [],
    case: ['abu'],
    charge: [],
    event: ['hunger', 'strike'],
    hearing: [],
  });

  it("reads each kind's words from its index's statistics", () => {
    const words = commonWordsOf([
      { index: 'events_search_words_idx', word: 'hunger' },
      { index: 'cases_search_words_idx', word: 'abu' },
      { index: 'events_search_words_idx', word: 'strike' },
    ]);
    expect(words.byKind).toEqual({
      defender: '{}',
      case: '{"abu"}',
      charge: '{}',
      event: '{"hunger","strike"}',
      hearing: '{}',
    });
    expect([...words.all].sort()).toEqual(['abu', 'hunger', 'strike']);
  });

  it('passes each word to PostgreSQL as written, quotes and backslashes included', () => {
    expect(
      commonWords({ defender: [], case: [], charge: [], event: ['say "no"', 'a\\b'], hearing: [] }).byKind
        .event,
    ).toBe('{"say \\"no\\"","a\\\\b"}');
  });

  it('knows a typed word is common whatever its case and accents', () => {
    expect(fetchingOrder(['HÜNGER', 'Salma'], common)).toEqual(['Salma', 'HÜNGER']);
    expect(fetchingOrder(['Abu', 'Salma'], common)).toEqual(['Salma', 'Abu']);
  });

  it('lets a rarer word fetch the rows and the common ones narrow them, in the typed order otherwise', () => {
    expect(fetchingOrder(['hunger', 'salma', 'strike', 'idrissi'], common)).toEqual([
      'salma',
      'idrissi',
      'hunger',
      'strike',
    ]);
    expect(fetchingOrder(['salma', 'idrissi'], common)).toEqual(['salma', 'idrissi']);
  });
});
