import { IntlMessageFormat } from 'intl-messageformat';
import { INTL_LOCALE, Language, LANGUAGES } from './languages';
import ar from './messages/ar.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import ru from './messages/ru.json';

// Every word Vigil shows a person (pages, emails, exports) comes from one catalogue per language in
// ICU MessageFormat: plurals, selects and number formats follow the language's rules through Intl.
// English is the reference: catalogue.spec.ts fails when another language lacks one of its keys.

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;

export const CATALOGUES: Record<Language, Partial<Record<MessageKey, string>>> = { en, ru, fr, es, ar };

const compiled = new Map<string, IntlMessageFormat>();

function format(language: Language, key: string, message: string): IntlMessageFormat {
  const cacheKey = `${language}\u0000${key}`;
  let formatter = compiled.get(cacheKey);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, INTL_LOCALE[language]);
    compiled.set(cacheKey, formatter);
  }
  return formatter;
}

/** The message in this language (English while a translation is still missing: the spec catches that). */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  const message = CATALOGUES[language][key];
  if (message === undefined) {
    return language === 'en' ? key : translate('en', key, values);
  }
  return String(format(language, key, message).format(values));
}

export const TERM_GROUPS = [
  'caseStatus',
  'detentionStatus',
  'chargeStatus',
  'hearingStatus',
  'custodyKind',
  'eventType',
  'bailCondition',
  'visibility',
  'reminderStatus',
  'reminderKind',
  'role',
  'caseStage',
  // How a custody period ended (the case page's detention history): last, so that a value another
  // group also names (release, acquittal) keeps that group's word.
  'endReason',
] as const;
export type TermGroup = (typeof TERM_GROUPS)[number];

/**
 * A stored value (a status, type or kind) in words: "pre_trial" → "Pre-trial detention",
 * "Détention provisoire". A value the catalogue does not know is shown as it is rather than lost.
 */
export function term(language: Language, group: TermGroup, value: string): string {
  const key = `term.${group}.${value}`;
  return key in CATALOGUES.en ? translate(language, key as MessageKey) : value;
}

const LISTS = new Map(
  LANGUAGES.map((language) => [
    language,
    new Intl.ListFormat(INTL_LOCALE[language], { style: 'long', type: 'conjunction' }),
  ]),
);

/** "120B and 121A", "120B, 121A et 124A", "120B و121A". */
export const listOf = (language: Language, items: string[]): string =>
  (LISTS.get(language) as Intl.ListFormat).format(items);

/** A translator bound to one language, for code that writes a whole text in it. */
export const translatorFor =
  (language: Language) =>
  (key: MessageKey, values?: MessageValues): string =>
    translate(language, key, values);
