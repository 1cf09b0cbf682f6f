import ical, { escape, ICalCalendar, ICalEventClass, ICalEventStatus } from 'ical-generator';
import type { Visibility } from '../../common/entry';
import { Writable } from 'node:stream';
import { ChronologyDocument, DocumentHearing } from '../chronology-document';
import { ChronologyLanguage } from '../date-phrases';
import { LABELS } from '../labels';
import { describeHearingTime, markPrefix, noticeFor, writeChunks } from './layout';

// Hearings as iCalendar, for the export, the subscribed feeds (Google Calendar, Outlook,
// Thunderbird) and the .ics of a reminder email: one function writes a hearing's VEVENT for all
// three, so a caseworker who uses more than one gets one calendar entry per hearing. Times are
// written in UTC, which every client converts correctly without a VTIMEZONE; a hearing whose time is
// unknown is an all-day event on its local day. The UID is the hearing's id, so a rescheduled
// hearing moves in the calendar instead of appearing twice.

/** How long a hearing with a known time is shown to last (courts rarely say). */
export const HEARING_DURATION_MS = 3_600_000;
// SEQUENCE must grow with each change; seconds since this epoch do, and stay a small integer.
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

export const hearingUid = (id: string): string => `hearing-${id}@vigil`;

/** A hearing's SEQUENCE: grows with every change to the hearing (0 when not known). */
export const hearingSequence = (updatedAt: Date | null): number =>
  updatedAt ? Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000)) : 0;

const EVENT_CLASS: Record<Visibility, ICalEventClass | null> = {
  public: null,
  internal: ICalEventClass.PRIVATE,
  confidential: ICalEventClass.CONFIDENTIAL,
};

export interface CalendarOptions {
  name: string;
  lang: ChronologyLanguage;
  generatedAt: Date;
  /** How often subscribers should refresh, in seconds (feeds only). */
  refreshSeconds?: number;
  /** The calendar's description: an export's notice when it is not public. */
  description?: string | null;
  /** A link for each event (an email's case page). */
  url?: string;
}

export function hearingsCalendar(hearings: DocumentHearing[], options: CalendarOptions): ICalCalendar {
  const labels = LABELS[options.lang];
  // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC as given: escape them as RFC 5545 TEXT.
  const calendar = ical({
    name: escape(options.name, false),
    prodId: { company: 'Vigil', product: 'Vigil', language: options.lang.toUpperCase() },
    ttl: options.refreshSeconds ?? null,
    description: options.description ? escape(options.description, false) : null,
  });
  for (const hearing of hearings) {
    const day = hearing.local.slice(0, 10);
    const details = [
      `${hearing.defenderName} — ${hearing.caseTitle}`,
      describeHearingTime(hearing, options.lang) + (hearing.timeKnown ? ` (${hearing.timezone})` : ''),
      hearing.purpose,
      hearing.judge,
      hearing.outcome ? `${labels.outcome}: ${hearing.outcome}` : null,
      options.url ?? null,
    ].filter((line): line is string => Boolean(line));
    calendar.createEvent({
      id: hearingUid(hearing.id),
      start: hearing.timeKnown ? hearing.instant : new Date(`${day}T00:00:00Z`),
      // An all-day event says that it ends the next day: readers differ on an event without DTEND.
      end: hearing.timeKnown
        ? new Date(hearing.instant.getTime() + HEARING_DURATION_MS)
        : new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000),
      allDay: !hearing.timeKnown,
      stamp: options.generatedAt,
      sequence: hearingSequence(hearing.updatedAt),
      ...(hearing.updatedAt ? { lastModified: hearing.updatedAt } : {}),
      summary: `${markPrefix(hearing.visibility, options.lang)}${labels.hearing}: ${hearing.defenderName}${hearing.court ? ` — ${hearing.court}` : ''}`,
      // Calendars that honour CLASS keep such an event from anyone the calendar is shared with.
      class: EVENT_CLASS[hearing.visibility],
      description: details.join('\n'),
      location: hearing.court,
      url: options.url ?? null,
      status: hearing.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar;
}

/** The calendar as a file: RFC 5545 ends every line, the last one too, with CRLF. */
export const calendarText = (calendar: ICalCalendar): string => `${calendar.toString()}\r\n`;

export function renderIcs(doc: ChronologyDocument, out: Writable): Promise<void> {
  const calendar = hearingsCalendar(doc.hearings, {
    name: LABELS[doc.lang].calendarName(doc.defender.name),
    lang: doc.lang,
    generatedAt: doc.generatedAt,
    description: noticeFor(doc),
  });
  return writeChunks([calendarText(calendar)], out);
}
