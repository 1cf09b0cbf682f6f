import type { Language } from '../i18n/languages';
import { listOf, MessageKey, term, translate } from '../i18n/translate';
import { formatDay, problemForLabel } from './format';
import { IMPOSSIBLE_DATE, UNREADABLE_DATE, UNREADABLE_OFFSET, UNREADABLE_TERM } from './forms';
import { readPlainDate, readPlainDateAsKnown } from './plain-date';
import { termExamples } from './plain-term';
import type { DatePrecision } from '../common/entry';
import { MAX_DOCUMENT_MEGABYTES, UPLOAD_PROBLEMS, UploadProblem } from '../documents/document-type';
import { PERIOD_OUT_OF_RANGE, periodExamples, UNREADABLE_PERIOD } from './limit-periods';
import { MAX_PERIOD_LENGTH } from '../statutory-limits/limit-model';

// The API words its problems for developers: "must not be before arrestedOn (2027-01-15)". A page says
// them to a caseworker, in the reader's language, naming the other date by what it is and printing
// dates the way the caseworker typed them ("Released on must not be before the arrest date
// (15/01/2027)"). A problem this table does not know keeps the API's words, behind the field's label.

const EXAMPLE_DAY = '2024-11-20';
const EXAMPLE_NUMERIC = '20/11/2024';

// A day as the API writes it in a problem: ISO, or "15 January 2027" (formatLongDate).
const DAY = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4})`;

/** The other dates problems compare with, as the catalogue's `problem.compared` select names them. */
type Reference = 'arrest' | 'order' | 'end' | 'decision' | 'began' | 'from';

const COMPARISONS: { pattern: RegExp; relation: 'before' | 'after'; reference: Reference }[] = [
  {
    pattern: new RegExp(`^must not be before arrestedOn \\(${DAY}\\)$`),
    relation: 'before',
    reference: 'arrest',
  },
  {
    pattern: new RegExp(`^must not be before the order date ${DAY}$`),
    relation: 'before',
    reference: 'order',
  },
  { pattern: new RegExp(`^must not be after the end date ${DAY}$`), relation: 'after', reference: 'end' },
  {
    pattern: new RegExp(`^must not be before the decision, ${DAY}$`),
    relation: 'before',
    reference: 'decision',
  },
  {
    pattern: new RegExp(`^must not be before the day it began, ${DAY}$`),
    relation: 'before',
    reference: 'began',
  },
  { pattern: new RegExp(`^must not be before from \\(${DAY}\\)$`), relation: 'before', reference: 'from' },
];
const FUTURE = new RegExp(`^must not be in the future: ${DAY} is after today, ${DAY}$`);
const FIRST_OF = /^must be (the first day of its month|1 January of its year) when \w+ is "(month|year)"$/;

// An event's date against its precision (events/event-date.ts): what was typed is more or less precise
// than the precision chosen beside it. Each names the precision chosen and what the API guesses was typed.
const PRECISION_MISFITS: { pattern: RegExp; precision: DatePrecision; given: DatePrecision }[] = [
  { pattern: /^needs a full date \(YYYY-MM-DD\) for precision day$/, precision: 'day', given: 'month' },
  { pattern: /^needs a month \(YYYY-MM\) for precision month$/, precision: 'month', given: 'year' },
  { pattern: /^\S+ does not fit precision month:/, precision: 'month', given: 'day' },
  { pattern: /^\S+ does not fit precision year:/, precision: 'year', given: 'day' },
];
// What the API says of a date, or a court time, it cannot read: on a page, one typed blank or unread.
const NO_EVENT_DATE =
  /^(?:must be a date as YYYY-MM-DD|must be a real calendar date as YYYY-MM-DD|must be a local date-time such as )/;
const NO_CALENDAR_DATE = / is not a real calendar date$/;

// A court time is typed as two fields (court-time.njk) and read as one; a day that could not be read
// makes the API's problem about the whole, so the page says which day it could not read.
const COURT_DAY_FIELDS: Record<string, string> = { scheduledAt: 'scheduledDate', nextHearingAt: 'nextDate' };

// The commonest problems of class-validator's constraints (and the DTOs' own wording of them), as
// the filter sees them: the API's sentence after the property's name. Each names a catalogue message
// and the number it carries, if any; a term's problems give examples of terms in the reader's words.
const COMMON_PROBLEMS: { pattern: RegExp; key: MessageKey; terms?: true }[] = [
  {
    pattern: /^(?:must not be blank|should not be empty|must be longer than or equal to 1 characters?)$/,
    key: 'problem.blank',
  },
  { pattern: /^must be an email(?: address)?$/, key: 'problem.email' },
  { pattern: /^must be longer than or equal to (\d+) characters$/, key: 'problem.tooShort' },
  { pattern: /^must be shorter than or equal to (\d+) characters$/, key: 'problem.tooLong' },
  { pattern: /^must be at most (\d+) characters$/, key: 'problem.tooLong' },
  { pattern: /^must be one of the (?:following values: .*|languages offered)$/, key: 'problem.choice' },
  { pattern: /^must be a string$/, key: 'problem.text' },
  { pattern: /^must be one line$/, key: 'problem.oneLine' },
  { pattern: /^must be an http\(s\) URL$/, key: 'problem.url' },
  { pattern: /^must be an IANA time zone/, key: 'problem.timeZone' },
  { pattern: /^must not be less than (-?\d+)$/, key: 'problem.atLeast' },
  { pattern: /^must not be greater than (-?\d+)$/, key: 'problem.atMost' },
  { pattern: /^must be an integer number$/, key: 'problem.wholeNumber' },
  // Chosen from a list on the pages: a person, a country, yes or no.
  { pattern: /^must be a UUID$/, key: 'problem.choice' },
  { pattern: /^must be an ISO 3166-1 alpha-2 country code$/, key: 'problem.choice' },
  { pattern: /^must be a boolean value$/, key: 'problem.choice' },
  { pattern: /^each value in \w+ must not be less than (-?\d+)$/, key: 'problem.eachAtLeast' },
  { pattern: /^each value in \w+ must not be greater than (-?\d+)$/, key: 'problem.eachAtMost' },
  { pattern: /^each value in \w+ must be an integer number$/, key: 'problem.eachWholeNumber' },
  {
    pattern: /^must be an ISO 8601 duration such as P15Y or P2Y6M, or life, or death$/,
    key: 'problem.sentenceTerm',
    terms: true,
  },
  { pattern: /^is required for a sentence: /, key: 'problem.sentenceTermRequired', terms: true },
  { pattern: /^is required for an appeal decision$/, key: 'problem.decisionRequired' },
  { pattern: /^of an appeal filed must be /, key: 'problem.appealStage' },
  { pattern: /^needs a decision on a court event$/, key: 'problem.deadlineNeedsDecision' },
  { pattern: /^must be two capital letters \(ISO 3166-1 alpha-2\)$/, key: 'problem.choice' },
  {
    pattern: /^must be an ISO 8601 term (?:of years, months, weeks or days )?\(/,
    key: 'problem.penaltyTerm',
    terms: true,
  },
  { pattern: /^must contain at least (\d+) elements?$/, key: 'problem.listAtLeast' },
  { pattern: /^must contain no more than (\d+) elements?$/, key: 'problem.listAtMost' },
  { pattern: /^each of \w+ must not be blank$/, key: 'problem.blank' },
  { pattern: /^each value in \w+ must be one of the following values: /, key: 'problem.choice' },
  { pattern: /^must be an array$/, key: 'problem.choice' },
  { pattern: /^All \w+'s elements must be unique$/, key: 'problem.unique' },
  { pattern: /^a source needs a citation or an http\(s\) URL$/, key: 'problem.sourceNeedsOne' },
  // The import preview's hidden fields and ticked boxes name its entries; only a changed page names others.
  { pattern: /^(?:each of \w+ )?must be an entry id from the preview/, key: 'problem.choice' },
  { pattern: /^no entry (?:starts on line \d+|\S+ in the preview)$/, key: 'problem.choice' },
  { pattern: /^this entry is about someone who is not in this case/, key: 'problem.importOtherPerson' },
];

// Why a document's upload was refused (documents/document-type.ts), by the API's sentence.
const UPLOAD_PROBLEM_KEYS: Record<UploadProblem, MessageKey> = {
  none: 'problem.file.none',
  tooLarge: 'problem.file.tooLarge',
  type: 'problem.file.type',
  unreadable: 'problem.file.unreadable',
};
const UPLOAD_PROBLEM_OF = new Map(
  Object.entries(UPLOAD_PROBLEMS).map(([kind, said]) => [said as string, kind as UploadProblem]),
);

// A field an event of another type does not carry (events/event-fields.ts): "applies only to
// hunger_strike, travel_ban and incommunicado events, not to appeal_decision".
const ONLY_FOR_TYPES = /^applies only to ([\w, ]+) events, not to (\w+)$/;

/** The API's sentence after the property's name: "orderedOn must be …" → "must be …". */
function withoutProperty(problem: string, field: string): string {
  const property = field.split('.').pop() ?? field;
  return problem.startsWith(`${property} `) ? problem.slice(property.length + 1) : problem;
}

/** A common problem of a property in the reader's words, or undefined when it is not one of those. */
function commonProblem(
  problem: string,
  field: string,
  label: string,
  language: Language,
): string | undefined {
  const said = withoutProperty(problem, field);
  for (const { pattern, key, terms } of COMMON_PROBLEMS) {
    const match = pattern.exec(said);
    if (match) {
      return translate(language, key, {
        label,
        count: Number(match[1] ?? 0),
        ...(terms ? termExamples(language) : {}),
      });
    }
  }
  return undefined;
}

/** The form's typed values, by field, as the page was given them to show again. */
export type TypedValues = Record<string, unknown>;

// A list asked for by an address with a parameter no form of it has (an old link, a typed address):
// the parameter has no label, so the problem names it as the address spells it.
const UNKNOWN_PARAMETER = /^property (\S+) should not exist$/;

/** A problem about no field of the form, in the reader's words where its shape is known. */
export function unlabelledProblemInWords(problem: string, language: Language): string {
  const unknown = UNKNOWN_PARAMETER.exec(problem);
  return unknown ? translate(language, 'problem.unknownParameter', { name: unknown[1] }) : problem;
}

const dayOf = (written: string): string | undefined => {
  const reading = readPlainDate(written);
  return 'date' in reading ? reading.date : undefined;
};

/** A day named in a problem as the caseworker typed it on this form, else in the reader's words. */
function dayAsTyped(written: string, typed: TypedValues, language: Language): string {
  const day = dayOf(written);
  if (day === undefined) {
    return written;
  }
  const same = Object.values(typed).find(
    (value): value is string => typeof value === 'string' && value.trim() !== '' && dayOf(value) === day,
  );
  return same?.trim() ?? formatDay(day, 'day', language);
}

/** A problem of a field, as the page shows it beside the field and in the form's summary. */
export function problemInWords(
  problem: string,
  field: string,
  label: string,
  language: Language,
  typed: TypedValues = {},
): string {
  const courtDay = COURT_DAY_FIELDS[field] && typed[COURT_DAY_FIELDS[field]];
  if (typeof courtDay === 'string' && courtDay.trim() !== '' && dayOf(courtDay) === undefined) {
    return problemInWords(UNREADABLE_DATE, COURT_DAY_FIELDS[field], label, language, typed);
  }
  const typedHere = typeof typed[field] === 'string' ? (typed[field] as string).trim() : '';
  if (problem === UNREADABLE_DATE || problem === IMPOSSIBLE_DATE) {
    return translate(
      language,
      problem === UNREADABLE_DATE ? 'problem.date.unreadable' : 'problem.date.impossible',
      {
        label,
        typed: typedHere,
        example: formatDay(EXAMPLE_DAY, 'day', language),
        numeric: EXAMPLE_NUMERIC,
      },
    );
  }
  if (NO_EVENT_DATE.test(withoutProperty(problem, field)) || NO_CALENDAR_DATE.test(problem)) {
    const wording = NO_CALENDAR_DATE.test(problem) ? IMPOSSIBLE_DATE : UNREADABLE_DATE;
    return typedHere === ''
      ? translate(language, 'problem.blank', { label })
      : problemInWords(wording, field, label, language, typed);
  }
  const onlyFor = ONLY_FOR_TYPES.exec(problem);
  if (onlyFor) {
    const types = onlyFor[1].split(/, | and /).map((type) => term(language, 'eventType', type));
    return translate(language, 'problem.onlyForTypes', {
      label,
      types: listOf(language, types),
      type: term(language, 'eventType', onlyFor[2]),
    });
  }
  for (const misfit of PRECISION_MISFITS) {
    if (misfit.pattern.test(problem)) {
      const reading = readPlainDateAsKnown(typedHere);
      return translate(language, 'problem.date.precision', {
        label,
        typed: typedHere,
        precision: misfit.precision,
        given: 'precision' in reading ? reading.precision : misfit.given,
      });
    }
  }
  if (problem.startsWith(UNREADABLE_OFFSET)) {
    return translate(language, 'problem.offset.unreadable', {
      typed: problem.slice(UNREADABLE_OFFSET.length),
    });
  }
  if (problem.startsWith(UNREADABLE_TERM)) {
    return translate(language, 'problem.term.unreadable', {
      label,
      typed: problem.slice(UNREADABLE_TERM.length),
      ...termExamples(language),
    });
  }
  if (problem.startsWith(UNREADABLE_PERIOD)) {
    return translate(language, 'problem.periods', {
      label,
      typed: problem.slice(UNREADABLE_PERIOD.length),
      ...periodExamples(language),
    });
  }
  if (problem.startsWith(PERIOD_OUT_OF_RANGE)) {
    return translate(language, 'problem.periodRange', {
      label,
      typed: problem.slice(PERIOD_OUT_OF_RANGE.length),
      max: MAX_PERIOD_LENGTH,
    });
  }
  const upload = UPLOAD_PROBLEM_OF.get(withoutProperty(problem, field));
  if (upload) {
    return translate(language, UPLOAD_PROBLEM_KEYS[upload], {
      label,
      size: translate(language, 'fileSize.megabytes', { size: MAX_DOCUMENT_MEGABYTES }),
    });
  }
  if (/must be a list of ISO 8601 durations/.test(problem)) {
    const chosen = [typed[field], typed[`${field}Other`]].some(
      (value) => typeof value === 'string' && value.trim() !== '',
    );
    return translate(language, chosen ? 'problem.offset.range' : 'problem.offset.none', { label });
  }
  for (const { pattern, relation, reference } of COMPARISONS) {
    const match = pattern.exec(problem);
    if (match) {
      return translate(language, 'problem.date.compared', {
        label,
        relation,
        reference,
        date: dayAsTyped(match[1], typed, language),
      });
    }
  }
  const future = FUTURE.exec(problem);
  if (future) {
    return translate(language, 'problem.date.future', {
      label,
      date: dayAsTyped(future[1], typed, language),
      today: formatDay(dayOf(future[2]) ?? future[2], 'day', language),
    });
  }
  const firstOf = FIRST_OF.exec(problem);
  if (firstOf) {
    return translate(language, 'problem.date.firstOf', { label, precision: firstOf[2] });
  }
  return commonProblem(problem, field, label, language) ?? problemForLabel(problem, field, label);
}
