// The one list of languages Vigil speaks: pages, emails and exports alike. Adding one means a
// catalogue in messages/, a name below, a migration adding it to the `language` enum, and its date
// words in chronology/date-phrases.ts.

export const LANGUAGES = ['en', 'ru', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Each language's name in itself, as a picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

/** The locale Intl formats with (British English writes "22 November 2021", as statements do). */
export const INTL_LOCALE: Record<Language, string> = {
  en: 'en-GB',
  ru: 'ru',
  fr: 'fr',
  es: 'es',
  ar: 'ar',
};

export const textDirection = (language: Language): 'ltr' | 'rtl' => (language === 'ar' ? 'rtl' : 'ltr');
