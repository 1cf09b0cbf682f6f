import { AuthUser } from '../auth/auth-user';
import { CustodyClock } from '../cases/custody-clock';
import { Visibility } from '../common/entry';
import { readableBy } from '../common/readers';
import { DetentionStatus } from '../cases/case.entity';
import { daysFromNow, formatDay, humanize } from './format';

// The case page's words for the custody clock, and the court-time fields of the forms.

export interface ClockFacts {
  detentionStatus: DetentionStatus;
  releasedOn: string | null;
  custodyClock: Pick<CustodyClock, 'daysInCustody' | 'currentOrder' | 'lastOrderEndedOn'>;
}

const days = (count: number): string => `${count} ${count === 1 ? 'day' : 'days'}`;

/** "In custody 172 days; judicial custody ends in 4 days (13 May 2022)". */
export function clockSentence(facts: ClockFacts): string {
  const { daysInCustody, currentOrder, lastOrderEndedOn } = facts.custodyClock;
  const parts: string[] = [];
  switch (facts.detentionStatus) {
    case 'in_custody':
      parts.push(daysInCustody === null ? 'In custody' : `In custody ${days(daysInCustody)}`);
      break;
    case 'house_arrest':
      parts.push(
        daysInCustody === null ? 'Under house arrest' : `Under house arrest; detained ${days(daysInCustody)}`,
      );
      break;
    case 'on_bail':
    case 'released': {
      const state = facts.detentionStatus === 'on_bail' ? 'On bail' : 'Released';
      const since = facts.releasedOn ? ` since ${formatDay(facts.releasedOn)}` : '';
      const spent = daysInCustody === null ? '' : ` after ${days(daysInCustody)} in custody`;
      parts.push(`${state}${since}${spent}`);
      break;
    }
  }
  if (currentOrder) {
    const kind = humanize(currentOrder.kind).toLowerCase();
    if (currentOrder.endsOn === null || currentOrder.daysLeft === null) {
      parts.push(`${kind} custody ordered on ${formatDay(currentOrder.orderedOn)}, with no end date stated`);
    } else if (currentOrder.daysLeft === 0) {
      parts.push(`${kind} custody ends today`);
    } else {
      parts.push(
        `${kind} custody ends ${daysFromNow(currentOrder.daysLeft)} (${formatDay(currentOrder.endsOn)})`,
      );
    }
  } else if (facts.detentionStatus === 'in_custody' && lastOrderEndedOn) {
    parts.push(`the last custody order ended on ${formatDay(lastOrderEndedOn)}; no later order is recorded`);
  }
  return parts.join('; ');
}

/** True when the current order ends within a week: the case page and dashboard mark it. */
export const custodyEndsSoon = (clock: Pick<CustodyClock, 'currentOrder'>): boolean =>
  clock.currentOrder?.daysLeft !== null &&
  clock.currentOrder?.daysLeft !== undefined &&
  clock.currentOrder.daysLeft <= 7;

/**
 * The forms ask for a court date and time in two fields (a phone's date and time pickers); the API
 * takes one local date-time in the case's zone, or the date alone when the time is not known.
 */
export function joinCourtTime(date: unknown, time: unknown): string | undefined {
  const day = typeof date === 'string' ? date.trim() : '';
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
