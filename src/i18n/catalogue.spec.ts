import {
  isPluralElement,
  isSelectElement,
  MessageFormatElement,
  parse,
  TYPE,
} from '@formatjs/icu-messageformat-parser';
import { INTL_LOCALE, Language, LANGUAGES } from './languages';
import { CATALOGUES, MessageKey, translate } from './translate';

// The catalogues are kept by people adding keys in five files: this is what tells them they missed one.

const keys = Object.keys(CATALOGUES.en) as MessageKey[];

/** The arguments a message takes, and the plural categories each plural argument covers. */
function shape(elements: MessageFormatElement[], found = new Map<string, Set<string>>()) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) {
      continue;
    }
    if (!found.has(element.value)) {
      found.set(element.value, new Set());
    }
    if (isPluralElement(element) || isSelectElement(element)) {
      for (const [category, option] of Object.entries(element.options)) {
        if (isPluralElement(element)) {
          found.get(element.value)?.add(category);
        }
        shape(option.value, found);
      }
    }
  }
  return found;
}

describe('message catalogues', () => {
  it.each(LANGUAGES)('%s has every key English has, and no other', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual([...keys].sort());
  });

  it.each(LANGUAGES)('every %s message parses as ICU MessageFormat', (language) => {
    const broken = keys.filter((key) => {
      try {
        parse(CATALOGUES[language][key] ?? '', { requiresOtherClause: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it.each(LANGUAGES)('every %s message takes the same arguments as the English one', (language) => {
    const differing = keys.filter((key) => {
      const names = (text: string | undefined) => [...shape(parse(text ?? '')).keys()].sort().join();
      return names(CATALOGUES[language][key]) !== names(CATALOGUES.en[key]);
    });
    expect(differing).toEqual([]);
  });

  it.each(LANGUAGES)('every %s plural names each plural category the language has', (language) => {
    const categories = new Intl.PluralRules(INTL_LOCALE[language]).resolvedOptions().pluralCategories;
    const missing = keys.flatMap((key) =>
      [...shape(parse(CATALOGUES[language][key] ?? '')).entries()]
        .filter(([, options]) => options.size > 0)
        .flatMap(([argument, options]) =>
          categories.filter((category) => !options.has(category)).map((c) => `${key} ${argument} ${c}`),
        ),
    );
    expect(missing).toEqual([]);
  });

  it('writes numbers with each language’s plural forms', () => {
    const days = (language: Language, count: number) => translate(language, 'unit.days', { count });
    expect([1, 2, 5, 21].map((n) => days('ru', n))).toEqual(['1 день', '2 дня', '5 дней', '21 день']);
    expect([1, 2, 3, 11, 100].map((n) => days('ar', n))).toEqual([
      'يوم واحد',
      'يومين',
      '3 أيام',
      '11 يومًا',
      '100 يوم',
    ]);
    expect(days('fr', 1)).toBe('1 jour');
    expect(days('en', 1)).toBe('1 day');
  });
});
