import { AuthUser } from '../auth/auth-user';
import { readableBy } from '../common/readers';
import { DetentionStatus } from '../cases/case.entity';
import { CustodyClock } from '../cases/dto/case-view.dto';
import { Visibility } from '../common/entry';
import { Language } from '../i18n/languages';
import type { CaseStages } from '../cases/case-stages';
import { coAccusedPhrase } from '../chronology/co-accused-words';
import { stageSummary } from '../chronology/detention-summary';
import { daysFromNow, formatDay, humanize } from './format';
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

const days = (count: number): string => `${count} ${count === 1 ? 'day' : 'days'}`;

const UNITS = {
  Y: ['year', 'years'],
  M: ['month', 'months'],
  W: ['week', 'weeks'],
  D: ['day', 'days'],
} as const;

/** "P10Y" → "a 10-year sentence", "P2Y6M" → "a sentence of 2 years and 6 months", life, death. */
export function sentencePhrase(term: string): string {
  if (term === 'life') {
    return 'a life sentence';
  }
  if (term === 'death') {
    return 'a death sentence';
  }
  const parts = [...term.matchAll(/(\d+)([YMWD])/g)].map(
    ([, n, unit]) => [Number(n), unit as keyof typeof UNITS] as const,
  );
  if (parts.length === 1) {
    const [n, unit] = parts[0];
    return `a ${n}-${UNITS[unit][0]} sentence`;
  }
  const words = parts.map(([n, unit]) => `${n} ${UNITS[unit][n === 1 ? 0 : 1]}`);
  return `a sentence of ${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "on 24 April 2022", "in 2016", or nothing when the date is not known. */
const when = (day: string | null, precision: string | null): string =>
  day === null
    ? ''
    : precision === 'day' || precision === null
      ? ` on ${formatDay(day)}`
      : ` in ${formatDay(day, precision as 'month' | 'year')}`;

/**
 * "In custody 172 days; judicial custody ends in 4 days (13 May 2022)", "On bail since 1 May 2023
 * after 30 days in custody", "Died in custody on 24 April 2022 after 59 days in custody".
 */
export function clockSentence(facts: ClockFacts): string {
  const clock = facts.custodyClock;
  const { daysInCustody, currentOrder } = clock;
  const held =
    daysInCustody === null
      ? null
      : `${clock.daysInCustodyIsPartial ? 'at least ' : ''}${days(daysInCustody)}`;
  const after = held === null ? '' : ` after ${held} in custody`;
  const parts: string[] = [];
  switch (facts.detentionStatus) {
    case 'in_custody':
      parts.push(held === null ? `In custody${since(clock.currentPeriod)}` : `In custody ${held}`);
      break;
    case 'house_arrest':
      parts.push(held === null ? 'Under house arrest' : `Under house arrest; detained ${held}`);
      break;
    case 'on_bail': {
      const conditions = clock.currentBail?.conditions ?? [];
      const on =
        clock.lastReleasedOn && clock.lastReleasedPrecision === 'day'
          ? ` since ${formatDay(clock.lastReleasedOn)}`
          : '';
      parts.push(
        `On bail${on}${after}` +
          (conditions.length > 0
            ? ` (conditions: ${conditions.map((c) => humanize(c).toLowerCase()).join(', ')})`
            : ''),
      );
      break;
    }
    case 'released': {
      const on =
        clock.lastReleasedOn === null
          ? ''
          : clock.lastReleasedPrecision === 'day'
            ? ` since ${formatDay(clock.lastReleasedOn)}`
            : ` in ${formatDay(clock.lastReleasedOn, clock.lastReleasedPrecision ?? 'day')}`;
      parts.push(`Released${on}${after}`);
      break;
    }
    case 'deceased':
      parts.push(`Died in custody${when(clock.death?.on ?? null, clock.death?.precision ?? null)}${after}`);
      break;
    case 'disappeared':
      parts.push(
        `Disappeared${when(clock.disappearance?.on ?? null, clock.disappearance?.precision ?? null)}${after}`,
      );
      break;
    case 'not_detained':
      parts.push('Not detained');
      break;
  }
  if (
    clock.sentence &&
    (facts.detentionStatus === 'in_custody' || facts.detentionStatus === 'house_arrest')
  ) {
    const release = clock.sentence.expectedReleaseOn;
    parts.push(
      `serving ${sentencePhrase(clock.sentence.term)}` +
        (release ? `; expected release ${formatDay(release)}` : ''),
    );
  }
  if (currentOrder) {
    const kind = humanize(currentOrder.kind).toLowerCase(); // "judicial custody", "pre-trial detention"
    if (currentOrder.endsOn === null || currentOrder.daysLeft === null) {
      parts.push(`${kind} ordered on ${formatDay(currentOrder.orderedOn)}, with no end date stated`);
    } else if (currentOrder.daysLeft === 0) {
      parts.push(`${kind} ends today`);
    } else {
      parts.push(`${kind} ends ${daysFromNow(currentOrder.daysLeft)} (${formatDay(currentOrder.endsOn)})`);
    }
  } else {
    const lapsed = clock.flags.find((flag) => flag.kind === 'no-order-in-force');
    if (lapsed?.kind === 'no-order-in-force') {
      parts.push(
        `the last custody order ended on ${formatDay(lapsed.lastOrderEndedOn)}; no later order is recorded`,
      );
    }
  }
  return parts.join('; ');
}

function since(period: ClockFacts['custodyClock']['currentPeriod']): string {
  if (!period || period.from === null) {
    return '';
  }
  return ` since ${formatDay(period.from, period.fromPrecision ?? 'day')}`;
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
