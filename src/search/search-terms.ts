/** How many words of a query are searched for; the rest are ignored (a pasted paragraph is not a query). */
export const MAX_TERMS = 8;
/** Longest word searched for: beyond it, a word only narrows what one of its trigrams already found. */
const MAX_TERM_LENGTH = 64;

/**
 * The words of a search box, as people type them: any order, any case, any accents (PostgreSQL folds
 * case and accents with the same vigil_fold the indexes use). Words shorter than `minLength` are
 * dropped (in the search box a single letter would match nearly everything); a repeated word counts once.
 */
export function searchTerms(query: string, minLength = 2): string[] {
  const words = query
    .split(/[\s,;:!?"«»“”()]+/u)
    .map((word) => word.replace(/^[.'’-]+|[.'’-]+$/gu, '').slice(0, MAX_TERM_LENGTH))
    .filter((word) => [...word].length >= minLength);
  const seen = new Set<string>();
  return words
    .filter((word) => {
      const key = word.toLocaleLowerCase();
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, MAX_TERMS);
}

/** `%`, `_` and `\` typed in a search box are searched for, not wildcards. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);
