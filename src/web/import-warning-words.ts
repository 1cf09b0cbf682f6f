import type { ImportWarning, WarningParams } from '../chronology/import-parser';
import type { Language } from '../i18n/languages';
import { listOf, MessageKey, translate } from '../i18n/translate';
import { formatDay } from './format';

// The importer words its warnings in English for API clients; a page says each by its kind, in the
// reader's language, with the dates and names it carries written as the page writes them.

const inWords = (value: WarningParams[string], language: Language): string | number => {
  if (Array.isArray(value)) {
    return listOf(language, value);
  }
  return typeof value === 'object' ? formatDay(value.on, value.precision, language) : value;
};

/** An import warning, as the preview page shows it. */
export function importWarningInWords(
  warning: Pick<ImportWarning, 'kind' | 'params'>,
  language: Language,
): string {
  const values = Object.fromEntries(
    Object.entries(warning.params).map(([name, value]) => [name, inWords(value, language)]),
  );
  return translate(language, `importWarning.${warning.kind}` satisfies MessageKey, values);
}
