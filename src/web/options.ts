import { isISO31661Alpha2 } from 'class-validator';
import { INTL_LOCALE, Language } from '../i18n/languages';
import { MessageKey, term, TermGroup, translate } from '../i18n/translate';
import { countryName, humanize } from './format';

// Choices the forms offer, built from the same vocabularies the API validates against.

export interface Option {
  value: string;
  label: string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const COUNTRY_CODES: string[] = [...LETTERS]
  .flatMap((first) => [...LETTERS].map((second) => first + second))
  .filter((code) => isISO31661Alpha2(code));

/** Every ISO 3166-1 alpha-2 code the API accepts, by English name (the pages ask countryOptions). */
const COUNTRY_OPTIONS: Option[] = COUNTRY_CODES.map((code) => ({
  value: code,
  label: `${regionNames.of(code) ?? code} (${code})`,
})).sort((a, b) => a.label.localeCompare(b.label, 'en'));

/** The same countries named and ordered in the reader's language ("Inde (IN)", "الهند (IN)"). */
export const countryOptions = (language: Language): Option[] =>
  language === 'en'
    ? COUNTRY_OPTIONS
    : COUNTRY_CODES.map((code) => ({ value: code, label: `${countryName(code, language)} (${code})` })).sort(
        (a, b) => a.label.localeCompare(b.label, INTL_LOCALE[language]),
      );

// ICU still lists some zones under their old names; people type the current ones.
export const CURRENT_ZONE_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
};

/** IANA zone names for the time-zone field's suggestions, UTC first. */
export const TIMEZONE_NAMES: string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone.includes('/'))
    .map((zone) => CURRENT_ZONE_NAMES[zone] ?? zone),
];

/** Options for an enum's values, labelled in words. */
export const enumOptions = (values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: humanize(value) }));

/** Options for a select of stored values (a status, type or kind), each in the reader's words. */
export const termOptions = (language: Language, group: TermGroup, values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: term(language, group, value) }));

/** Options whose words are catalogue messages named `${prefix}${value}`, such as `stage.kind.appeal`. */
export const messageOptions = (language: Language, prefix: string, values: readonly string[]): Option[] =>
  values.map((value) => ({
    value,
    label: sentenceCase(translate(language, `${prefix}${value}` as MessageKey)),
  }));

/** "sentence reduced" → "Sentence reduced", as an option reads; scripts without case are unchanged. */
const sentenceCase = (words: string): string => words.charAt(0).toLocaleUpperCase() + words.slice(1);
