import ical, { ICalCalendar, ICalEventClass, ICalEventStatus } from 'ical-generator';
import type { Visibility } from '../../common/entry';
import { Writable } from 'node:stream';
import { ChronologyDocument, DocumentHearing } from '../chronology-document';
import { ChronologyLanguage } from '../date-phrases';
import { LABELS } from '../labels';
import { describeHearingTime, markPrefix, noticeFor, writeChunks } from './layout';

// Hearings as iCalendar, for export and for subscribed feeds (Google Calendar, Outlook,
// Thunderbird). Times are written in UTC, which every client converts correctly without a
// VTIMEZONE; a hearing whose time is unknown is an all-day event on its local day. The UID is the
// hearing's id, so a rescheduled hearing moves in the calendar instead of appearing twice.

const HOUR_MS = 3_600_000;
// SEQUENCE must grow with each change; seconds since this epoch do, and stay a small integer.
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

export const hearingUid = (id: string): string => `hearing-${id}@vigil`;

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
}

export function hearingsCalendar(hearings: DocumentHearing[], options: CalendarOptions): ICalCalendar {
  const labels = LABELS[options.lang];
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Vigil', product: 'Vigil', language: options.lang.toUpperCase() },
    ttl: options.refreshSeconds ?? null,
    description: options.description ?? null,
  });
  for (const hearing of hearings) {
    const day = hearing.local.slice(0, 10);
    const details = [
      `${hearing.defenderName} — ${hearing.caseTitle}`,
      describeHearingTime(hearing, options.lang) + (hearing.timeKnown ? ` (${hearing.timezone})` : ''),
      hearing.purpose,
      hearing.judge,
      hearing.outcome ? `${labels.outcome}: ${hearing.outcome}` : null,
    ].filter((line): line is string => Boolean(line));
    calendar.createEvent({
      id: hearingUid(hearing.id),
      start: hearing.timeKnown ? hearing.instant : new Date(`${day}T00:00:00Z`),
      end: hearing.timeKnown ? new Date(hearing.instant.getTime() + HOUR_MS) : null,
      allDay: !hearing.timeKnown,
      stamp: options.generatedAt,
      ...(hearing.updatedAt
        ? {
            lastModified: hearing.updatedAt,
            sequence: Math.max(0, Math.floor((hearing.updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000)),
          }
        : {}),
      summary: `${markPrefix(hearing.visibility, options.lang)}${labels.hearing}: ${hearing.defenderName}${hearing.court ? ` — ${hearing.court}` : ''}`,
      // Calendars that honour CLASS keep such an event from anyone the calendar is shared with.
      class: EVENT_CLASS[hearing.visibility],
      description: details.join('\n'),
      location: hearing.court,
      status: hearing.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar;
}

export function renderIcs(doc: ChronologyDocument, out: Writable): Promise<void> {
  const calendar = hearingsCalendar(doc.hearings, {
    name: LABELS[doc.lang].calendarName(doc.defender.name),
    lang: doc.lang,
    generatedAt: doc.generatedAt,
    description: noticeFor(doc),
  });
  return writeChunks([calendar.toString()], out);
}
