// How an entry is worded: a hearing as one sentence, a text's first sentence as an entry's title,
// and the clause and full-stop helpers they share.

import { zoneAbbreviation } from '../hearings/court-time';
import { ChronologyCaseFacts, HearingRecord } from './chronology-records';
import { ChronologyLanguage } from './date-phrases';
import { LABELS } from './labels';

/**
 * A hearing as one sentence, as a statement would put it: "Hearing at the NIA Special Court at 10:30
 * IST; bail application; custody extended by 50 days." Purpose, status and outcome follow as clauses.
 */
export function hearingText(
  record: HearingRecord,
  facts: ChronologyCaseFacts | undefined,
  lang: ChronologyLanguage,
): string {
  const labels = LABELS[lang];
  const time =
    record.timeKnown && facts
      ? `${record.scheduledLocal.slice(11, 16)} ${zoneAbbreviation(facts.timezone, record.scheduledAt)}`
      : null;
  const clauses = [labels.hearingAt(record.court, time)];
  if (record.purpose?.trim()) {
    clauses.push(asClause(record.purpose));
  }
  if (record.status === 'adjourned' || record.status === 'cancelled') {
    clauses.push(labels.hearingStatus[record.status]);
  }
  if (record.outcome?.trim()) {
    clauses.push(asClause(record.outcome));
  }
  return endSentence(clauses.join(labels.clauses));
}

const HEADLINE_LENGTH = 100;

/**
 * The first sentence of a text, without its full stop, cut at a word boundary when long: a title
 * ("Arrested by the NIA in Srinagar"). Initials and abbreviations ("s. 13", "U.A.P.A.") are kept whole.
 */
export function firstSentence(text: string): string {
  const paragraph = text
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ');
  const end = /[.!?…](?=\s+[A-ZА-ЯЁÀ-ÖØ-Þ"«“(])/u.exec(paragraph);
  const sentence = (end ? paragraph.slice(0, end.index + 1) : paragraph).replace(/\.$/, '');
  if (sentence.length <= HEADLINE_LENGTH) {
    return sentence;
  }
  const cut = sentence.slice(0, HEADLINE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > HEADLINE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, '')}…`;
}

/** "Custody extended." → "custody extended"; "NIA remand" keeps its capitals. */
function asClause(text: string): string {
  const trimmed = text.trim().replace(/[.;]+$/, '');
  const [first, second] = [...trimmed];
  return second !== undefined &&
    second === second.toLocaleLowerCase() &&
    second !== second.toLocaleUpperCase()
    ? first.toLocaleLowerCase() + trimmed.slice(first.length)
    : trimmed;
}

const endSentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
