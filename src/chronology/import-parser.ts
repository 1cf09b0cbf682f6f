import { addDays } from '../common/calendar-day';
import type { DatePrecision, IsoDate } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { EventType } from '../events/event.entity';
import { ChronologyLanguage, formatDate, formatDay, isoDate, lastDayOf, monthNumber } from './date-phrases';

// Reads chronology text as advocacy statements write it (see test fixtures) into typed entries and
// the problems a caseworker should look at before anything is saved. Pure: no I/O, no clock.

export interface DetectedCharge {
  law: string;
  section: string;
  offence?: string;
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

export interface ParsedEntry {
  /** 1-based line of the text where the entry starts. */
  line: number;
  occurredOn: IsoDate;
  precision: DatePrecision;
  type: EventType;
  description: string;
  detected: Detected;
}

export const IMPORT_WARNING_KINDS = [
  'out-of-order',
  'impossible-date',
  'custody-arithmetic',
  'custody-end-before-order',
  'future-date',
  'no-entries',
] as const;
export type ImportWarningKind = (typeof IMPORT_WARNING_KINDS)[number];

export interface ImportWarning {
  line: number;
  kind: ImportWarningKind;
  problem: string;
}

/** Warnings that mean a line could not become an entry at all: saving would silently drop it. */
export const BLOCKING_WARNINGS: readonly ImportWarningKind[] = ['impossible-date', 'no-entries'];

export interface ParsedChronology {
  /** A heading line before everything else ("India: Chronology of harassment against …"). */
  title?: string;
  /** Undated paragraphs before the first entry: who the defender is. */
  profile: string[];
  entries: ParsedEntry[];
  warnings: ImportWarning[];
  /** A recognised closing line ("India is rated 'Repressed' by the CIVICUS Monitor."), not an entry. */
  closingLine?: string;
}

export interface ParseOptions {
  /** The language problems are written in (dates in any of our languages are read regardless). */
  lang?: ChronologyLanguage;
  /** Today in the case's zone; entries after it are flagged. */
  today?: IsoDate;
  /** Closing lines configured for the country, recognised in addition to the CIVICUS rating line. */
  closingLines?: string[];
}

// ---------------------------------------------------------------------------------------------
// Dates at the head of a paragraph or sentence

type DateHead =
  | { kind: 'date'; occurredOn: IsoDate; precision: DatePrecision; rest: string }
  | { kind: 'impossible'; written: string };

const WORD = String.raw`(\p{L}+\.?)`;
const YEAR = String.raw`(\d{4})`;
const RU_YEAR_MARK = String.raw`(?:\s*г(?:ода|оду|\.)?)?`;
// What may follow a date head: a colon, comma or dash, or just a space; never "and"/"to" ("In 2019 and 2020").
const SEPARATOR = String.raw`(?!\s*(?:and|or|to|и|et|y)\b)\s*(?:[:,–—]|-(?=\s))?\s*`;
const BULLET = String.raw`^(?:[-*•]\s+)?`;

const HEADS: { pattern: RegExp; precision: DatePrecision; order: 'dmy' | 'mdy' | 'my' | 'y' }[] = [
  {
    // 22 November 2021: / On 22 November 2021, / 22 ноября 2021 г.: / 1er mars 2022 : / 22 de noviembre de 2021:
    pattern: new RegExp(
      `${BULLET}(?:(?:On|Le|El)\\s+)?(\\d{1,2})(?:st|nd|rd|th|er)?\\s+(?:de\\s+)?${WORD}\\s+(?:de\\s+)?${YEAR}${RU_YEAR_MARK}${SEPARATOR}`,
      'u',
    ),
    precision: 'day',
    order: 'dmy',
  },
  {
    // November 22, 2021:
    pattern: new RegExp(
      `${BULLET}(?:On\\s+)?${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${SEPARATOR}`,
      'u',
    ),
    precision: 'day',
    order: 'mdy',
  },
  {
    // In October 2020, / October 2020: / В октябре 2020 г. / En octubre de 2020,
    pattern: new RegExp(
      `${BULLET}(?:(?:In|During|Во?|En)\\s+)?${WORD}\\s+(?:de\\s+)?${YEAR}${RU_YEAR_MARK}${SEPARATOR}`,
      'u',
    ),
    precision: 'month',
    order: 'my',
  },
  {
    // In 2016, / В 2016 г. / En 2016,
    pattern: new RegExp(`${BULLET}(?:In|During|Во?|En)\\s+${YEAR}${RU_YEAR_MARK}${SEPARATOR}`, 'u'),
    precision: 'year',
    order: 'y',
  },
  {
    // 2016: (a bare year needs a colon or dash)
    pattern: new RegExp(`${BULLET}${YEAR}\\s*[:–—]\\s*`, 'u'),
    precision: 'year',
    order: 'y',
  },
];

const PLAUSIBLE_YEARS = { min: 1900, max: 2100 };

function readDateHead(text: string): DateHead | undefined {
  for (const head of HEADS) {
    const match = head.pattern.exec(text);
    if (!match) {
      continue;
    }
    const rest = text.slice(match[0].length).trim();
    if (!rest) {
      continue;
    }
    let year: number;
    let month = 1;
    let day = 1;
    switch (head.order) {
      case 'dmy':
        [day, month, year] = [Number(match[1]), monthNumber(match[2]) ?? 0, Number(match[3])];
        break;
      case 'mdy':
        [month, day, year] = [monthNumber(match[1]) ?? 0, Number(match[2]), Number(match[3])];
        break;
      case 'my':
        [month, year] = [monthNumber(match[1]) ?? 0, Number(match[2])];
        break;
      case 'y':
        year = Number(match[1]);
        break;
    }
    if (month === 0) {
      continue; // the word was not a month: not a date head of this form
    }
    const occurredOn = isoDate(year, month, day);
    if (!occurredOn || year < PLAUSIBLE_YEARS.min || year > PLAUSIBLE_YEARS.max) {
      return { kind: 'impossible', written: match[0].replace(/[\s:,–—-]+$/u, '').replace(/^[-*•]\s+/u, '') };
    }
    return { kind: 'date', occurredOn, precision: head.precision, rest: capitalize(rest) };
  }
  return undefined;
}

/** A date written inside running text ("until 21 January 2022"); day precision only. */
const DAY_IN_TEXT = String.raw`(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})|(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`;

function dayFromMatch(groups: (string | undefined)[]): IsoDate | undefined {
  const [d1, m1, y1, m2, d2, y2] = groups;
  const month = monthNumber((m1 ?? m2) as string);
  if (!month) {
    return undefined;
  }
  return isoDate(Number(y1 ?? y2), month, Number(d1 ?? d2));
}

const capitalize = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------------
// Paragraphs and entries

interface Unit {
  line: number;
  text: string;
  /** True when a blank line comes before it (a new paragraph), false for a wrapped line. */
  paragraph: boolean;
}

function units(text: string): Unit[] {
  const result: Unit[] = [];
  let blankBefore = true;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      blankBefore = true;
      return;
    }
    result.push({ line: index + 1, text: line, paragraph: blankBefore });
    blankBefore = false;
  });
  return result;
}

const CIVICUS_RATING = /\bis\s+rated\s+['‘"“][^'’"”]+['’"”]\s+by\s+the\s+CIVICUS\s+Monitor\.?$/iu;

/** Where sentences start inside a paragraph (after ". " and the like). */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  const boundary = /[.!?]["”’)]?\s+(?=\p{Lu}|\d)/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    starts.push(match.index + match[0].length);
  }
  return starts;
}

interface Draft {
  line: number;
  occurredOn: IsoDate;
  precision: DatePrecision;
  parts: string[];
}

export function parseChronology(text: string, options: ParseOptions = {}): ParsedChronology {
  const lang = options.lang ?? 'en';
  const drafts: Draft[] = [];
  const profile: string[] = [];
  const warnings: ImportWarning[] = [];
  let title: string | undefined;
  let closingLine: string | undefined;
  // The entry that undated paragraphs continue; null after a line we could not date (its
  // continuation belongs to it, not to the entry before).
  let current: Draft | null = null;
  let skipping = false;
  const knownClosings = (options.closingLines ?? []).map((line) => line.trim().toLowerCase());

  const all = units(text);
  all.forEach((unit, index) => {
    const head = readDateHead(unit.text);
    if (head?.kind === 'impossible') {
      warnings.push({
        line: unit.line,
        kind: 'impossible-date',
        problem: `"${head.written}" is not a real date`,
      });
      current = null;
      skipping = true;
      return;
    }
    if (head?.kind === 'date') {
      current = {
        line: unit.line,
        occurredOn: head.occurredOn,
        precision: head.precision,
        parts: [head.rest],
      };
      drafts.push(current);
      skipping = false;
      return;
    }
    if (drafts.length === 0 && !skipping) {
      if (index === 0 && !unit.text.endsWith('.') && unit.text.length <= 200 && all[1]?.paragraph !== false) {
        title = unit.text;
        return;
      }
      // Before the first entry: profile, unless a sentence inside it starts with a date.
      for (const start of sentenceStarts(unit.text).slice(1)) {
        const inner = readDateHead(unit.text.slice(start));
        if (inner?.kind === 'date') {
          const before = unit.text.slice(0, start).trim();
          if (before) {
            profile.push(before);
          }
          current = {
            line: unit.line,
            occurredOn: inner.occurredOn,
            precision: inner.precision,
            parts: [inner.rest],
          };
          drafts.push(current);
          return;
        }
      }
      if (unit.paragraph || profile.length === 0) {
        profile.push(unit.text);
      } else {
        profile[profile.length - 1] += ` ${unit.text}`;
      }
      return;
    }
    if (CIVICUS_RATING.test(unit.text) || knownClosings.includes(unit.text.toLowerCase())) {
      closingLine = unit.text;
      return;
    }
    if (skipping || !current) {
      return;
    }
    const draft: Draft = current;
    if (unit.paragraph) {
      draft.parts.push(unit.text);
    } else {
      draft.parts[draft.parts.length - 1] += ` ${unit.text}`;
    }
  });

  const entries = drafts.map((draft): ParsedEntry => {
    const description = draft.parts.join('\n\n');
    return {
      line: draft.line,
      occurredOn: draft.occurredOn,
      precision: draft.precision,
      type: classify(description),
      description,
      detected: detect(description, draft.occurredOn, draft.precision),
    };
  });

  warnings.push(...orderWarnings(entries, lang), ...custodyWarnings(entries, lang));
  if (options.today) {
    const today = options.today;
    for (const entry of entries.filter((e) => e.occurredOn > today)) {
      warnings.push({
        line: entry.line,
        kind: 'future-date',
        problem: `${formatDate(entry.occurredOn, entry.precision, lang)} is after today`,
      });
    }
  }
  if (entries.length === 0) {
    warnings.push({
      line: 1,
      kind: 'no-entries',
      problem: 'No dated entries were found ("22 November 2021: …")',
    });
  }
  warnings.sort((a, b) => a.line - b.line);
  return { title, profile, entries, warnings, closingLine };
}

function orderWarnings(entries: ParsedEntry[], lang: ChronologyLanguage): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    if (previous && lastDayOf(entry.occurredOn, entry.precision) < previous.occurredOn) {
      warnings.push({
        line: entry.line,
        kind: 'out-of-order',
        problem:
          `${formatDate(entry.occurredOn, entry.precision, lang)} comes after ` +
          `${formatDate(previous.occurredOn, previous.precision, lang)} (line ${previous.line}): ` +
          'out of date order — is the year right?',
      });
    }
  });
  return warnings;
}

function custodyWarnings(entries: ParsedEntry[], lang: ChronologyLanguage): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  for (const entry of entries) {
    const { custodyDays, until } = entry.detected;
    if (entry.precision !== 'day' || !until) {
      continue;
    }
    if (until < entry.occurredOn) {
      warnings.push({
        line: entry.line,
        kind: 'custody-end-before-order',
        problem: `custody ends on ${formatDay(until, lang)}, before it was ordered on ${formatDay(entry.occurredOn, lang)}`,
      });
      continue;
    }
    if (custodyDays !== undefined) {
      const computed = addDays(entry.occurredOn, custodyDays);
      if (computed !== until) {
        warnings.push({
          line: entry.line,
          kind: 'custody-arithmetic',
          problem:
            `${custodyDays} days from ${formatDay(entry.occurredOn, lang)} end on ${formatDay(computed, lang)}, ` +
            `but the text says until ${formatDay(until, lang)}`,
        });
      }
    }
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// What an entry says: its type, custody orders, charges and hearings

// First match wins, so the more specific kinds come first ("arrested" beats the UN session the
// same sentence mentions; "concern over the arrest" is the UN's action, not an arrest).
const TYPE_RULES: [EventType, RegExp][] = [
  ['death_in_custody', /\bdied\b|\bdeath in custody\b|умер|скончал|décéd|falleci/iu],
  ['hunger_strike', /hunger strike|голодовк|grève de la faim|huelga de hambre/iu],
  [
    'arrest',
    /\barrested\b|\barrest memo\b|taken into custody|задержан|арестован|arrêtée?\b|interpellée?|detenid[oa]\b/iu,
  ],
  ['un_action', /\bUnited Nations\b|\bUN\b|ООН|\bONU\b|Special Rapporteur|Secretary[- ]General/u],
  ['advocacy', /\bresolution\b|\bcampaign|\bpetition|\bletter\b|\bCongress\b|\bParliament\b/iu],
  ['statement', /\bstatement\b|\bcall(?:ed|ing|s)? for\b|\bcondemn|заявлени|déclaration|declaración/iu],
  [
    'charge_sheet',
    /(?:filed|submitted|presented)\s+(?:a\s+|the\s+)?charge[- ]?sheet|charge[- ]?sheet\s+(?:was\s+)?filed|\bindicted\b|обвинительн\S* заключени|acte d['’]accusation|acusación formal/iu,
  ],
  [
    'bail_denied',
    /bail\s+(?:was\s+|plea\s+)?(?:denied|rejected|refused)|(?:denied|rejected|refused)\s+(?:his\s+|her\s+)?bail/iu,
  ],
  ['bail_granted', /granted\s+bail|bail\s+(?:was\s+)?granted|released on bail/iu],
  ['raid', /\braid(?:s|ed)?\b|обыск|perquisition|allanamiento/iu],
  ['release', /\breleased\b|освобожд|libérée?\b|liberad[oa]\b/iu],
  [
    'court',
    /\bcourt\b|\bhearing\b|\bjudge\b|\bappeared\b|custody\s+(?:was\s+)?extended|extended\s+(?:his|her|their)\s+(?:judicial\s+|police\s+)?(?:custody|detention)|суд|tribunal|audiencia|audience/iu,
  ],
  [
    'transfer',
    /\btaken to\b|\btransferred\b|\bshifted to\b|этапирован|переведен|transférée?\b|trasladad[oa]\b/iu,
  ],
  ['travel_ban', /travel ban|barred from travel|запрет на выезд|interdiction de (?:quitter|voyager)/iu],
  [
    'family_visit_denied',
    /family\s+(?:was\s+)?(?:barred|denied|refused)|denied\s+(?:family\s+)?visits|visits?\s+(?:were\s+|was\s+)?(?:denied|refused|barred)|свидани/iu,
  ],
  ['ill_treatment', /tortur|beaten|ill[- ]treat|пытк|избит|mauvais traitements|malos tratos/iu],
  ['health', /\bhealth\b|hospital|medical|здоровь|больниц|santé|hôpital|salud/iu],
];

export function classify(description: string): EventType {
  return TYPE_RULES.find(([, pattern]) => pattern.test(description))?.[0] ?? 'other';
}

function sentences(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((start, index) => text.slice(start, starts[index + 1]).trim());
}

function detect(description: string, occurredOn: IsoDate, precision: DatePrecision): Detected {
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
      /\b(?:extend|remand|order|sent|placed|prolong)\w*[^.]*?\bfor\s+(?:another\s+|a\s+further\s+|an?\s+(?:additional|further)\s+|a\s+period\s+of\s+|up\s+to\s+)?(\d{1,4})\s+(?:more\s+|additional\s+|further\s+)?days?\b/i,
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

const SECTION = String.raw`\d+[A-Z]{0,3}(?:\(\d+\))?`;
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
  return charges;
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
