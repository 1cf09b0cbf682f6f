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
export const sameNamePart = (a: string, b: string): boolean => sameFolded(foldName(a), foldName(b));

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

interface NamePart {
  personId: string;
  /** The name's parts, folded. */
  parts: string[];
  /** Which of them this is. */
  at: number;
}

// Keys under which a folded part is filed: itself and, for long parts, itself less any one letter,
// so that two spellings one letter apart share a key (a "symmetric delete" index).
const keysOf = (fold: string): string[] =>
  fold.length >= 5 ? [fold, ...[...fold].map((_, at) => fold.slice(0, at) + fold.slice(at + 1))] : [fold];

const sameFolded = (x: string, y: string): boolean =>
  x === y ? x.length > 0 : Math.min(x.length, y.length) >= 5 && distance(x, y) <= 1;

// One index per list of defenders, so a long text with many defenders stays quick.
const indexes = new WeakMap<KnownPerson[], Map<string, NamePart[]>>();

function indexOf(people: KnownPerson[]): Map<string, NamePart[]> {
  let index = indexes.get(people);
  if (!index) {
    index = new Map();
    for (const person of people) {
      for (const name of person.names) {
        const parts = words(name)
          .map((word) => foldName(word.text))
          .filter(Boolean);
        parts.forEach((part, at) => {
          for (const key of new Set(keysOf(part))) {
            const filed = index?.get(key) ?? [];
            filed.push({ personId: person.id, parts, at });
            index?.set(key, filed);
          }
        });
      }
    }
    indexes.set(people, index);
  }
  return index;
}

/** The name parts a word may be: found through the index, then checked. */
function candidates(index: Map<string, NamePart[]>, fold: string): NamePart[] {
  const found = new Set<NamePart>();
  for (const key of keysOf(fold)) {
    for (const part of index.get(key) ?? []) {
      if (sameFolded(fold, part.parts[part.at])) {
        found.add(part);
      }
    }
  }
  return [...found];
}

/**
 * Every defender a sentence names, in order; a whole name wins over a part of another. A whole name
 * that fits several defenders, `prefer` among them (the case's own), is taken for that one; a
 * surname that fits several, for those of them the text names in full (`named`), if any.
 */
export function findPeople(
  sentence: string,
  people: KnownPerson[],
  prefer?: string,
  named?: ReadonlySet<string>,
): PersonMention[] {
  const index = indexOf(people);
  const said = words(sentence);
  const folds = said.map((word) => foldName(word.text));
  const mentions: PersonMention[] = [];
  const overlaps = (start: number, end: number) =>
    mentions.some((mention) => mention.start < end && start < mention.end);
  // Whole names first: a word that is a name's first part, followed by the rest of it.
  said.forEach((word, at) => {
    for (const part of candidates(index, folds[at])) {
      const { parts } = part;
      if (part.at !== 0 || parts.length < 2 || at + parts.length > said.length) {
        continue;
      }
      if (!parts.every((name, offset) => sameFolded(folds[at + offset], name))) {
        continue;
      }
      const end = said[at + parts.length - 1].end;
      const same = mentions.find((mention) => mention.start === word.start && mention.end === end);
      if (same) {
        same.ids = [...new Set([...same.ids, part.personId])];
      } else if (!overlaps(word.start, end)) {
        mentions.push({ start: word.start, end, ids: [part.personId], full: true });
      }
    }
  });
  // Then a given name or surname alone ("Parvez’s phone", "Sara was released").
  said.forEach((word, at) => {
    if (!capitalised(word.text) || overlaps(word.start, word.end)) {
      return;
    }
    const ids = candidates(index, folds[at])
      .filter(
        (part) => (part.at === 0 || part.at === part.parts.length - 1) && part.parts[part.at].length >= 3,
      )
      .map((part) => part.personId);
    if (ids.length > 0) {
      mentions.push({ start: word.start, end: word.end, ids: [...new Set(ids)], full: false });
    }
  });
  for (const mention of mentions.filter((each) => each.ids.length > 1)) {
    if (mention.full && prefer !== undefined && mention.ids.includes(prefer)) {
      mention.ids = [prefer];
    }
    const inFull = mention.ids.filter((id) => named?.has(id));
    if (!mention.full && inFull.length > 0) {
      mention.ids = inFull;
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

/** The defenders a whole text names in full, for the surnames of its sentences. */
export function namedInFull(text: string, people: KnownPerson[], prefer?: string): Set<string> {
  return new Set(
    findPeople(text, people, prefer)
      .filter((mention) => mention.full)
      .flatMap((mention) => mention.ids),
  );
}
