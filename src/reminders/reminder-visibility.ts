import { creditedFromCustody, DETENTION_EVENT_TYPES, DetentionHistory } from '../cases/detention-history';
import { Visibility } from '../common/entry';
import { leastRestrictive, mayRead, mostRestrictive, Reader } from '../common/readers';
import { LimitEvaluation } from '../statutory-limits/limit-model';
import type { PlanCase } from './plan-case';
import { caseLimits, detentionOf } from './plan-detention';
import type { ReminderKind } from './reminder-kinds';

// Who may read a reminder, an agenda item or a case: the visibility of the entries each is drawn
// from, never more open than any of them; and the case as one reader may read it.

/**
 * Who may read a reminder that follows the detention history: the visibility of the entry it is
 * about (the sentence, the hunger strike, the custody order); null for other kinds or a subject gone.
 * A sentence credited from custody dates its release by the periods too (sentenceVisibility).
 */
export function detentionSubjectVisibility(
  kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>,
  reminder: { kind: ReminderKind; subjectId: string | null },
): Visibility | null {
  switch (reminder.kind) {
    case 'sentence_ending':
    case 'release_overdue': {
      const sentence = kase.events.find((event) => event.id === reminder.subjectId);
      return sentence ? sentenceVisibility(kase, sentence.id, detentionOf(kase)) : null;
    }
    case 'hunger_strike_day':
      return kase.events.find((event) => event.id === reminder.subjectId)?.visibility ?? null;
    case 'no_custody_order':
    case 'custody_ending':
      return kase.custodyOrders.some((order) => order.id === reminder.subjectId)
        ? custodyOrderVisibility(kase, reminder.subjectId as string, detentionOf(kase))
        : null;
    case 'hearing_upcoming':
    case 'outcome_missing':
    case 'detention_milestone':
    case 'statutory_limit':
    case 'weekly_digest':
    case 'appeal_deadline':
      return null;
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}

/** The visibility of one of the case's events or custody orders; confidential when it is gone (never more open). */
export const visibilityOf = (
  entries: { id: string; visibility: Visibility }[],
  id: string | null,
): Visibility => entries.find((entry) => entry.id === id)?.visibility ?? 'confidential';

/**
 * What the custody periods reveal (their days, their start and end): the most restrictive of the
 * entries that open and close them, so a count or a date computed from them is never more open
 * than any of those entries.
 */
export const periodsVisibility = (kase: Pick<PlanCase, 'events'>, history: DetentionHistory): Visibility =>
  mostRestrictive(
    history.periods.flatMap((period) => [
      visibilityOf(kase.events, period.openedBy),
      ...(period.closedBy === null ? [] : [visibilityOf(kase.events, period.closedBy)]),
    ]),
  );

/**
 * That the person is held now, which every custody reminder's existence tells: the entry that
 * opened the current period (public when none is open: such reminders are then not planned).
 */
const heldVisibility = (kase: Pick<PlanCase, 'events'>, history: DetentionHistory): Visibility =>
  history.currentPeriod ? visibilityOf(kase.events, history.currentPeriod.openedBy) : 'public';

/**
 * A custody order's end, or its lapse with no new order: the order's visibility and, since such
 * reminders are planned only while the person is held, the current period's opening entry's (a
 * public order must not tell an external address of a confidential arrest).
 */
export const custodyOrderVisibility = (
  kase: Pick<PlanCase, 'events' | 'custodyOrders'>,
  orderId: string,
  history: DetentionHistory,
): Visibility => mostRestrictive([visibilityOf(kase.custodyOrders, orderId), heldVisibility(kase, history)]);

/**
 * A sentence's release: the sentence entry's visibility and, since it is planned only while the
 * person is held, the current period's opening entry's; all the periods' when the sentence is
 * credited from custody (they date its start and release). Confidential when the entry is gone.
 */
export const sentenceVisibility = (
  kase: Pick<PlanCase, 'events'>,
  entryId: string,
  history: DetentionHistory,
): Visibility => {
  const sentence = kase.events.find((event) => event.id === entryId);
  if (!sentence) {
    return 'confidential';
  }
  return mostRestrictive([
    sentence.visibility,
    creditedFromCustody(sentence, history.periods)
      ? periodsVisibility(kase, history)
      : heldVisibility(kase, history),
  ]);
};

/**
 * Who may read a statutory deadline: it tells that the limit applies (any one of the charges that put
 * the case in its scope tells that), when its clock started and on which basis the person is held
 * (every entry the detention fold reads: those that open and close custody, and a sentence, which
 * turns pre-trial custody into a sentence and so moves the clock; the custody orders) and, being
 * planned only while the person is held, the entry that opened the current period: the most
 * restrictive of those.
 */
export function statutoryVisibility(
  kase: Pick<PlanCase, 'charges' | 'events' | 'custodyOrders'>,
  evaluation: Pick<LimitEvaluation, 'chargeIds'>,
  history: DetentionHistory,
): Visibility {
  const charges = kase.charges.filter((charge) => evaluation.chargeIds.includes(charge.id));
  return mostRestrictive([
    ...(charges.length ? [leastRestrictive(charges.map((charge) => charge.visibility))] : []),
    periodsVisibility(kase, history),
    ...kase.events
      .filter((event) => DETENTION_EVENT_TYPES.includes(event.type))
      .map((event) => event.visibility),
    ...kase.custodyOrders.map((order) => order.visibility),
    heldVisibility(kase, history),
  ]);
}

/**
 * The case as one reader may read it: only the hearings, custody orders, charges and events they
 * may read. Everything derived from it (the detention history, custody end, statutory limits, the
 * digest's agenda) then tells them nothing drawn from an entry they may not read.
 */
export function caseAsReadBy<T extends Pick<PlanCase, 'hearings' | 'custodyOrders' | 'charges' | 'events'>>(
  kase: T,
  reader: Reader,
): T {
  const readable = ({ visibility }: { visibility: Visibility }) => mayRead(reader, visibility);
  return {
    ...kase,
    hearings: kase.hearings.filter(readable),
    custodyOrders: kase.custodyOrders.filter(readable),
    charges: kase.charges.filter(readable),
    events: kase.events.filter(readable),
  };
}

/**
 * Who may read a reminder: the visibility of the hearing or custody order it is about; for a
 * statutory limit, of the charges that invoke it and the arrest (statutoryVisibility); for a
 * milestone, of the entries that open and close the custody periods it counts (periodsVisibility);
 * for a sentence credited from custody, of the sentence and those entries; public for a digest (its
 * owner's; what it lists is filtered per reader). Null when the subject is gone.
 */
export function reminderVisibility(
  kase: PlanCase,
  reminder: { kind: ReminderKind; subjectId: string | null },
): Visibility | null {
  switch (reminder.kind) {
    case 'hearing_upcoming':
    case 'outcome_missing':
      return kase.hearings.find((h) => h.id === reminder.subjectId)?.visibility ?? null;
    case 'statutory_limit': {
      const state = caseLimits(kase).states.find((s) => s.limitId === reminder.subjectId);
      return state ? statutoryVisibility(kase, state, detentionOf(kase)) : null;
    }
    case 'detention_milestone':
      return periodsVisibility(kase, detentionOf(kase));
    case 'weekly_digest':
      return 'public';
    case 'appeal_deadline':
      // The deadline, the decision and its day all come from the decision entry.
      return kase.events.find((event) => event.id === reminder.subjectId)?.visibility ?? null;
    case 'sentence_ending':
    case 'release_overdue':
    case 'hunger_strike_day':
    case 'no_custody_order':
    case 'custody_ending':
      return detentionSubjectVisibility(kase, reminder);
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}
