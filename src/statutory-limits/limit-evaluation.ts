import { DateTime } from 'luxon';
import { addDays, daysBetween } from '../common/calendar-day';
import { IsoDate } from '../common/entry';
import {
  LIMIT_BASES,
  LimitCase,
  LimitCharge,
  LimitCustody,
  LimitEvaluation,
  LimitPeriod,
  LimitRule,
  LimitsOfCase,
  LimitStop,
  PeriodEnd,
  penaltyWeight,
} from './limit-model';

/*
 * Where each statutory limit stands for a case: one pure function, evaluateLimits, read by the API,
 * the case page, the reminders, the exports and the emails alike. Its input is the case's custody
 * periods (from the detention history), custody orders, charges and the events that may stop a
 * clock; a reader's view is evaluated from the entries that reader may read (caseAsReadBy).
 *
 * Scope: a limit applies when the case is in its country, some custody period has one of its bases,
 * a live charge names its statute (lawPattern, sectionPattern) when it names one, and the gravest
 * such charge's maximum penalty lies in [penaltyFrom, penaltyBelow) when it sets a gravity. Rows that
 * share a `rule` are alternatives: the first by priority whose scope matches applies, never two;
 * when the gravity decides and no charge has a maximum penalty, none applies and the rule is
 * reported as undecided.
 *
 * Stops: a charge_sheet event stands for the formal accusation filed in court (police charge sheet,
 * prosecutor's indictment, referral to trial), so it stops both `charge_sheet` and `indictment`;
 * conviction, acquittal and sentence events stop `judgment`; the end of custody in scope (bail,
 * release, acquittal, pardon) stops `release`. A charge whose status says the stage was reached
 * without a dated entry stops the clock on an unknown day (met, stoppedOn null).
 *
 * Met and exceeded are judged against the last day the law allows with every renewal: whether a
 * court did renew is for the caseworker to check against the custody orders.
 */

const STOP_EVENTS: Record<LimitStop, readonly string[]> = {
  charge_sheet: ['charge_sheet'],
  indictment: ['charge_sheet'],
  committal: [],
  judgment: ['conviction', 'acquittal', 'sentence'],
  release: [],
};
const STOP_CHARGE_STATUSES: Record<LimitStop, readonly string[]> = {
  charge_sheet: ['in_charge_sheet', 'framed', 'convicted', 'acquitted'],
  indictment: ['in_charge_sheet', 'framed', 'convicted', 'acquitted'],
  committal: ['framed', 'convicted', 'acquitted'],
  judgment: ['convicted', 'acquitted'],
  release: [],
};
/** Custody that ended this way ends the limit without meeting it. */
const NOT_RELEASED = ['death', 'unknown'];

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "8(1)(a)(i)" from "s. 8 (1)(a)(i)" or "Section 8(1)(a)(i)". */
const normalSection = (section: string): string =>
  section
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^(section|sec\.|s\.|art\.|article)/, '');

/** Does the section begin with the pattern at a boundary: "8(1)(a)(ii)" is not "8(1)(a)(i)". */
export function sectionMatches(section: string | null, pattern: string): boolean {
  const wanted = normalSection(pattern);
  if (wanted === '') {
    return true;
  }
  const given = section === null ? '' : normalSection(section);
  return given.startsWith(wanted) && !/^[a-z0-9]/.test(given.slice(wanted.length));
}

const invokes = (rule: LimitRule, charge: LimitCharge): boolean =>
  charge.status !== 'dropped' &&
  charge.law.toLowerCase().includes(rule.lawPattern.trim().toLowerCase()) &&
  sectionMatches(charge.section, rule.sectionPattern);

const basesOf = (rule: LimitRule): readonly string[] => (rule.bases.length ? rule.bases : LIMIT_BASES);

/** The case's custody periods a limit governs. */
const periodsInScope = (rule: LimitRule, kase: LimitCase): LimitCustody[] =>
  kase.periods.filter((period) => basesOf(rule).includes(period.basis));

type Scope = { matches: true; chargeIds: string[] } | { matches: false; undecided: boolean };

function scopeOf(rule: LimitRule, kase: LimitCase): Scope {
  if (rule.country !== kase.country || periodsInScope(rule, kase).length === 0) {
    return { matches: false, undecided: false };
  }
  const namesStatute = rule.lawPattern.trim() !== '' || rule.sectionPattern.trim() !== '';
  const charges = kase.charges.filter((charge) => invokes(rule, charge));
  if (namesStatute && charges.length === 0) {
    return { matches: false, undecided: false };
  }
  if (rule.penaltyFrom === null && rule.penaltyBelow === null) {
    return { matches: true, chargeIds: namesStatute ? charges.map((charge) => charge.id) : [] };
  }
  const weighed = charges
    .map((charge) => ({ charge, weight: penaltyWeight(charge.maximumPenalty ?? '') }))
    .filter((entry): entry is { charge: LimitCharge; weight: number } => entry.weight !== null);
  if (weighed.length === 0) {
    return { matches: false, undecided: true };
  }
  const from = rule.penaltyFrom === null ? -Infinity : (penaltyWeight(rule.penaltyFrom) ?? Infinity);
  const below = rule.penaltyBelow === null ? Infinity : (penaltyWeight(rule.penaltyBelow) ?? -Infinity);
  const inRange = (weight: number): boolean => weight >= from && weight < below;
  const gravest = Math.max(...weighed.map((entry) => entry.weight));
  return inRange(gravest)
    ? { matches: true, chargeIds: weighed.filter((e) => inRange(e.weight)).map((e) => e.charge.id) }
    : { matches: false, undecided: false };
}

const byPriority = (a: LimitRule, b: LimitRule): number =>
  a.priority - b.priority || compareText(a.reference, b.reference) || compareText(a.id, b.id);

/** The day `periods` after `start`, each added in its own unit (months land on the same day of the month). */
function afterPeriods(start: IsoDate, periods: LimitPeriod[]): IsoDate {
  let day = DateTime.fromISO(start, { zone: 'utc' });
  for (const period of periods) {
    day = day.plus(period.unit === 'months' ? { months: period.length } : { days: period.length });
  }
  return day.toISODate() as IsoDate;
}

/**
 * The day the days held in `periods` (from `start`) reach `days`: a day out of custody pushes it
 * one day later; after the last release it is counted as if custody had gone on.
 */
function dayHeldFor(periods: LimitCustody[], start: IsoDate, days: number): IsoDate {
  let remaining = days;
  let last = start;
  for (const period of periods) {
    const from = period.from !== null && period.from > start ? period.from : start;
    if (period.to === null) {
      return addDays(from, remaining);
    }
    const held = Math.max(0, daysBetween(from, period.to));
    if (remaining <= held) {
      return addDays(from, remaining);
    }
    remaining -= held;
    last = period.to > last ? period.to : last;
  }
  return addDays(last, remaining);
}

interface Clock {
  startedOn: IsoDate | null;
  startedBy: string | null;
  periods: LimitCustody[];
}

function clockOf(rule: LimitRule, kase: LimitCase): Clock {
  const periods = periodsInScope(rule, kase);
  const first = periods[0];
  const startedOn = first.fromPrecision === 'day' ? first.from : null;
  if (rule.startsOn !== 'each_order') {
    return { startedOn, startedBy: first.openedBy, periods };
  }
  // The latest order made within custody in scope restarts it.
  const held = (day: IsoDate): LimitCustody | undefined =>
    periods.find((p) => (p.from ?? '') <= day && (p.to === null || day <= p.to));
  const order = [...kase.custodyOrders]
    .filter((o) => held(o.orderedOn) !== undefined)
    .sort((a, b) => compareText(a.orderedOn, b.orderedOn) || compareText(a.id, b.id))
    .at(-1);
  if (!order) {
    return { startedOn, startedBy: first.openedBy, periods };
  }
  const period = held(order.orderedOn) as LimitCustody;
  return { startedOn: order.orderedOn, startedBy: order.id, periods: periods.slice(periods.indexOf(period)) };
}

function periodEnds(rule: LimitRule, clock: Clock, start: IsoDate): PeriodEnd[] {
  return rule.periods.map((period, index) => {
    const days = daysBetween(start, afterPeriods(start, rule.periods.slice(0, index + 1)));
    return {
      days,
      endsOn:
        rule.startsOn === 'custody_start' ? dayHeldFor(clock.periods, start, days) : addDays(start, days),
      renewedByCourt: period.renewedByCourt,
    };
  });
}

interface Stop {
  on: IsoDate | null;
  by: LimitStop;
  entry: string | null;
}

/** The first stop on or after the start: a dated entry, the end of custody, or a charge's status alone. */
function firstStop(rule: LimitRule, kase: LimitCase, clock: Clock, start: IsoDate): Stop | null {
  const dated: Stop[] = [];
  for (const by of rule.stoppedBy) {
    for (const event of kase.events) {
      if (STOP_EVENTS[by].includes(event.type) && event.date !== null && event.date >= start) {
        dated.push({ on: event.date, by, entry: event.id });
      }
    }
  }
  const last = clock.periods.at(-1);
  if (
    rule.stoppedBy.includes('release') &&
    last?.to &&
    last.endReason !== null &&
    !NOT_RELEASED.includes(last.endReason)
  ) {
    dated.push({ on: last.to, by: 'release', entry: last.closedBy });
  }
  const earliest = dated.sort((a, b) => compareText(a.on ?? '', b.on ?? '')).at(0);
  if (earliest) {
    return earliest;
  }
  const by = rule.stoppedBy.find((stop) =>
    kase.charges.some((charge) => STOP_CHARGE_STATUSES[stop].includes(charge.status)),
  );
  return by ? { on: null, by, entry: null } : null;
}

function evaluate(rule: LimitRule, kase: LimitCase, chargeIds: string[], today: IsoDate): LimitEvaluation {
  const clock = clockOf(rule, kase);
  const base = {
    limitId: rule.id,
    startedOn: clock.startedOn,
    startedBy: clock.startedBy,
    chargeIds,
    stoppedOn: null,
    stoppedBy: null,
    stoppedByEntry: null,
    exceededByDays: null,
    daysLeft: null,
  };
  if (clock.startedOn === null || rule.periods.length === 0) {
    return { ...base, state: 'undated', periodEnds: [], dueOn: null, lastDay: null };
  }
  const ends = periodEnds(rule, clock, clock.startedOn);
  const lastDay = ends[ends.length - 1].endsOn;
  const withEnds = { ...base, periodEnds: ends, lastDay, dueOn: lastDay };
  const stop = firstStop(rule, kase, clock, clock.startedOn);
  const last = clock.periods[clock.periods.length - 1];
  const lostOn =
    last.to !== null && last.endReason !== null && NOT_RELEASED.includes(last.endReason) ? last.to : null;
  if (stop && stop.on !== null && (lostOn === null || stop.on <= lostOn)) {
    const stopped = { stoppedOn: stop.on, stoppedBy: stop.by, stoppedByEntry: stop.entry };
    return stop.on <= lastDay
      ? { ...withEnds, ...stopped, state: 'met' }
      : { ...withEnds, ...stopped, state: 'exceeded', exceededByDays: daysBetween(lastDay, stop.on) };
  }
  if (lostOn !== null) {
    return lostOn <= lastDay
      ? { ...withEnds, state: 'ended' }
      : { ...withEnds, state: 'exceeded', exceededByDays: daysBetween(lastDay, lostOn) };
  }
  if (stop) {
    return { ...withEnds, state: 'met', stoppedBy: stop.by };
  }
  if (today > lastDay) {
    return { ...withEnds, state: 'exceeded', exceededByDays: daysBetween(lastDay, today) };
  }
  const dueOn = ends.find((end) => end.endsOn >= today)?.endsOn ?? lastDay;
  return { ...withEnds, state: 'running', dueOn, daysLeft: daysBetween(today, dueOn) };
}

/**
 * The limits that apply to a case and where each stands on `today` (a day in the case's zone): at
 * most one row of each rule, only rows whose scope matches.
 */
export function evaluateLimits(rules: LimitRule[], kase: LimitCase, today: IsoDate): LimitsOfCase {
  const groups = new Map<string, LimitRule[]>();
  for (const rule of [...rules].sort(byPriority)) {
    const key = rule.rule?.trim() ? `rule:${rule.rule.trim()}` : `row:${rule.id}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  const evaluations: LimitEvaluation[] = [];
  const undecided: string[] = [];
  for (const [key, alternatives] of groups) {
    let chosen: { rule: LimitRule; chargeIds: string[] } | null = null;
    let unsure = false;
    for (const rule of alternatives) {
      const scope = scopeOf(rule, kase);
      if (scope.matches) {
        chosen = { rule, chargeIds: scope.chargeIds };
        break;
      }
      unsure ||= scope.undecided;
    }
    if (chosen) {
      evaluations.push(evaluate(chosen.rule, kase, chosen.chargeIds, today));
    } else if (unsure) {
      undecided.push(key.startsWith('rule:') ? key.slice(5) : alternatives[0].reference);
    }
  }
  return { evaluations, undecided };
}
