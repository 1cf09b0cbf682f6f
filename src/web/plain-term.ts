import { SENTENCE_TERM } from '../cases/detention-model';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { termInWords } from './format';
import { LengthUnit, plainText, readPlainLength } from './plain-duration';

// A sentence's term, or a charge's maximum penalty, as people write it: "15 years", "2 ans et 6 mois",
// "2 años y 6 meses", "15 лет", "سنتين و٦ أشهر", "life imprisonment", "à perpétuité", "peine de mort",
// "مؤبد". Read into what the API stores (P15Y, P2Y6M, life, death); the pages write stored terms in
// the reader's words (termInWords), and those words read back to the same value.

/** Life and death as people write them, besides the catalogue's own words (sentenceTerm.*), lower-case. */
const TERM_WORDS: Record<'life' | 'death', readonly string[]> = {
  life: [
    'life',
    'life imprisonment',
    'life sentence',
    'imprisonment for life',
    'perpétuité',
    'à perpétuité',
    'a perpétuité',
    'perpetuité',
    'réclusion à perpétuité',
    'réclusion criminelle à perpétuité',
    'prison à perpétuité',
    'emprisonnement à perpétuité',
    'perpetua',
    'cadena perpetua',
    'prisión perpetua',
    'reclusión perpetua',
    'пожизненно',
    'пожизненное',
    'пожизненное лишение свободы',
    'пожизненное заключение',
    'مؤبد',
    'المؤبد',
    'السجن المؤبد',
    'الحبس المؤبد',
    'الأشغال الشاقة المؤبدة',
    'مدى الحياة',
    'السجن مدى الحياة',
  ],
  death: [
    'death',
    'death penalty',
    'death sentence',
    'capital punishment',
    'mort',
    'peine de mort',
    'peine capitale',
    'muerte',
    'pena de muerte',
    'pena capital',
    'смертная казнь',
    'смерть',
    'казнь',
    'إعدام',
    'الإعدام',
    'عقوبة الإعدام',
    'الاعدام',
    'اعدام',
  ],
};

const lowerWords = (text: string): string => plainText(text).toLowerCase().replace(/\.$/, '');

const TERM_OF_WORDS: ReadonlyMap<string, 'life' | 'death'> = new Map(
  (['life', 'death'] as const).flatMap((term) =>
    [
      ...TERM_WORDS[term],
      ...LANGUAGES.map((language: Language) => translate(language, `sentenceTerm.${term}`)),
    ].map((words) => [lowerWords(words), term] as const),
  ),
);

// Words around a length that say it is prison, not part of it: "15 years' imprisonment",
// "15 ans de prison", "15 años de prisión", "15 лет лишения свободы", "السجن ١٥ سنة".
const PRISON_WORDS =
  /^(?:(?:sentenced to|imprisonment for|condamné à|condenado a|السجن|الحبس|سجن|حبس)\s+)|['’]?\s+(?:(?:of\s+)?imprisonment|in prison|(?:of\s+)?prison|d['’]emprisonnement|de prison|de réclusion(?: criminelle)?|de détention|de prisión|de cárcel|de reclusión|лишения свободы|заключения|колонии|سجنًا|سجنا|حبسًا|حبسا)$/gu;

// What parts the lengths of a term: commas, "and" in each language ("2 years and 6 months", "2 ans et
// 6 mois", "2 años y 6 meses", "2 года и 6 месяцев"), the Arabic "و" joined to the next length
// ("سنتين و6 أشهر", "سنة وشهرين"), and a number after a unit word ("2 years 6 months").
const BETWEEN_LENGTHS =
  /\s*[,;،؛]\s*(?:(?:and|et|y|и)\s+)?|\s+(?:and|et|y|и)\s+|\s*(?:^|\s)و\s?(?=\d|سن|عام|شهر|أسبوع|اسبوع|يوم)|(?<=[\p{L}\p{M}])\s+(?=\d)/u;

const ISO_LETTER: Record<Exclude<LengthUnit, 'hours' | 'minutes'>, string> = {
  years: 'Y',
  months: 'M',
  weeks: 'W',
  days: 'D',
};

/** The stored term a typed one reads as (P15Y, P2Y6M, life, death); undefined when it reads as none. */
export function readPlainTerm(typed: string): string | undefined {
  const words = lowerWords(typed);
  if (SENTENCE_TERM.test(words.toUpperCase()) && words.toUpperCase().startsWith('P')) {
    return words.toUpperCase();
  }
  const bare = words.replace(PRISON_WORDS, '').trim();
  const named = TERM_OF_WORDS.get(words) ?? TERM_OF_WORDS.get(bare);
  if (named) {
    return named;
  }
  const counts: Partial<Record<keyof typeof ISO_LETTER, number>> = {};
  for (const piece of bare.split(BETWEEN_LENGTHS).filter((part) => part.trim() !== '')) {
    const length = readPlainLength(piece);
    if (
      !length ||
      length.unit === 'hours' ||
      length.unit === 'minutes' ||
      counts[length.unit] !== undefined
    ) {
      return undefined;
    }
    counts[length.unit] = length.count;
  }
  const iso = (Object.keys(ISO_LETTER) as (keyof typeof ISO_LETTER)[])
    .filter((unit) => counts[unit] !== undefined)
    .map((unit) => `${counts[unit]}${ISO_LETTER[unit]}`)
    .join('');
  return iso === '' ? undefined : `P${iso}`;
}

/**
 * A stored term as the reader's form shows it, so that saving the form unchanged keeps it: in words,
 * unless those would not read back (P0Y, which no one writes), then as stored.
 */
export function termForForm(term: string | null | undefined, language: Language): string {
  if (!term) {
    return '';
  }
  const words = termInWords(term, language);
  return readPlainTerm(words) === term ? words : term;
}

/** The examples the hints and problems give, in the reader's words. */
export const termExamples = (
  language: Language,
): { example: string; longer: string; life: string; death: string } => ({
  example: termInWords('P15Y', language),
  longer: termInWords('P2Y6M', language),
  life: termInWords('life', language),
  death: termInWords('death', language),
});
