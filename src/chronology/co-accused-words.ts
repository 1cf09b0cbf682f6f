import { Language } from '../i18n/languages';
import { listOf, translatorFor } from '../i18n/translate';

// How a summary names the others accused with someone: "detained with Tomás Ruiz and seven others".
// Named co-accused first, then those known only as a number; the words come from the message
// catalogues (export.coAccused.*), which write small numbers in words, as statements do.

/**
 * "detained with Tomás Ruiz and seven others", "accused with Lina Haddad", or null when the person
 * is alone in the case. `detained` when they were ever held in it.
 */
export function coAccusedPhrase(
  names: readonly string[],
  unnamed: number,
  detained: boolean,
  lang: Language,
): string | null {
  const t = translatorFor(lang);
  const others =
    unnamed > 0
      ? [t(names.length > 0 ? 'export.coAccused.moreOthers' : 'export.coAccused.others', { count: unnamed })]
      : [];
  const parts = [...names, ...others];
  if (parts.length === 0) {
    return null;
  }
  const list = listOf(lang, parts);
  return t(detained ? 'export.coAccused.detainedWith' : 'export.coAccused.accusedWith', { list });
}
