import { AuthUser } from '../auth/auth-user';
import { readableBy } from '../common/readers';
import { DetentionStatus } from '../cases/case.entity';
import { CustodyClock } from '../cases/dto/case-view.dto';
import { DatePrecision, Visibility } from '../common/entry';
import { INTL_LOCALE, Language } from '../i18n/languages';
import { listOf, MessageKey, term, translatorFor } from '../i18n/translate';
import type { CaseStages } from '../cases/case-stages';
import { coAccusedPhrase } from '../chronology/co-accused-words';
import { stageSummary } from '../chronology/detention-summary';
import { formatDay } from './format';
import { readPlainDate } from './plain-date';

// The case page's words for the detention history, and the court-time fields of the forms.

export interface ClockFacts {
  detentionStatus: DetentionStatus;
  custodyClock: Pick<
    CustodyClock,
    | 'daysInCustody'
    | 'daysInCustodyIsPartial'
    | 'currentPeriod'
    | 'currentOrder'
    | 'lastReleasedOn'
    | 'lastReleasedPrecision'
    | 'currentBail'
    | 'sentence'
    | 'death'
    | 'disappearance'
    | 'flags'
  >;
}

const UNIT_KEYS = { Y: 'unit.years', M: 'unit.months', W: 'unit.weeks', D: 'unit.days' } as const;

/**
 * "P10Y" → "a 10-year sentence", "P2Y6M" → "a sentence of 2 years and 6 months", life, death; in
 * French "10 ans d’emprisonnement".
 */
export function sentencePhrase(term: string, language: Language = 'en'): string {
  const t = translatorFor(language);
  if (term === 'life') {
    return t('clock.sentenceLife');
  }
  if (term === 'death') {
    return t('clock.sentenceDeath');
  }
  const parts = [...term.matchAll(/(\d+)([YMWD])/g)].map(
    ([, n, unit]) => [Number(n), unit as keyof typeof UNIT_KEYS] as const,
  );
  if (parts.length === 1) {
    const [count, unit] = parts[0];
    return t('clock.sentenceOfUnit', { count, unit });
  }
  const words = parts.map(([count, unit]) => t(UNIT_KEYS[unit], { count }));
  return t('clock.sentenceOfTerm', { term: listOf(language, words) });
}

const lowerFirst = (words: string, language: Language): string =>
  words.charAt(0).toLocaleLowerCase(INTL_LOCALE[language]) + words.slice(1);

/**
 * "In custody 172 days; judicial custody ends in 4 days (13 May 2022)", "On bail since 1 May 2023
 * after 30 days in custody", "Died in custody on 24 April 2022 after 59 days in custody": each part
 * one message in the reader's language, with dates as the pages write them in it.
 */
export function clockSentence(facts: ClockFacts, language: Language = 'en'): string {
  const t = translatorFor(language);
  const day = (date: string, precision: DatePrecision = 'day'): string =>
    formatDay(date, precision, language);
  /** "Died in custody", "… on 24 April 2022", "… in 2016": as precisely as the date is known. */
  const dated = (
    keys: { plain: MessageKey; on: MessageKey; in: MessageKey },
    date: string | null,
    precision: DatePrecision | null,
  ): string =>
    date === null
      ? t(keys.plain)
      : precision === 'day' || precision === null
        ? t(keys.on, { date: day(date) })
        : t(keys.in, { date: day(date, precision) });
  const clock = facts.custodyClock;
  const { daysInCustody, currentOrder } = clock;
  const held =
    daysInCustody === null
      ? null
      : t(clock.daysInCustodyIsPartial ? 'clock.daysAtLeast' : 'clock.days', { count: daysInCustody });
  const afterHeld = (status: string): string =>
    held === null ? status : t('clock.afterHeld', { status, held });
  const parts: string[] = [];
  switch (facts.detentionStatus) {
    case 'in_custody': {
      const from = clock.currentPeriod?.from ?? null;
      parts.push(
        held !== null
          ? t('clock.inCustodyFor', { held })
          : from === null
            ? t('clock.inCustody')
            : (clock.currentPeriod?.fromPrecision ?? 'day') === 'day'
              ? t('clock.inCustodySinceDay', { date: day(from) })
              : t('clock.inCustodySincePeriod', {
                  date: day(from, clock.currentPeriod?.fromPrecision ?? 'day'),
                }),
      );
      break;
    }
    case 'house_arrest':
      parts.push(held === null ? t('clock.houseArrest') : t('clock.houseArrestFor', { held }));
      break;
    case 'on_bail': {
      const conditions = clock.currentBail?.conditions ?? [];
      const status = afterHeld(
        clock.lastReleasedOn && clock.lastReleasedPrecision === 'day'
          ? t('clock.onBailSince', { date: day(clock.lastReleasedOn) })
          : t('clock.onBail'),
      );
      const named = conditions.map((condition) =>
        lowerFirst(term(language, 'bailCondition', condition), language),
      );
      parts.push(
        named.length === 0
          ? status
          : t('clock.bailConditions', { status, conditions: named.join(t('clock.conditionSeparator')) }),
      );
      break;
    }
    case 'released': {
      const on = clock.lastReleasedOn;
      parts.push(
        afterHeld(
          on === null
            ? t('clock.released')
            : clock.lastReleasedPrecision === 'day'
              ? t('clock.releasedSince', { date: day(on) })
              : t('clock.releasedIn', { date: day(on, clock.lastReleasedPrecision ?? 'day') }),
        ),
      );
      break;
    }
    case 'deceased':
      parts.push(
        afterHeld(
          dated(
            { plain: 'clock.died', on: 'clock.diedOn', in: 'clock.diedIn' },
            clock.death?.on ?? null,
            clock.death?.precision ?? null,
          ),
        ),
      );
      break;
    case 'disappeared':
      parts.push(
        afterHeld(
          dated(
            { plain: 'clock.disappeared', on: 'clock.disappearedOn', in: 'clock.disappearedIn' },
            clock.disappearance?.on ?? null,
            clock.disappearance?.precision ?? null,
          ),
        ),
      );
      break;
    case 'not_detained':
      parts.push(t('clock.notDetained'));
      break;
  }
  if (
    clock.sentence &&
    (facts.detentionStatus === 'in_custody' || facts.detentionStatus === 'house_arrest')
  ) {
    const sentence = sentencePhrase(clock.sentence.term, language);
    const release = clock.sentence.expectedReleaseOn;
    parts.push(
      release
        ? t('clock.servingRelease', { sentence, date: day(release) })
        : t('clock.serving', { sentence }),
    );
  }
  if (currentOrder) {
    // "judicial custody", "pre-trial detention": the kind in the middle of the sentence.
    const kind = lowerFirst(term(language, 'custodyKind', currentOrder.kind), language);
    if (currentOrder.endsOn === null || currentOrder.daysLeft === null) {
      parts.push(t('clock.orderOpen', { kind, date: day(currentOrder.orderedOn) }));
    } else if (currentOrder.daysLeft === 0) {
      parts.push(t('clock.orderEndsToday', { kind }));
    } else {
      parts.push(t('clock.orderEnds', { kind, days: currentOrder.daysLeft, date: day(currentOrder.endsOn) }));
    }
  } else {
    const lapsed = clock.flags.find((flag) => flag.kind === 'no-order-in-force');
    if (lapsed?.kind === 'no-order-in-force') {
      parts.push(t('clock.orderLapsed', { date: day(lapsed.lastOrderEndedOn) }));
    }
  }
  // Each language joins the parts its own way ("; ", " ; ", "؛ ").
  const [first = '', ...rest] = parts;
  return rest.reduce((before, after) => t('clock.then', { before, after }), first);
}

/** True when the current order ends within a week: the case page and dashboard mark it. */
export const custodyEndsSoon = (clock: Pick<CustodyClock, 'currentOrder'>): boolean =>
  clock.currentOrder?.daysLeft !== null &&
  clock.currentOrder?.daysLeft !== undefined &&
  clock.currentOrder.daysLeft <= 7;

/**
 * The forms ask for a court date and time in two fields (a typed day and a time picker); the API
 * takes one local date-time in the case's zone, or the date alone when the time is not known.
 */
export function joinCourtTime(date: unknown, time: unknown): string | undefined {
  const typed = typeof date === 'string' ? date.trim() : '';
  // The day as people write it ("24 March 2022"); one that cannot be read goes on for the DTO to refuse.
  const reading = readPlainDate(typed);
  const day = 'date' in reading ? reading.date : typed;
  const clock = typeof time === 'string' ? time.trim() : '';
  if (day === '' && clock === '') {
    return undefined;
  }
  return clock === '' ? day : `${day}T${clock}`;
}

/** '2022-07-06T10:30:00' → { date: '2022-07-06', time: '10:30' } (no time when it is not known). */
export function splitCourtTime(local: string, timeKnown: boolean): { date: string; time: string } {
  return { date: local.slice(0, 10), time: timeKnown ? local.slice(11, 16) : '' };
}

/** What a reader may see of a case: viewers never see confidential entries. */
export const visibleTo = (user: Pick<AuthUser, 'role'>): Visibility[] => readableBy(user);

/**
 * "Detained with Tomás Ruiz and seven others": the others in a case as `defenderId` sees it, or null
 * when they are alone in it. The same words as the exports' summary line.
 */
export function withOthers(
  found: {
    unnamedCoAccused: number;
    participants: { defender: { id: string; fullName: string }; custodyClock: { periods: unknown[] } }[];
  },
  defenderId: string,
  language: Language,
): string | null {
  const self = found.participants.find((person) => person.defender.id === defenderId);
  const phrase = coAccusedPhrase(
    found.participants.filter((person) => person !== self).map((person) => person.defender.fullName),
    found.unnamedCoAccused,
    (self?.custodyClock.periods.length ?? 0) > 0,
    language,
  );
  return phrase && phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * "On appeal at the Court of Appeal of Cairo since 1 March 2026": the case page's line on its stage,
 * in the exports' words (stageSummary), or null when there is none to state.
 */
export const stageLine = (
  found: { stages: Pick<CaseStages, 'current' | 'status'> | null },
  language: Language,
): string | null => (found.stages ? stageSummary(found.stages, language) : null);
