/*
 * The order of a detention's entries: where an entry known to its day, month or year stands in the
 * story (`placement`, `periodPosition`), its rank among entries placed on the same day
 * (`placementRank`, PRECISION_RANK, END_PRECISION_RANK), and the order deriveDetention folds its
 * entries and custody orders in (`compareSteps`), which is the timeline's (src/timeline/timeline-order.ts).
 */
import { DateTime } from 'luxon';
import { addDays } from '../common/calendar-day';
import { DatePrecision, IsoDate } from '../common/entry';
import { DetentionCustodyOrder, DetentionEvent, OPENING_TYPES, PeriodPosition } from './detention-model';

const lastDayOf = (date: IsoDate, precision: DatePrecision): IsoDate => {
  switch (precision) {
    case 'day':
      return date;
    case 'month':
      return addDays(DateTime.fromISO(date, { zone: 'utc' }).plus({ months: 1 }).toISODate() as string, -1);
    case 'year':
      return `${date.slice(0, 4)}-12-31`;
  }
};

export const isOpening = (type: string): type is (typeof OPENING_TYPES)[number] =>
  (OPENING_TYPES as readonly string[]).includes(type);

/** Where an entry known to its month or year sits in it: as set by hand, else an opening at the start. */
export const periodPosition = (type: string, position?: PeriodPosition | null): PeriodPosition =>
  position ?? (isOpening(type) ? 'start' : 'end');

/** Within one day, at the start of a period: "In 2021" before "In November 2021" before "1 November 2021". */
export const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const satisfies Record<DatePrecision, number>;
/** At the end of a period: "30 November 2021" before "In November 2021" before "In 2021". */
export const END_PRECISION_RANK = { day: 2, month: 3, year: 4 } as const satisfies Record<
  DatePrecision,
  number
>;

/** Where an entry stands among those placed on the same day. */
export const placementRank = (
  type: string,
  precision: DatePrecision,
  position?: PeriodPosition | null,
): number => (periodPosition(type, position) === 'start' ? PRECISION_RANK : END_PRECISION_RANK)[precision];

/**
 * The day an entry stands at in the story: an opening at the start of its month or year, anything
 * else at the end (unless the caseworker placed it by hand). Undated: openings before everything
 * ('0000-00-00'), the rest after ('9999-99-99').
 */
export function placement(
  type: string,
  date: IsoDate | null,
  precision: DatePrecision,
  position?: PeriodPosition | null,
): string {
  if (date === null) {
    return isOpening(type) ? '0000-00-00' : '9999-99-99';
  }
  return periodPosition(type, position) === 'start' ? date : lastDayOf(date, precision);
}

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type Step =
  | { source: 'event'; at: string; event: DetentionEvent }
  | { source: 'order'; at: string; order: DetentionCustodyOrder };

// The timeline's order (src/timeline/timeline-order.ts): the day it stands at, its rank there, then
// the order the entries were recorded in.
const stepKey = (step: Step): [string, number, number, string, string] =>
  step.source === 'event'
    ? [
        step.at,
        placementRank(step.event.type, step.event.precision, step.event.periodPosition),
        step.event.dayPosition ?? 0,
        step.event.createdAt,
        step.event.id,
      ]
    : [step.at, PRECISION_RANK.day, 0, step.order.createdAt, step.order.id];

export function compareSteps(a: Step, b: Step): number {
  const [atA, rankA, positionA, createdA, idA] = stepKey(a);
  const [atB, rankB, positionB, createdB, idB] = stepKey(b);
  return (
    compareText(atA, atB) ||
    rankA - rankB ||
    positionA - positionB ||
    compareText(createdA, createdB) ||
    compareText(idA, idB)
  );
}
