import { DateTime } from 'luxon';
import { addDays } from '../common/calendar-day';
import { Visibility } from '../common/entry';
import { custodyMilestones } from './detention-milestones';
import type { PlanCase } from './plan-case';
import { caseLimits, DETAINED, detentionOf } from './plan-detention';
import { dayAnchor, isoDay, wallClock } from './plan-time';
import type { Details } from './reminder-kinds';
import type { ReminderPolicy } from './reminder-policy';
import {
  custodyOrderVisibility,
  periodsVisibility,
  sentenceVisibility,
  statutoryVisibility,
  visibilityOf,
} from './reminder-visibility';

// A case's agenda: the dated things its reminders point at (hearings, custody end, expected
// release, hunger strike days, milestones, statutory deadlines), each with who may read it. The
// plan derives reminders from it; the weekly digest lists it.

export type AgendaKind =
  'hearing' | 'custody_end' | 'milestone' | 'statutory_deadline' | 'expected_release' | 'hunger_strike_day';

/** Something dated that a case's reminders point at; also what the weekly digest lists. */
export interface AgendaItem {
  kind: AgendaKind;
  subjectId: string | null;
  at: Date;
  /** Local wall clock in the case's zone. */
  local: string;
  timeKnown: boolean;
  details: Details;
  visibility: Visibility;
}

/** The dated things of a case reminders point at, up to `until` for the open-ended milestones. */
export function caseAgenda(kase: PlanCase, policy: ReminderPolicy, until: Date): AgendaItem[] {
  const zone = kase.timezone;
  const items: AgendaItem[] = [];
  for (const hearing of kase.hearings) {
    if (hearing.status !== 'scheduled') {
      continue;
    }
    const at = DateTime.fromISO(hearing.scheduledLocal, { zone });
    items.push({
      kind: 'hearing',
      subjectId: hearing.id,
      at: at.toJSDate(),
      local: wallClock(at),
      timeKnown: hearing.timeKnown,
      details: { court: hearing.court, timeKnown: hearing.timeKnown },
      visibility: hearing.visibility,
    });
  }
  const history = detentionOf(kase);
  const detained = DETAINED.includes(history.detentionStatus);
  // The order in force and its end, as the case page shows them (the earlier of days and until).
  const order = detained ? history.currentOrder : null;
  const end = order?.endsOn ?? null;
  if (order && end) {
    const at = dayAnchor(end, zone);
    items.push({
      kind: 'custody_end',
      subjectId: order.id,
      at: at.toJSDate(),
      local: wallClock(at),
      timeKnown: false,
      details: { endsOn: end, custodyKind: order.kind },
      visibility: custodyOrderVisibility(kase, order.id, history),
    });
  }
  const sentence = history.sentence;
  if (detained && sentence?.expectedReleaseOn) {
    const at = dayAnchor(sentence.expectedReleaseOn, zone);
    items.push({
      kind: 'expected_release',
      subjectId: sentence.entryId,
      at: at.toJSDate(),
      local: wallClock(at),
      timeKnown: false,
      details: {
        expectedReleaseOn: sentence.expectedReleaseOn,
        term: sentence.term,
        startsOn: sentence.startsOn,
      },
      visibility: sentenceVisibility(kase, sentence.entryId, history),
    });
  }
  if (!history.death && !history.disappearance) {
    for (const strike of history.lastingEvents) {
      if (
        strike.type !== 'hunger_strike' ||
        !strike.ongoing ||
        !strike.from ||
        strike.fromPrecision !== 'day'
      ) {
        continue;
      }
      for (const days of [...new Set(policy.hungerStrikeDays)].sort((a, b) => a - b)) {
        const at = dayAnchor(addDays(strike.from, days), zone);
        items.push({
          kind: 'hunger_strike_day',
          subjectId: strike.id,
          at: at.toJSDate(),
          local: wallClock(at),
          timeKnown: false,
          details: { days, startedOn: strike.from, day: isoDay(at) },
          visibility: visibilityOf(kase.events, strike.id),
        });
      }
    }
  }
  const arrestKnown = history.firstCustodyPrecision === 'day' ? history.firstCustodyOn : null;
  if (detained && arrestKnown) {
    for (const milestone of custodyMilestones(history, zone, policy, until)) {
      items.push({
        kind: 'milestone',
        subjectId: null,
        at: milestone.at.toJSDate(),
        local: wallClock(milestone.at),
        timeKnown: false,
        details: {
          label: milestone.label,
          day: milestone.day,
          arrestedOn: arrestKnown,
          days: milestone.days ?? null,
          years: milestone.years ?? null,
        },
        visibility: periodsVisibility(kase, history),
      });
    }
  }
  if (detained) {
    for (const state of caseLimits(kase).states) {
      if (state.state !== 'running') {
        continue;
      }
      // Before the first period ends (the first chance to claim) and before the last day with every renewal.
      const first = state.periodEnds[0];
      const last = state.periodEnds[state.periodEnds.length - 1];
      for (const end of first === last ? [first] : [first, last]) {
        const at = dayAnchor(end.endsOn, zone);
        items.push({
          kind: 'statutory_deadline',
          subjectId: state.limitId,
          at: at.toJSDate(),
          local: wallClock(at),
          timeKnown: false,
          details: {
            reference: state.reference,
            description: state.description,
            days: end.days,
            extended: end !== first,
            deadline: end.endsOn,
          },
          visibility: statutoryVisibility(kase, state, history),
        });
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
