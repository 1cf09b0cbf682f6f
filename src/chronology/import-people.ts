import { distance } from 'fastest-levenshtein';
import { transliterate } from 'transliteration';

// Whom a sentence is about: the defenders in Vigil it names, by their full name or other names,
// tolerant of transliterations and spelling variants ("Khurram Pervez", "Хуррам Парвез"), and of
// a surname alone once the text has named them. Pure: the defenders are given.

export interface KnownPerson {
  id: string;
  /** The full name first, then the other names and transliterations. */
  names: string[];
}

export interface PersonMention {
  start: number;
  end: number;
  /** One id when the words name one defender; several when they fit more than one. */
  ids: string[];
  /** The whole name was written, not a surname or given name alone. */
  full: boolean;
}

/** A word reduced to how it sounds across our scripts: "Pervez", "Parvez" and "Парвез" come close. */
// Every word of a text is compared with every name; transliterating each once keeps that quick.
const folded = new Map<string, string>();

export function foldName(word: string): string {
  let fold = folded.get(word);
  if (fold === undefined) {
    if (folded.size > 50_000) {
      folded.clear();
    }
    fold = foldUncached(word);
    folded.set(word, fold);
  }
  return fold;
}

function foldUncached(word: string): string {
  return transliterate(word.normalize('NFC'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/[^a-z]/g, '')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** Two spellings of one name part: equal once folded, or one letter apart in a long name. */
export function sameNamePart(a: string, b: string): boolean {
  const [x, y] = [foldName(a), foldName(b)];
  if (x === y) {
    return x.length > 0;
  }
  return Math.min(x.length, y.length) >= 5 && distance(x, y) <= 1;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const words = (text: string): Word[] =>
  [...text.matchAll(/\p{L}[\p{L}\p{M}'’-]*/gu)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));

const capitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/**
 * Every defender a sentence names, in order; a whole name wins over a part of another. A name that
 * fits several defenders, `prefer` among them (the case's own), is taken for that one.
 */
export function findPeople(sentence: string, people: KnownPerson[], prefer?: string): PersonMention[] {
  const said = words(sentence);
  const mentions: PersonMention[] = [];
  // Whole names first.
  for (const person of people) {
    for (const name of person.names) {
      const parts = words(name).map((word) => word.text);
      if (parts.length < 2) {
        continue;
      }
      for (let index = 0; index + parts.length <= said.length; index += 1) {
        if (parts.every((part, offset) => sameNamePart(said[index + offset].text, part))) {
          const start = said[index].start;
          const end = said[index + parts.length - 1].end;
          const same = mentions.find((mention) => mention.start === start && mention.end === end);
          if (same) {
            same.ids = [...new Set([...same.ids, person.id])];
          } else if (!mentions.some((mention) => mention.start < end && start < mention.end)) {
            mentions.push({ start, end, ids: [person.id], full: true });
          }
        }
      }
    }
  }
  // Then a given name or surname alone ("Parvez’s phone", "Sara was released").
  for (const word of said) {
    if (
      !capitalised(word.text) ||
      mentions.some((mention) => mention.start < word.end && word.start < mention.end)
    ) {
      continue;
    }
    const ids = people
      .filter((person) =>
        person.names.some((name) => {
          const parts = words(name).map((part) => part.text);
          return (
            parts.length > 0 &&
            [parts[0], parts[parts.length - 1]].some(
              (part) => part.length >= 3 && sameNamePart(word.text, part),
            )
          );
        }),
      )
      .map((person) => person.id);
    if (ids.length > 0) {
      mentions.push({ start: word.start, end: word.end, ids, full: false });
    }
  }
  for (const mention of mentions) {
    if (prefer !== undefined && mention.ids.length > 1 && mention.ids.includes(prefer)) {
      mention.ids = [prefer];
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

// What joins two names into one subject: "Ali and Sara", "Ali, Sara", "Ali et Sara", "Али и Сара".
const JOINED = /^\s*(?:,|,?\s*(?:and|et|y|e|и))\s*$/iu;

/**
 * Whom a fact at [start, end) concerns: the names inside its words, else the nearest name before
 * it (with the names joined to that one), else the nearest after. Undefined when none is named.
 */
export function peopleOfFact(
  sentence: string,
  mentions: PersonMention[],
  start: number,
  end: number,
): PersonMention[] | undefined {
  const inside = mentions.filter((mention) => mention.start >= start && mention.end <= end);
  if (inside.length > 0) {
    return inside;
  }
  const before = mentions.filter((mention) => mention.end <= start);
  if (before.length > 0) {
    const group = [before[before.length - 1]];
    for (let index = before.length - 2; index >= 0; index -= 1) {
      if (!JOINED.test(sentence.slice(before[index].end, group[0].start))) {
        break;
      }
      group.unshift(before[index]);
    }
    return group;
  }
  // A name after the fact only in the same clause ("police arrested Sara"; not "…, while Sara …").
  const after = mentions.find(
    (mention) => mention.start >= end && !/[,;:]/u.test(sentence.slice(end, mention.start)),
  );
  if (!after) {
    return undefined;
  }
  const group = [after];
  for (const next of mentions.filter((mention) => mention.start > after.start)) {
    if (!JOINED.test(sentence.slice(group[group.length - 1].end, next.start))) {
      break;
    }
    group.push(next);
  }
  return group;
}
