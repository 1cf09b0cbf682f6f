// The summary at the head of each case in a chronology: where the case stands (charges still
// pending, detention, stage, co-accused, statutory limits, next hearing), folded only from the records
// the export shows; and the defender's profile line.

import { CHARGE_SHEET_FILED, deriveStages } from '../cases/case-stages';
import { deriveDetention, DetentionHistory } from '../cases/detention-history';
import { todayIn } from '../common/calendar-day';
import type { IsoDate } from '../common/entry';
import { nextHearing } from '../hearings/next-hearing';
import { LIMIT_EVENT_TYPES } from '../statutory-limits/case-limits';
import { evaluateLimits } from '../statutory-limits/limit-evaluation';
import { LimitRow } from '../statutory-limits/limit-model';
import { limitSentence } from '../statutory-limits/limit-words';
import { ChargeGroup, DocumentCase } from './chronology-document';
import {
  ChargeRecord,
  ChronologyCaseFacts,
  ChronologyRecord,
  CustodyRecord,
  DefenderFacts,
  EventRecord,
  HearingRecord,
} from './chronology-records';
import { ChronologyLanguage } from './date-phrases';
import { coAccusedPhrase } from './co-accused-words';
import { detentionSummary, stageSummary } from './detention-summary';

// Charges no longer pending do not belong under "Charges" in a summary of where the case stands.
const CLOSED_CHARGE_STATUSES = new Set(['dropped', 'acquitted']);

export function profileLine(defender: DefenderFacts): string | null {
  const parts = [defender.profession, ...defender.affiliations].filter(
    (part): part is string => typeof part === 'string' && part.trim().length > 0,
  );
  if (parts.length === 0) {
    return null;
  }
  const line = parts.join('; ');
  return line.charAt(0).toLocaleUpperCase() + line.slice(1);
}

export function summarise(
  facts: ChronologyCaseFacts,
  records: ChronologyRecord[],
  subjectId: string,
  now: Date,
  lang: ChronologyLanguage,
): DocumentCase {
  const own = records.filter((record) => record.caseId === facts.id);
  const today = todayIn(now, facts.timezone);
  const charges: ChargeGroup[] = [];
  // Laws in the order they were first brought (then by name: charges brought together tie).
  const firstBrought = new Map<string, string>();
  for (const record of own) {
    if (record.kind !== 'charge' || CLOSED_CHARGE_STATUSES.has(record.status)) {
      continue;
    }
    addSection(charges, record.law, record.section);
    const date = record.broughtOn ?? '9999-12-31';
    if (date < (firstBrought.get(record.law) ?? '9999-12-32')) {
      firstBrought.set(record.law, date);
    }
  }
  for (const group of charges) {
    group.sections.sort(compareSections);
  }
  charges.sort(
    (a, b) =>
      (firstBrought.get(a.law) ?? '').localeCompare(firstBrought.get(b.law) ?? '') ||
      a.law.localeCompare(b.law),
  );
  // The summary folds only the records this export shows, so it states nothing its reader may not read.
  const ownEvents = own.filter((record): record is EventRecord => record.kind === 'event');
  const history = deriveDetention(
    {
      events: ownEvents.map((event) => ({
        id: event.id,
        type: event.type,
        date: event.occurredOn,
        precision: event.precision,
        createdAt: event.createdAt.toISOString(),
        ...event.detention,
      })),
      custodyOrders: own
        .filter((record): record is CustodyRecord => record.kind === 'custody_order')
        .map((order) => ({
          id: order.id,
          kind: order.custodyKind,
          orderedOn: order.orderedOn,
          days: order.days,
          until: order.until,
          createdAt: order.createdAt.toISOString(),
        })),
    },
    today,
  );
  const coAccused = coAccusedPhrase(
    (facts.participants ?? []).filter((person) => person.id !== subjectId).map((person) => person.name),
    facts.unnamedCoAccused ?? 0,
    history.periods.length > 0,
    lang,
  );
  const current = history.currentOrder;
  const limits = facts.statutoryLimits ? limitLines(facts.statutoryLimits, own, history, today, lang) : [];
  const hearings = own.filter((record): record is HearingRecord => record.kind === 'hearing');
  const stages = deriveStages({
    events: ownEvents.map((event) => ({
      id: event.id,
      type: event.type,
      date: event.occurredOn,
      precision: event.precision,
      createdAt: event.createdAt.toISOString(),
      periodPosition: event.detention?.periodPosition,
      ...event.stages,
    })),
    hearings: hearings
      .filter((hearing) => hearing.status !== 'cancelled')
      .map((hearing) => ({
        id: hearing.id,
        day: hearing.scheduledLocal.slice(0, 10),
        createdAt: hearing.createdAt.toISOString(),
        stage: hearing.stage ?? null,
        court: hearing.court,
      })),
    charged: own.some((record) => record.kind === 'charge' && CHARGE_SHEET_FILED.includes(record.status)),
    court: facts.court,
    override: facts.statusOverride ?? null,
  });
  const next = nextHearing(hearings, now, today);
  return {
    id: facts.id,
    title: facts.title,
    caseNumber: facts.caseNumber,
    court: facts.court,
    timezone: facts.timezone,
    arrestedOn: history.firstCustodyOn,
    arrestedOnPrecision: history.firstCustodyPrecision ?? 'day',
    releasedOn: history.lastReleasedOn,
    charges,
    currentCustody: current
      ? { kind: current.kind, orderedOn: current.orderedOn, endsOn: current.endsOn }
      : null,
    daysDetained: history.daysInCustody,
    detention: coAccused
      ? `${detentionSummary(history, lang)}; ${coAccused}`
      : detentionSummary(history, lang),
    stage: stageSummary(stages, lang),
    coAccused,
    limits,
    nextHearing: next
      ? {
          local: next.scheduledLocal,
          instant: next.scheduledAt,
          timeKnown: next.timeKnown,
          timezone: facts.timezone,
          court: next.court,
        }
      : null,
  };
}

/** "UAPA s.43D(2): Met: stopped on 10 August 2026 by the charge sheet.", from the records this export shows. */
function limitLines(
  limits: { country: string; rows: LimitRow[] },
  own: ChronologyRecord[],
  history: DetentionHistory,
  today: IsoDate,
  lang: ChronologyLanguage,
): string[] {
  const { evaluations } = evaluateLimits(
    limits.rows,
    {
      country: limits.country,
      periods: history.periods,
      custodyOrders: own.filter((record): record is CustodyRecord => record.kind === 'custody_order'),
      charges: own
        .filter((record): record is ChargeRecord => record.kind === 'charge')
        .map((charge) => ({ ...charge, maximumPenalty: charge.maximumPenalty ?? null })),
      events: own
        .filter((record): record is EventRecord => record.kind === 'event')
        .filter((event) => (LIMIT_EVENT_TYPES as readonly string[]).includes(event.type))
        .map((event) => ({
          id: event.id,
          type: event.type,
          date: event.occurredOn,
          precision: event.precision,
        })),
    },
    today,
  );
  const references = new Map(limits.rows.map((row) => [row.id, row.reference]));
  return evaluations.map(
    (evaluation) => `${references.get(evaluation.limitId)}: ${limitSentence(evaluation, lang)}`,
  );
}

/** "18" < "18B" < "38" < "121A": by number, then by suffix. */
export function compareSections(a: string, b: string): number {
  const number = (section: string): number => Number.parseInt(section, 10);
  const byNumber = (number(a) || 0) - (number(b) || 0);
  return byNumber !== 0 ? byNumber : a.localeCompare(b);
}

export function addSection(groups: ChargeGroup[], law: string, section: string | null): void {
  const group = groups.find((candidate) => candidate.law === law);
  const sections = section === null ? [] : [section];
  if (!group) {
    groups.push({ law, sections });
  } else if (section !== null && !group.sections.includes(section)) {
    group.sections.push(section);
  }
}
