import { AuthUser, hasRole } from '../auth/auth-user';
import { EXPORT_FORMATS, EXPORT_VISIBILITIES } from '../chronology/chronology-document';
import { CHRONOLOGY_LANGUAGES } from '../chronology/date-phrases';
import { ChronologyQuery } from '../chronology/dto/chronology-query.dto';
import { Language, LANGUAGE_NAMES } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { readForm, validateAs } from './forms';

// The export buttons of a chronology page (a case's or a defender's) and the query behind them.

// Formats go by their own names in every language, but for the calendar's.
const FORMAT_LABELS: Record<Exclude<(typeof EXPORT_FORMATS)[number], 'ics'>, string> = {
  md: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
  json: 'JSON',
  timelinejs: 'TimelineJS',
};

/**
 * What the export part of a chronology page shows: the languages and, per visibility, the formats;
 * `lang` is the export's language as asked, `language` the page's own.
 */
export function exportChoices(user: AuthUser, lang: unknown, language: Language) {
  const visibilities = hasRole(user, 'caseworker') ? EXPORT_VISIBILITIES : (['public'] as const);
  return {
    exportLang: CHRONOLOGY_LANGUAGES.includes(lang as never) ? lang : 'en',
    exportLanguages: CHRONOLOGY_LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
    exportGroups: visibilities.map((visibility) => ({
      visibility,
      formats: EXPORT_FORMATS.map((format) => ({
        format,
        label: format === 'ics' ? translate(language, 'chronology.export.calendar') : FORMAT_LABELS[format],
      })),
    })),
  };
}

/** An export link's query, validated with the API's own DTO. */
export const exportQuery = (query: Record<string, unknown>): Promise<ChronologyQuery> =>
  validateAs(
    ChronologyQuery,
    readForm(query, { format: 'optional', lang: 'optional', visibility: 'optional' }, 'create'),
  );
