import { MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { Language } from '../../src/i18n/languages';
import { CATALOGUES } from '../../src/i18n/translate';

// English left on a page or in an email written for a French or Arabic reader (issue #14: "a
// caseworker who reads no English"). Two nets: every phrase of the English catalogue long enough to
// mean something, and common English words that no French or Arabic sentence has.

/**
 * Words of English that never belong in a French or Arabic sentence, as whole words, any case.
 * Left out on purpose: words French shares ("on", "date", "court", "charges", "public",
 * "documents", "a", "place", "notes", "visible", "minute", "menu"); "case" stays, as French pages
 * say "cochez la case" nowhere. A match in capitals of three letters or fewer is a code ("NO",
 * "AT", "IS": Norway, Austria, Iceland), not a word.
 */
export const ENGLISH_WORDS = [
  'the',
  'and',
  'of',
  'with',
  'to',
  'for',
  'from',
  'this',
  'that',
  'your',
  'you',
  'is',
  'are',
  'not',
  'no',
  'yes',
  'or',
  'by',
  'at',
  'new',
  'all',
  'none',
  'days?',
  'weeks?',
  'months?',
  'years?',
  'hours?',
  'save',
  'delete',
  'cancel',
  'edit',
  'add',
  'remove',
  'search',
  'settings',
  'sign',
  'show',
  'back',
  'next',
  'previous',
  'hearings?',
  'custody',
  'detention',
  'reminders?',
  'cases?',
  'defenders?',
  'charged',
  'arrest(ed)?',
  'released',
  'bail',
  'outcome',
  'scheduled',
  'held',
  'adjourned',
  'cancelled',
  'failed',
  'sent',
  'pending',
  'upcoming',
  'overdue',
  'confidential',
  'events?',
  'limits?',
  'stages?',
  'unknown',
  // Dates written the English way ("22 November 2021").
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ENGLISH_WORD = new RegExp(
  `(?<![\\p{L}\\p{M}'’-])(${ENGLISH_WORDS.join('|')})(?![\\p{L}\\p{M}'’-])`,
  'giu',
);

/** A phrase counts when a reader would notice it: two words or more, or ten letters. */
const meaningful = (phrase: string): boolean =>
  phrase.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= 2 ||
  (phrase.match(/\p{L}/gu) ?? []).length >= 10;

/** The runs of plain text of an ICU message, between its placeholders (and inside its plurals and selects). */
function literalRuns(elements: MessageFormatElement[]): string[] {
  const runs: string[] = [];
  let current = '';
  const cut = () => {
    runs.push(current);
    current = '';
  };
  for (const element of elements) {
    if (element.type === TYPE.literal) {
      current += element.value;
    } else {
      cut();
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) {
          runs.push(...literalRuns(option.value));
        }
      } else if (element.type === TYPE.tag) {
        runs.push(...literalRuns(element.children));
      }
    }
  }
  cut();
  return runs.map((run) => run.replace(/\s+/g, ' ').trim()).filter(meaningful);
}

const catalogueText = new Map<Language, string>();
const textOfCatalogue = (language: Language): string => {
  if (!catalogueText.has(language)) {
    catalogueText.set(language, Object.values(CATALOGUES[language]).join('\n').replace(/\s+/g, ' '));
  }
  return catalogueText.get(language) as string;
};

const phrasesByLanguage = new Map<Language, string[]>();
/** The English catalogue's phrases a reader of `language` must never meet: those it does not share. */
function englishPhrases(language: Language): string[] {
  if (!phrasesByLanguage.has(language)) {
    const theirs = textOfCatalogue(language);
    const phrases = Object.values(CATALOGUES.en).flatMap((message) =>
      literalRuns(parse(message as string, { ignoreTag: true })),
    );
    phrasesByLanguage.set(
      language,
      [...new Set(phrases)].filter((phrase) => !theirs.includes(phrase)),
    );
  }
  return phrasesByLanguage.get(language) as string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name in ENTITIES) {
      return ENTITIES[name];
    }
    if (name.startsWith('#x')) {
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    }
    return name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : whole;
  });

/** Attributes a reader sees or hears: tooltips, labels read aloud, hints, a script's confirmations. */
const SHOWN_ATTRIBUTES = /\s(title|aria-label|placeholder|alt|data-confirm|data-copied)="([^"]*)"/g;
const BUTTON_VALUE = /<input\b[^>]*\btype="(?:submit|button|reset)"[^>]*>/;

/**
 * The text a reader of a page in `language` meets, one fragment a line: text between tags, the page's
 * title, shown attributes and buttons' values. Left out: scripts, styles, comments, the head's other
 * tags, `code` (request ids, secrets, recovery codes), the values of fields (what was typed or
 * stored; a textarea's is text, and read) and anything marked as written in another language
 * (`lang="en"`: Vigil's own name, each language's name in the language picker).
 */
export function visibleText(html: string, language: Language): string[] {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<head>[\s\S]*?(<title>[\s\S]*?<\/title>)[\s\S]*?<\/head>/i, '$1')
    .replace(/<code\b[\s\S]*?<\/code>/gi, ' ')
    .replace(
      /<(?!html\b)(\w+)\b[^>]*\slang="([a-z-]+)"[^>]*>[\s\S]*?<\/\1>/gi,
      (element, _tag, lang: string) => (lang === language ? element : ' '),
    );
  const attributes = [...withoutHidden.matchAll(/<[^>]+>/g)].flatMap(([tag]) => [
    ...[...tag.matchAll(SHOWN_ATTRIBUTES)].map((match) => match[2]),
    ...(BUTTON_VALUE.test(tag) ? [/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? ''] : []),
  ]);
  const texts = withoutHidden.split(/<[^>]*>/);
  return [...texts, ...attributes].map((text) => decode(text).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const isLetter = (character: string | undefined): boolean =>
  character !== undefined && /\p{L}/u.test(character);

/** The phrase as words of the text: "custody order" is not in "custody ordered". */
function containsPhrase(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const before = text[at - 1];
    const after = text[at + phrase.length];
    if (!(isLetter(phrase[0]) && isLetter(before)) && !(isLetter(phrase.at(-1)) && isLetter(after))) {
      return true;
    }
  }
  return false;
}

/**
 * What of `fragments` is English: "phrase «…» in «context»" for catalogue phrases, "word «…» in
 * «context»" for common words. What `allowed` matches (data a test cannot avoid) is taken out first.
 */
export function englishLeftovers(fragments: string[], language: Language, allowed: RegExp[] = []): string[] {
  const found: string[] = [];
  const phrases = englishPhrases(language);
  for (const fragment of fragments) {
    // Addresses (web and email) are no words a reader reads.
    const checked = [...allowed, /\bhttps?:\/\/\S+/g, /\S+@\S+\.\w+/g].reduce(
      (text, pattern) => text.replace(pattern, ' '),
      fragment,
    );
    for (const phrase of phrases) {
      if (containsPhrase(checked, phrase)) {
        found.push(`phrase «${phrase}» in «${fragment.slice(0, 160)}»`);
      }
    }
    for (const [word] of checked.matchAll(ENGLISH_WORD)) {
      if (/^\p{Lu}{1,3}$/u.test(word)) {
        continue;
      }
      found.push(`word «${word}» in «${fragment.slice(0, 160)}»`);
    }
  }
  return [...new Set(found)];
}
