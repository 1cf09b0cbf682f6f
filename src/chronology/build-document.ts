import {
  CaseStageKind,
  CHARGE_SHEET_FILED,
  deriveStages,
  StageEvent,
  StatusOverride,
} from '../cases/case-stages';
import { deriveDetention, DetentionEvent, DetentionHistory } from '../cases/detention-history';
import { todayIn } from '../common/calendar-day';
import { mostRestrictive } from '../common/readers';
import type { DatePrecision, IsoDate, Visibility } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { EventType } from '../events/event.entity';
import { zoneAbbreviation } from '../hearings/court-time';
import { nextHearing } from '../hearings/next-hearing';
import { LIMIT_EVENT_TYPES } from '../statutory-limits/case-limits';
import { evaluateLimits } from '../statutory-limits/limit-evaluation';
import { LimitRow } from '../statutory-limits/limit-model';
import { limitSentence } from '../statutory-limits/limit-words';
import {
  ChargeGroup,
  ChronologyDocument,
  DocumentCase,
  DocumentEntry,
  DocumentHearing,
  DocumentOrganisation,
  DocumentSource,
  EntryKind,
  ExportVisibility,
  VISIBLE_IN,
} from './chronology-document';
import { ChronologyLanguage, entryLead, formatStatementDay } from './date-phrases';
import { coAccusedPhrase } from './co-accused-words';
import { detentionSummary, stageSummary } from './detention-summary';
import { storyOf } from '../cases/participants';
import { descriptionIn } from '../cases/starting-note';
import { LABELS } from './labels';

// Turns rows read from the database into the document the renderers lay out. Pure: the service
// reads, this decides what is shown and how it is worded.

interface RecordBase {
  id: string;
  caseId: string;
  /** The participant (defender id) it is about; null or absent when it concerns everyone. */
  participantId?: string | null;
  visibility: Visibility;
  createdAt: Date;
}

export interface EventRecord extends RecordBase {
  kind: 'event';
  /** null when the date is not known. */
  occurredOn: IsoDate | null;
  precision: DatePrecision;
  type: EventType;
  title: string | null;
  description: string;
  sources: { citation: string | null; url: string | null }[];
  /** What the detention fold reads (detention-history.ts); absent or null on most types. */
  detention?: Pick<
    DetentionEvent,
    | 'custodyBasis'
    | 'bailConditions'
    | 'bailConditionsNote'
    | 'sentenceTerm'
    | 'sentenceStartsOn'
    | 'creditForCustody'
    | 'endedOn'
    | 'periodPosition'
  >;
  /** What the stage fold reads (case-stages.ts); absent or null on most types. */
  stages?: Pick<StageEvent, 'stage' | 'court' | 'decision' | 'appealDeadline'>;
}

export interface ChargeRecord extends RecordBase {
  kind: 'charge';
  law: string;
  /** null when the sources name no section. */
  section: string | null;
  offence: string | null;
  broughtOn: IsoDate | null;
  broughtOnPrecision?: DatePrecision;
  status: string;
  maximumPenalty?: string | null;
}

export interface HearingRecord extends RecordBase {
  kind: 'hearing';
  scheduledLocal: string;
  scheduledAt: Date;
  timeKnown: boolean;
  court: string | null;
  judge: string | null;
  purpose: string | null;
  /** null or absent: the stage under way on its day. */
  stage?: CaseStageKind | null;
  status: string;
  outcome: string | null;
  /** Lets calendars tell a changed hearing from an old copy (SEQUENCE). */
  updatedAt: Date | null;
}

export interface CustodyRecord extends RecordBase {
  kind: 'custody_order';
  custodyKind: CustodyKind;
  orderedOn: IsoDate;
  days: number | null;
  until: IsoDate | null;
  court: string | null;
}

export type ChronologyRecord = EventRecord | ChargeRecord | HearingRecord | CustodyRecord;

/** One of the defender's cases as the chronology states it: its summary and what its records refer to. */
export interface ChronologyCaseFacts {
  id: string;
  title: string;
  caseNumber: string | null;
  court: string | null;
  timezone: string;
  arrestedOn: IsoDate | null;
  arrestedOnPrecision: DatePrecision;
  releasedOn: IsoDate | null;
  statusOverride?: StatusOverride | null;
  /** Everyone in the case (the main defender and the named co-accused). */
  participants?: { id: string; name: string }[];
  /** Co-accused known only as a number. */
  unnamedCoAccused?: number;
  /** The statutory-limit rows of the case's country, when the summary is to state the limits. */
  statutoryLimits?: { country: string; rows: LimitRow[] };
}

/** "NIA case (RC-01/2021/NIA/JMU)": a case's title, with its number when it has one. */
export const caseLabel = (facts: Pick<ChronologyCaseFacts, 'title' | 'caseNumber'>): string =>
  facts.caseNumber ? `${facts.title} (${facts.caseNumber})` : facts.title;

export interface DefenderFacts {
  id: string;
  fullName: string;
  otherNames: string[];
  profession: string | null;
  affiliations: string[];
  bio: string | null;
  country: string;
}

export interface DocumentInput {
  lang: ChronologyLanguage;
  visibility: ExportVisibility;
  now: Date;
  defender: DefenderFacts;
  cases: ChronologyCaseFacts[];
  /** The cases' records in timeline order. Records the export may not show are dropped here too. */
  records: ChronologyRecord[];
  /** `${kind}:${id}` of a record → the event that tells it in words (set by the import). */
  narratedBy: ReadonlyMap<string, string>;
  /** `${kind}:${id}` of a record → the files on it (src/documents), listed among its sources. */
  files?: ReadonlyMap<string, readonly { fileName: string; citation: string | null }[]>;
  closingLine: string | null;
  organisation?: DocumentOrganisation | null;
  from?: IsoDate | null;
  to?: IsoDate | null;
}

export const recordKey = (kind: EntryKind, id: string): string => `${kind}:${id}`;

// Charges no longer pending do not belong under "Charges" in a summary of where the case stands.
const CLOSED_CHARGE_STATUSES = new Set(['dropped', 'acquitted']);

export function recordDate(record: ChronologyRecord): { date: IsoDate | null; precision: DatePrecision } {
  switch (record.kind) {
    case 'event':
      return { date: record.occurredOn, precision: record.precision };
    case 'charge':
      return { date: record.broughtOn, precision: record.broughtOnPrecision ?? 'day' };
    case 'hearing':
      return { date: record.scheduledLocal.slice(0, 10), precision: 'day' };
    case 'custody_order':
      return { date: record.orderedOn, precision: 'day' };
  }
}

/**
 * The document a defender's chronology is rendered from. Its summaries tell `defender`'s own story
 * in each case (their entries and the shared ones; participants.ts), and when it spans several
 * cases every entry's lead names its case.
 */
export function buildDocument(input: DocumentInput): ChronologyDocument {
  const labels = LABELS[input.lang];
  const severalCases = input.cases.length > 1;
  const allowed = new Set<Visibility>(VISIBLE_IN[input.visibility]);
  const records = input.records.filter((record) => allowed.has(record.visibility));
  const cases = new Map(input.cases.map((facts) => [facts.id, facts]));

  const inRange = (date: IsoDate | null): date is IsoDate =>
    date !== null && (!input.from || date >= input.from) && (!input.to || date <= input.to);
  const shown = records.filter((record) => inRange(recordDate(record).date));
  const shownEvents = new Set(shown.filter((record) => record.kind === 'event').map((record) => record.id));
  const told = (record: ChronologyRecord): boolean => {
    const narrator = input.narratedBy.get(recordKey(record.kind, record.id));
    return narrator !== undefined && shownEvents.has(narrator);
  };

  const sources: DocumentSource[] = [];
  const sourceNumbers = new Map<string, number>();
  const numberSource = (source: { citation: string | null; url: string | null }): number => {
    const key = JSON.stringify([source.citation, source.url]);
    let number = sourceNumbers.get(key);
    if (number === undefined) {
      number = sources.length + 1;
      sourceNumbers.set(key, number);
      sources.push({ number, citation: source.citation, url: source.url });
    }
    return number;
  };

  const entries: DocumentEntry[] = [];
  // Which laws and sections a merged charge line holds, so later charges of the same day join it.
  const chargeLines = new Map<DocumentEntry, ChargeGroup[]>();
  for (const record of shown) {
    if (record.kind !== 'event' && told(record)) {
      continue;
    }
    const { date, precision } = recordDate(record) as { date: IsoDate; precision: DatePrecision };
    const facts = cases.get(record.caseId);
    const label = facts ? caseLabel(facts) : '';
    // Whose entry it is, when not the document's own defender's (a co-accused's, in a case's chronology).
    const someoneElse =
      record.participantId && record.participantId !== input.defender.id
        ? facts?.participants?.find((person) => person.id === record.participantId)?.name
        : undefined;
    const tags = [severalCases ? label : '', someoneElse ?? ''].filter(Boolean);
    const lead = entryLead(date, precision, input.lang);
    const base = {
      id: record.id,
      kind: record.kind,
      caseId: record.caseId,
      caseLabel: label,
      occurredOn: date,
      precision,
      lead: tags.length > 0 ? `${lead} (${tags.join('; ')})` : lead,
      visibility: record.visibility,
    };
    switch (record.kind) {
      case 'event': {
        const description = descriptionIn(record.description, input.lang);
        entries.push({
          ...base,
          text: description,
          label: record.title ?? labels.eventTypes[record.type],
          headline: record.title?.trim() || firstSentence(description),
          sources: [...new Set(record.sources.map(numberSource))],
        });
        break;
      }
      case 'charge': {
        // Charges brought together read as one line: "Charged under Sections 120B and 121A of …".
        const previous = entries.at(-1);
        const groups =
          previous?.kind === 'charge' && previous.caseId === record.caseId && previous.occurredOn === date
            ? (chargeLines.get(previous) ?? [])
            : undefined;
        if (previous && groups) {
          addSection(groups, record.law, record.section);
          previous.text = groups.map((group) => labels.chargedUnder(group.law, group.sections)).join(' ');
          previous.headline = firstSentence(previous.text);
          // The line now tells this charge too: it may be shown only where every charge it holds may.
          previous.visibility = mostRestrictive([previous.visibility, record.visibility]);
          break;
        }
        const text = labels.chargedUnder(record.law, record.section === null ? [] : [record.section]);
        const entry: DocumentEntry = {
          ...base,
          text,
          label: labels.charge,
          headline: firstSentence(text),
          sources: [],
        };
        chargeLines.set(entry, [
          { law: record.law, sections: record.section === null ? [] : [record.section] },
        ]);
        entries.push(entry);
        break;
      }
      case 'hearing':
        entries.push({
          ...base,
          text: hearingText(record, cases.get(record.caseId), input.lang),
          label: labels.hearing,
          headline: `${record.status === 'cancelled' ? `${labels.cancelledMark} ` : ''}${labels.hearingAt(record.court, null)}`,
          sources: [],
        });
        break;
      case 'custody_order': {
        const text = labels.custodyFor(
          record.custodyKind,
          record.days,
          record.until ? formatStatementDay(record.until, input.lang) : null,
        );
        entries.push({
          ...base,
          text,
          label: labels.custodyOrder,
          headline: firstSentence(text),
          sources: [],
        });
        break;
      }
    }
    // A file is a source like a citation: "Order of 4 December — order.pdf". The line just written
    // holds this record (a charge merged into the line before it too).
    const files = input.files?.get(recordKey(record.kind, record.id)) ?? [];
    const line = entries.at(-1);
    if (files.length && line) {
      const numbers = files.map((file) =>
        numberSource({ citation: [file.citation, file.fileName].filter(Boolean).join(' — '), url: null }),
      );
      line.sources = [...new Set([...line.sources, ...numbers])];
    }
  }

  const hearings: DocumentHearing[] = shown
    .filter((record): record is HearingRecord => record.kind === 'hearing')
    .map((record) => {
      const facts = cases.get(record.caseId);
      return {
        id: record.id,
        caseId: record.caseId,
        caseTitle: facts ? caseLabel(facts) : '',
        defenderName: input.defender.fullName,
        local: record.scheduledLocal,
        instant: record.scheduledAt,
        timeKnown: record.timeKnown,
        timezone: facts?.timezone ?? 'UTC',
        court: record.court,
        judge: record.judge,
        purpose: record.purpose,
        status: record.status,
        outcome: record.outcome,
        updatedAt: record.updatedAt,
        visibility: record.visibility,
      };
    });

  return {
    lang: input.lang,
    visibility: input.visibility,
    generatedAt: input.now,
    title: labels.title(input.defender.fullName),
    defender: {
      id: input.defender.id,
      name: input.defender.fullName,
      otherNames: input.defender.otherNames,
      profile: profileLine(input.defender),
      bio: input.defender.bio,
      country: input.defender.country,
    },
    cases: input.cases.map((facts) =>
      summarise(facts, storyOf(records, input.defender.id), input.defender.id, input.now, input.lang),
    ),
    entries,
    sources,
    hearings,
    closingLine: input.closingLine,
    organisation: input.organisation ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}

function addSection(groups: ChargeGroup[], law: string, section: string | null): void {
  const group = groups.find((candidate) => candidate.law === law);
  const sections = section === null ? [] : [section];
  if (!group) {
    groups.push({ law, sections });
  } else if (section !== null && !group.sections.includes(section)) {
    group.sections.push(section);
  }
}

/**
 * A hearing as one sentence, as a statement would put it: "Hearing at the NIA Special Court at 10:30
 * IST; bail application; custody extended by 50 days." Purpose, status and outcome follow as clauses.
 */
function hearingText(
  record: HearingRecord,
  facts: ChronologyCaseFacts | undefined,
  lang: ChronologyLanguage,
): string {
  const labels = LABELS[lang];
  const time =
    record.timeKnown && facts
      ? `${record.scheduledLocal.slice(11, 16)} ${zoneAbbreviation(facts.timezone, record.scheduledAt)}`
      : null;
  const clauses = [labels.hearingAt(record.court, time)];
  if (record.purpose?.trim()) {
    clauses.push(asClause(record.purpose));
  }
  if (record.status === 'adjourned' || record.status === 'cancelled') {
    clauses.push(labels.hearingStatus[record.status]);
  }
  if (record.outcome?.trim()) {
    clauses.push(asClause(record.outcome));
  }
  return endSentence(clauses.join(labels.clauses));
}

const HEADLINE_LENGTH = 100;

/**
 * The first sentence of a text, without its full stop, cut at a word boundary when long: a title
 * ("Arrested by the NIA in Srinagar"). Initials and abbreviations ("s. 13", "U.A.P.A.") are kept whole.
 */
export function firstSentence(text: string): string {
  const paragraph = text
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ');
  const end = /[.!?…](?=\s+[A-ZА-ЯЁÀ-ÖØ-Þ"«“(])/u.exec(paragraph);
  const sentence = (end ? paragraph.slice(0, end.index + 1) : paragraph).replace(/\.$/, '');
  if (sentence.length <= HEADLINE_LENGTH) {
    return sentence;
  }
  const cut = sentence.slice(0, HEADLINE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > HEADLINE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, '')}…`;
}

/** "Custody extended." → "custody extended"; "NIA remand" keeps its capitals. */
function asClause(text: string): string {
  const trimmed = text.trim().replace(/[.;]+$/, '');
  const [first, second] = [...trimmed];
  return second !== undefined &&
    second === second.toLocaleLowerCase() &&
    second !== second.toLocaleUpperCase()
    ? first.toLocaleLowerCase() + trimmed.slice(first.length)
    : trimmed;
}

const endSentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function profileLine(defender: DefenderFacts): string | null {
  const parts = [defender.profession, ...defender.affiliations].filter(
    (part): part is string => typeof part === 'string' && part.trim().length > 0,
  );
  if (parts.length === 0) {
    return null;
  }
  const line = parts.join('; ');
  return line.charAt(0).toLocaleUpperCase() + line.slice(1);
}

function summarise(
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
