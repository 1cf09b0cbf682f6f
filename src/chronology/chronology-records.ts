// The rows the chronology is built from, as the service reads them from the database (events,
// charges, hearings, custody orders), the facts of each case and of the defender it is for, and the
// input buildDocument takes; with the key and the date each record is placed by.

import { CaseStageKind, StageEvent, StatusOverride } from '../cases/case-stages';
import { DetentionEvent } from '../cases/detention-history';
import type { DatePrecision, IsoDate, Visibility } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { EventType } from '../events/event.entity';
import { LimitRow } from '../statutory-limits/limit-model';
import { DocumentOrganisation, EntryKind, ExportVisibility } from './chronology-document';
import { ChronologyLanguage } from './date-phrases';

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
