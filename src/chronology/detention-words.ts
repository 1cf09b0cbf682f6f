import type { CaseStageKind, StageDecision } from '../cases/case-stages';
import type { DatePrecision, IsoDate } from '../common/entry';
import { Language } from '../i18n/languages';
import { listOf, translatorFor } from '../i18n/translate';
import { entryLead, formatDate, formatStatementDay } from './date-phrases';

// How an export words a detention: the summary line ("In pre-trial detention since 3 May 2022
// (…days)", "Serving a 10-year sentence …"), from the message catalogues, with plurals from Intl.
// Only the date phrases ("since May 2022", "в мае 2022 г.") are built here, from date-phrases.ts.

/** A sentence's length in whole units, from its ISO 8601 term. */
export interface TermParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

export type CustodyBasisWord = 'police' | 'judicial' | 'pre_trial' | 'administrative' | 'house_arrest';

export interface DetentionWords {
  label: string;
  /** "since 3 May 2022", "since May 2022"; `days` only when known to the day. */
  inCustody: (basis: CustodyBasisWord, since: string, days: number | null) => string;
  /** "Serving a 10-year sentence; expected release 20 March 2027". */
  serving: (term: TermParts, release: string | null) => string;
  servingLife: string;
  sentencedToDeath: string;
  /** `at`: "on 24 April 2022", "in April 2022"; null when undated. */
  died: (at: string | null) => string;
  disappeared: (at: string | null) => string;
  onBail: (since: string | null) => string;
  released: (at: string | null) => string;
  notDetained: string;
  /** "since 3 May 2022", "since May 2022"; "on 24 April 2022", "in April 2022": a date at its precision. */
  since: (date: IsoDate, precision: DatePrecision) => string;
  at: (date: IsoDate, precision: DatePrecision) => string;
}

// "In October 2020" as the middle of a sentence.
const lowerLead = (date: IsoDate, precision: DatePrecision, language: Language): string => {
  const lead = entryLead(date, precision, language);
  return lead.charAt(0).toLocaleLowerCase() + lead.slice(1);
};

/** "since 3 May 2022", "с мая 2022 г.", "depuis le 3 mai 2022", "منذ 3 مايو 2022". */
function sinceDate(date: IsoDate, precision: DatePrecision, language: Language): string {
  const day = precision === 'day';
  switch (language) {
    case 'en':
      return `since ${formatDate(date, precision, language)}`;
    case 'ru':
      // "с 3 мая", "с мая", "с 2016 г.": the month after "с" is genitive, as in a day's date.
      return precision === 'month'
        ? `с ${formatStatementDay(date, 'ru').replace(/^\d+ /, '')}`
        : `с ${formatDate(date, precision, 'ru')}`;
    case 'fr':
      return day
        ? `depuis le ${formatStatementDay(date, 'fr')}`
        : `depuis ${formatDate(date, precision, 'fr')}`;
    case 'es':
      return day
        ? `desde el ${formatStatementDay(date, 'es')}`
        : `desde ${formatDate(date, precision, 'es')}`;
    case 'ar':
      return `منذ ${formatDate(date, precision, 'ar')}`;
  }
}

/** "on 24 April 2022", "24 апреля 2022 г.", "le 24 avril 2022", "في 24 أبريل 2022"; "in April 2022". */
function atDate(date: IsoDate, precision: DatePrecision, language: Language): string {
  if (precision !== 'day') {
    return lowerLead(date, precision, language);
  }
  const on = { en: 'on ', ru: '', fr: 'le ', es: 'el ', ar: 'في ' }[language];
  return `${on}${formatStatementDay(date, language)}`;
}

const onlyYears = (term: TermParts): boolean => term.years > 0 && !term.months && !term.weeks && !term.days;

export function detentionWords(language: Language): DetentionWords {
  const t = translatorFor(language);
  const termWords = (term: TermParts): string =>
    listOf(
      language,
      (['years', 'months', 'weeks', 'days'] as const)
        .filter((unit) => term[unit] > 0)
        .map((unit) => t(`unit.${unit}`, { count: term[unit] })),
    );
  return {
    label: t('detention.label'),
    inCustody: (basis, since, days) =>
      `${t(`detention.inCustody.${basis}`)} ${since}${days === null ? '' : ` (${t('unit.days', { count: days })})`}`,
    serving: (term, release) => {
      const serving = onlyYears(term)
        ? t('detention.servingYears', { years: term.years })
        : t('detention.servingTerm', { term: termWords(term) });
      return release ? t('detention.expectedRelease', { serving, date: release }) : serving;
    },
    servingLife: t('detention.servingLife'),
    sentencedToDeath: t('detention.sentencedToDeath'),
    died: (at) => (at ? t('detention.diedAt', { at }) : t('detention.died')),
    disappeared: (at) => (at ? t('detention.disappearedAt', { at }) : t('detention.disappeared')),
    onBail: (since) => (since ? t('detention.onBailSince', { since }) : t('detention.onBail')),
    released: (at) => (at ? t('detention.releasedAt', { at }) : t('detention.released')),
    notDetained: t('detention.notDetained'),
    since: (date, precision) => sinceDate(date, precision, language),
    at: (date, precision) => atDate(date, precision, language),
  };
}

// ---- The case's stage (stageSummary in detention-summary.ts) ----

export interface StageWords {
  label: string;
  /** An investigation whose charge sheet is in. */
  charged: string;
  /** "On appeal at the Court of Appeal of Antananarivo since 3 March 2025"; `since` comes as a phrase. */
  underway: (stage: CaseStageKind, court: string | null, since: string | null) => string;
  /** "Appeal: sentence reduced by the Court of Appeal of Antananarivo on 30 April 2025"; `at` as a phrase. */
  decided: (stage: CaseStageKind, decision: StageDecision, court: string | null, at: string | null) => string;
}

const joined = (...parts: (string | null)[]): string => parts.filter(Boolean).join(' ');
// "the High Court" and "High Court" read the same after "at the" / "by the".
const bareCourt = (court: string): string => court.replace(/^the\s+/i, '');

export function stageWords(language: Language): StageWords {
  const t = translatorFor(language);
  return {
    label: t('stage.label'),
    charged: t('stage.charged'),
    underway: (stage, court, since) => {
      const what = t(`stage.underway.${stage}`);
      return joined(court === null ? what : t('stage.underwayAt', { what, court: bareCourt(court) }), since);
    },
    decided: (stage, decision, court, at) => {
      const what = t('stage.decided', {
        stage: t(`stage.kind.${stage}`),
        decision: t(`stage.decision.${decision}`),
      });
      return joined(court === null ? what : t('stage.decidedBy', { what, court: bareCourt(court) }), at);
    },
  };
}
