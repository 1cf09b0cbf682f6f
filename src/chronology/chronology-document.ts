import type { DatePrecision, IsoDate, Visibility } from '../common/entry';
import type { ChronologyLanguage } from './date-phrases';

// The plain document every export format is rendered from. Building it is the only place that
// decides what goes in (visibility, dates); renderers only lay it out.

export const EXPORT_FORMATS = [
  'md',
  'html',
  'pdf',
  'docx',
  'csv',
  'xlsx',
  'json',
  'ics',
  'timelinejs',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** public: advocacy-ready; internal: public + internal; all: everything, confidential included. */
export const EXPORT_VISIBILITIES = ['public', 'internal', 'all'] as const;
export type ExportVisibility = (typeof EXPORT_VISIBILITIES)[number];

/** The entry visibilities an export of this level may carry. */
export const VISIBLE_IN: Record<ExportVisibility, readonly Visibility[]> = {
  public: ['public'],
  internal: ['public', 'internal'],
  all: ['public', 'internal', 'confidential'],
};

export type EntryKind = 'event' | 'charge' | 'hearing' | 'custody_order';

export interface DocumentDefender {
  id: string;
  name: string;
  otherNames: string[];
  /** "Human rights defender; Jammu and Kashmir Coalition of Civil Society" */
  profile: string | null;
  bio: string | null;
  country: string;
}

export interface ChargeGroup {
  law: string;
  sections: string[];
}

export interface DocumentCase {
  id: string;
  title: string;
  caseNumber: string | null;
  court: string | null;
  timezone: string;
  arrestedOn: IsoDate | null;
  arrestedOnPrecision: DatePrecision;
  releasedOn: IsoDate | null;
  charges: ChargeGroup[];
  currentCustody: { kind: string; orderedOn: IsoDate; endsOn: IsoDate | null } | null;
  daysDetained: number | null;
  /** "In pre-trial detention since 3 May 2022 (217 days)", "Died in custody on 24 April 2022" … */
  detention: string;
  /** "On appeal at the Court of Appeal of Antananarivo since 3 March 2025" … (stageSummary); null: none to state. */
  stage: string | null;
  /** The others accused in the case, named ones first: "detained with Tomás Ruiz and seven others". */
  coAccused: string | null;
  /** Each statutory limit that applies and its state: "UAPA s.43D(2): Met: stopped on … by the charge sheet." */
  limits: string[];
  nextHearing: DocumentHearingTime | null;
}

export interface DocumentHearingTime {
  /** Wall clock in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  local: string;
  instant: Date;
  timeKnown: boolean;
  timezone: string;
  court: string | null;
}

export interface DocumentEntry {
  id: string;
  kind: EntryKind;
  caseId: string;
  /** Its case's title, with its number when it has one: what a chronology of several cases labels it by. */
  caseLabel: string;
  occurredOn: IsoDate;
  precision: DatePrecision;
  /** "22 November 2021", "In October 2020", localized; followed by "(its case)" when the document has several. */
  lead: string;
  /** The entry's text; paragraphs separated by a blank line. */
  text: string;
  /** Short label: the event's type or the record's kind, localized ("Raid", "Hearing"). */
  label: string;
  /**
   * What happened, in a few words, for a slide's title: the event's own title or the first sentence
   * of its text, "Hearing at the NIA Special Court", "[CANCELLED] Hearing at …".
   */
  headline: string;
  /** Numbers into ChronologyDocument.sources. */
  sources: number[];
  visibility: Visibility;
}

export interface DocumentSource {
  number: number;
  citation: string | null;
  url: string | null;
}

/** A hearing as a calendar needs it. */
export interface DocumentHearing extends DocumentHearingTime {
  id: string;
  caseId: string;
  caseTitle: string;
  defenderName: string;
  judge: string | null;
  purpose: string | null;
  status: string;
  outcome: string | null;
  updatedAt: Date | null;
  visibility: Visibility;
}

/** Who sends the export: the organisation's name and contact line, from the settings. */
export interface DocumentOrganisation {
  name: string;
  contact: string | null;
}

export interface ChronologyDocument {
  lang: ChronologyLanguage;
  visibility: ExportVisibility;
  generatedAt: Date;
  title: string;
  defender: DocumentDefender;
  cases: DocumentCase[];
  entries: DocumentEntry[];
  sources: DocumentSource[];
  hearings: DocumentHearing[];
  closingLine: string | null;
  organisation: DocumentOrganisation | null;
  /** The date range asked for, if any (entries are already limited to it). */
  from: IsoDate | null;
  to: IsoDate | null;
}
