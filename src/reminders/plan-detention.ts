import { deriveDetention, DetentionHistory } from '../cases/detention-history';
import { caseLimitsOf, CaseLimits } from '../statutory-limits/case-limits';
import type { PlanCase, PlanCustodyOrder, PlanEvent } from './plan-case';

// A plan's case folded into its detention history and its statutory limits: the one fold every
// reminder, its visibility and its email read, cached per case and day.

/** Detention statuses in which custody clocks, milestones and statutory limits run. */
export const DETAINED = ['in_custody', 'house_arrest'];

// A plan, its subject-only replans and the email read the same case's history several times: the
// fold runs once per (events, orders, today).
const folded = new WeakMap<PlanEvent[], WeakMap<PlanCustodyOrder[], Map<string, DetentionHistory>>>();

/** The case's detention history as of its `today`: the one fold every reminder reads. */
export function detentionOf(kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>): DetentionHistory {
  let byOrders = folded.get(kase.events);
  if (!byOrders) {
    byOrders = new WeakMap();
    folded.set(kase.events, byOrders);
  }
  let byDay = byOrders.get(kase.custodyOrders);
  if (!byDay) {
    byDay = new Map();
    byOrders.set(kase.custodyOrders, byDay);
  }
  let history = byDay.get(kase.today);
  if (!history) {
    history = deriveDetention(
      {
        events: kase.events,
        custodyOrders: kase.custodyOrders.map((order) => ({
          id: order.id,
          kind: order.kind,
          orderedOn: order.orderedOn,
          days: order.days,
          until: order.until,
          createdAt: order.createdAt.toISOString(),
        })),
      },
      kase.today,
    );
    byDay.set(kase.today, history);
  }
  return history;
}

/** The detention history as the case's public entries tell it: what an email may state. */
export const publicDetentionOf = (
  kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>,
): DetentionHistory =>
  detentionOf({
    today: kase.today,
    events: kase.events.filter((event) => event.visibility === 'public'),
    custodyOrders: kase.custodyOrders.filter((order) => order.visibility === 'public'),
  });

/** The statutory limits that apply to the case as given and where each stands on its `today`. */
export const caseLimits = (
  kase: Pick<PlanCase, 'country' | 'charges' | 'limits' | 'events' | 'custodyOrders' | 'today'>,
): CaseLimits => caseLimitsOf(kase, detentionOf(kase), kase.today);
