import type { DatePrecision, IsoDate } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import { isoDate, monthNumber } from './date-phrases';
import { countOf } from './import-dates';

// What an entry says besides its type: the custody order it records (days, stated end, kind), the
// charges it names (law, section, offence) and the hearing it reports or announces. Pure.

export interface DetectedCharge {
  law: string;
  section: string;
  offence?: string;
  /** "on two counts of …", when the text says. */
  counts?: number;
  /** "charge sheet" in the entry means the charge is in the charge sheet; otherwise it is alleged. */
  status: 'alleged' | 'in_charge_sheet';
}

export interface DetectedHearing {
  on: IsoDate;
  court?: string;
}

export interface Detected {
  custodyDays?: number;
  custodyKind?: CustodyKind;
  /** The end date the text states ("until 21 January 2022"). */
  until?: IsoDate;
  charges?: DetectedCharge[];
  /** A hearing held (or due) on the entry's own day. */
  hearing?: DetectedHearing;
  /** A later court date the entry announces ("next hearing on 21 January 2022"). */
  nextHearing?: DetectedHearing;
}

/** A date written inside running text ("until 21 January 2022"); day precision only. */
export const DAY_IN_TEXT = String.raw`(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})|(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`;

export function dayFromMatch(groups: (string | undefined)[]): IsoDate | undefined {
  const [d1, m1, y1, m2, d2, y2] = groups;
  const month = monthNumber((m1 ?? m2) as string);
  if (!month) {
    return undefined;
  }
  return isoDate(Number(y1 ?? y2), month, Number(d1 ?? d2));
}

// Short words a full stop follows without ending the sentence ("Mr. Parvez", "ч. 1 ст. 207.3").
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'nos',
  'art',
  'sec',
  's',
  'ss',
  'ч',
  'ст',
  'п',
  'пп',
  'им',
]);

/** Where sentences start inside a paragraph (after ". " and the like). */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const boundary = /[.!?]["”’)]?\s+(?=\p{Lu}|\d)/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, match.index - 6), match.index))?.[1];
    if (match[0].startsWith('.') && word && ABBREVIATIONS.has(word.toLowerCase())) {
      continue;
    }
    starts.push(match.index + match[0].length);
  }
  return starts;
}

export function sentences(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((start, index) => text.slice(start, starts[index + 1]).trim());
}

export function detect(description: string, occurredOn: IsoDate, precision: DatePrecision): Detected {
  const detected: Detected = {};
  const all = sentences(description.replace(/\n+/g, ' '));
  for (const sentence of all) {
    const custody = readCustody(sentence);
    if (custody) {
      Object.assign(detected, custody);
      break;
    }
  }
  const charges = readCharges(description);
  if (charges.length > 0) {
    detected.charges = charges;
  }
  if (precision === 'day') {
    const hearingSentence = all.find(isHearingSentence);
    if (hearingSentence) {
      const court = courtName(hearingSentence);
      detected.hearing = court ? { on: occurredOn, court } : { on: occurredOn };
    }
  }
  const next = readNextHearing(description);
  if (next && next.on > occurredOn) {
    detected.nextHearing = next;
  }
  return detected;
}

interface CustodyPattern {
  /** The sentence speaks of a custody order at all. */
  about: RegExp;
  days: RegExp[];
  until: RegExp;
  kind: (sentence: string) => CustodyKind;
}

const englishKind = (sentence: string): CustodyKind => {
  if (/house arrest/i.test(sentence)) {
    return 'house_arrest';
  }
  if (/\bpolice\b|\bNIA['’]?s? custody/i.test(sentence)) {
    return 'police';
  }
  if (/pre-?trial/i.test(sentence)) {
    return 'pre_trial';
  }
  return 'judicial';
};

const CUSTODY_PATTERNS: CustodyPattern[] = [
  {
    about: /\b(?:custody|detention|remand(?:ed)?)\b/i,
    days: [
      /\b(?:extend|remand|order|sent|placed|prolong)\w*[^.]*?\b(?:for|by)\s+(?:another\s+|a\s+further\s+|an?\s+(?:additional|further)\s+|a\s+period\s+of\s+|up\s+to\s+)?(\d{1,4})\s+(?:more\s+|additional\s+|further\s+)?days?\b/i,
      /\b(\d{1,4})[-\s]days?(?:['’]s?)?\s+(?:of\s+)?(?:judicial\s+|police\s+)?(?:custody|remand|detention)\b/i,
    ],
    until: new RegExp(String.raw`\b(?:until|till|up\s+to|through)\s+(?:${DAY_IN_TEXT})`, 'iu'),
    kind: englishKind,
  },
  {
    about: /страж|арест|заключени/iu,
    days: [/(?:^|\s)на\s+(?:срок\s+)?(?:ещё\s+|еще\s+)?(\d{1,4})\s+(?:дн|сут)/iu],
    until: new RegExp(String.raw`(?:^|\s)до\s+(?:${DAY_IN_TEXT})`, 'iu'),
    kind: (sentence) => (/домашн/iu.test(sentence) ? 'house_arrest' : 'judicial'),
  },
  {
    about: /détention|garde à vue|prolong/iu,
    days: [/\b(?:de|pour)\s+(?:\d{1,4}\s+)?(?:nouveaux\s+)?(\d{1,4})\s+jours/iu],
    until: new RegExp(String.raw`\bjusqu['’]au\s+(?:${DAY_IN_TEXT})`, 'iu'),
    kind: (sentence) => (/garde à vue/iu.test(sentence) ? 'police' : 'judicial'),
  },
  {
    about: /detención|prisión preventiva|custodia|prorrog/iu,
    days: [/\bpor\s+(?:otros\s+)?(\d{1,4})\s+días/iu],
    until: new RegExp(String.raw`\bhasta\s+el\s+(?:${DAY_IN_TEXT})`, 'iu'),
    kind: (sentence) => (/policial/iu.test(sentence) ? 'police' : 'judicial'),
  },
];

function readCustody(sentence: string): Pick<Detected, 'custodyDays' | 'custodyKind' | 'until'> | undefined {
  for (const pattern of CUSTODY_PATTERNS) {
    if (!pattern.about.test(sentence)) {
      continue;
    }
    const days = pattern.days.map((re) => re.exec(sentence)).find(Boolean);
    const untilMatch = pattern.until.exec(sentence);
    const until = untilMatch ? dayFromMatch(untilMatch.slice(1)) : undefined;
    if (!days && !until) {
      continue;
    }
    const result: Pick<Detected, 'custodyDays' | 'custodyKind' | 'until'> = {
      custodyKind: pattern.kind(sentence),
    };
    if (days) {
      result.custodyDays = Number(days[1]);
    }
    if (until) {
      result.until = until;
    }
    return result;
  }
  return undefined;
}

const SECTION = String.raw`\d+[A-Z]{0,3}(?:\.\d+)*(?:\(\d+\))?`;
const SECTION_LIST = new RegExp(
  String.raw`\b(?:Sections?|Articles?|ss?\.)\s+(${SECTION}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)${SECTION})*)\s+of\s+(?:the\s+)?(?:[a-z][\p{L}-]*\s+){0,3}`,
  'gu',
);
const LAW_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]*|\(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)*\)|\d{4})`;
const LAW_NAME = new RegExp(
  String.raw`^${LAW_WORD}(?:\s+(?:(?:of|and|on|for|the|against|in|to)\s+)*${LAW_WORD})*`,
  'u',
);
const ABBREVIATION = /\s*\((\p{Lu}{2,}[\p{Lu}\d&]*)\)$/u;
const QUOTED = /[“"«]([^”"»]+)[”"»]/gu;

function quotes(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((match) => match[1].trim());
}

/** The text of the parenthesis opening at `start` (which must be "("), and where it closes. */
function parenthesis(text: string, start: number): { inside: string; end: number } | undefined {
  if (text[start] !== '(') {
    return undefined;
  }
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '(') {
      depth += 1;
    } else if (text[index] === ')') {
      depth -= 1;
      if (depth === 0) {
        return { inside: text.slice(start + 1, index), end: index + 1 };
      }
    }
  }
  return undefined;
}

/**
 * "Sections 120B, 121, and 121A of the Indian Penal Code" and the like, with the offences when the
 * statement names them in quotes just before the list or in a parenthesis right after it
 * ("…, respectively").
 */
export function readCharges(text: string): DetectedCharge[] {
  const status = /charge[- ]?sheet/i.test(text) ? 'in_charge_sheet' : 'alleged';
  const charges: DetectedCharge[] = [];
  let consumed = 0;
  for (const match of text.matchAll(SECTION_LIST)) {
    const start = match.index;
    const afterOf = start + match[0].length;
    const name = LAW_NAME.exec(text.slice(afterOf));
    if (!name) {
      continue;
    }
    const lawWithAbbreviation = name[0].replace(/\s+(?:of|and|on|for|the|against|in|to)$/u, '');
    const law = lawWithAbbreviation.replace(ABBREVIATION, '').trim();
    const sections = match[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/).filter(Boolean);
    let end = afterOf + lawWithAbbreviation.length;
    let offences: string[] = [];
    const following = parenthesis(text, end + (text.slice(end).length - text.slice(end).trimStart().length));
    const after = following ? quotes(following.inside) : [];
    const before = quotes(text.slice(consumed, start));
    if (after.length === sections.length) {
      offences = after;
      end = following?.end ?? end;
    } else if (before.length >= sections.length && sections.length > 0) {
      offences = before.slice(before.length - sections.length);
    }
    sections.forEach((section, index) => {
      const charge: DetectedCharge = { law, section, status };
      if (offences[index]) {
        charge.offence = offences[index];
      }
      charges.push(charge);
    });
    consumed = end;
  }
  charges.push(...readArticles(text, status));
  const counts = COUNTS.exec(text);
  const count = counts ? countOf(counts[1]) : undefined;
  if (count !== undefined && charges.length === 1) {
    charges[0].counts = count;
  }
  return charges;
}

const COUNTS =
  /(?<![\p{L}\d])(\d{1,3}|\p{L}+)\s+(?:counts?|chefs?\s+d['’]accusation|cargos?|эпизод\p{L}*)\s+(?:of|de|по)?/iu;

// "article 421-2-1 du Code pénal", "artículo 315 del Código Penal", "ч. 2 ст. 280 УК РФ".
const ARTICLES: RegExp[] = [
  /(?<![\p{L}])articles?\s+([\d.-]+(?:\s*(?:,|et)\s*[\d.-]+)*)\s+du\s+(code\s+pénal|code\s+\p{L}+(?:\s+\p{L}+)?)/giu,
  /(?<![\p{L}])art[íi]culos?\s+([\d.]+(?:\s*(?:,|y)\s*[\d.]+)*)\s+del\s+(código\s+penal|código\s+\p{L}+)/giu,
  /(?<![\p{L}])(?:ч\.\s*\d+\s+)?ст(?:\.|атьи|атье|атьям|атья)\s*([\d.]+(?:\s*(?:,|и)\s*[\d.]+)*)\s+(УК(?:\s+РФ)?|Уголовного\s+кодекса(?:\s+\p{L}+)*)/giu,
];

function readArticles(text: string, status: DetectedCharge['status']): DetectedCharge[] {
  return ARTICLES.flatMap((pattern) =>
    [...text.matchAll(pattern)].flatMap((match) => {
      const law = match[2].charAt(0).toLocaleUpperCase() + match[2].slice(1);
      return match[1]
        .split(/\s*(?:,|et|y|и)\s*/u)
        .filter(Boolean)
        .map((section) => ({ law, section: section.replace(/\.$/, ''), status }));
    }),
  );
}

function isHearingSentence(sentence: string): boolean {
  if (/\bhearing\b/i.test(sentence) && !/\b(?:next|upcoming|future|following)\s+hearing\b/i.test(sentence)) {
    return true;
  }
  return (
    /\b(?:appeared|was\s+produced|produced)\s+(?:before|at|in)\b/i.test(sentence) ||
    /\b(?:court|judge|magistrate)\b[^.]*?\b(?:extended|remanded|ordered|granted|denied|rejected|adjourned|refused|convicted|acquitted|sentenced)\b/i.test(
      sentence,
    )
  );
}

const COURT = new RegExp(
  String.raw`(?:[Tt]he\s+|An?\s+|an?\s+)?((?:\p{Lu}[\p{L}’'.-]*\s+|\(\p{Lu}+\)\s+|(?:of|for)\s+)*(?:[Cc]ourt|Tribunal|Magistrate))((?:\s+(?:in|at|of)\s+\p{Lu}[\p{L}]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}]*)*)?)`,
  'u',
);

function courtName(sentence: string): string | undefined {
  const match = COURT.exec(sentence);
  if (!match) {
    return undefined;
  }
  const name = `${match[1]}${match[2]}`.trim();
  return /^\p{Lu}/u.test(name) && !/^(?:Court|Tribunal|Magistrate)$/.test(name) ? name : undefined;
}

const NEXT_HEARING = new RegExp(
  String.raw`\b(?:(?:next|upcoming)\s+hearing\s+(?:is\s+|was\s+)?(?:(?:scheduled|set|listed|fixed)\s+)?(?:on|for)|(?:adjourned|listed|posted)\s+(?:the\s+(?:case|matter|hearing)\s+)?(?:to|till|until|for|on))\s+(?:${DAY_IN_TEXT})`,
  'iu',
);

function readNextHearing(text: string): DetectedHearing | undefined {
  const match = NEXT_HEARING.exec(text);
  const on = match ? dayFromMatch(match.slice(1)) : undefined;
  return on ? { on } : undefined;
}
