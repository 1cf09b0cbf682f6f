import { Writable } from 'node:stream';
import { ChronologyDocument, DocumentEntry } from '../chronology-document';
import { splitIsoDate } from '../date-phrases';
import { LABELS } from '../labels';
import { escapeHtml } from './html';
import { markPrefix, noticeFor, paragraphs, writeChunks } from './layout';

// TimelineJS (https://timeline.knightlab.com/docs/json-format.html): a title slide and one event
// per entry, titled with what happened (a cancelled hearing says so), its sources labelled and
// numbered as in the other formats. Dates carry only the parts known ("In October 2020" has no day);
// text is HTML, so the caseworkers' words are escaped.

interface TimelineDate {
  year: number;
  month?: number;
  day?: number;
  display_date: string;
}

export interface TimelineJsEvent {
  unique_id: string;
  start_date: TimelineDate;
  text: { headline: string; text: string };
  group?: string;
}

export interface TimelineJsDocument {
  title: { text: { headline: string; text: string } };
  events: TimelineJsEvent[];
}

function startDate(entry: DocumentEntry): TimelineDate {
  const { year, month, day } = splitIsoDate(entry.occurredOn);
  switch (entry.precision) {
    case 'day':
      return { year, month, day, display_date: entry.lead };
    case 'month':
      return { year, month, display_date: entry.lead };
    case 'year':
      return { year, display_date: entry.lead };
  }
}

export function timelineJs(doc: ChronologyDocument): TimelineJsDocument {
  const sources = new Map(doc.sources.map((source) => [source.number, source]));
  const grouped = doc.cases.length > 1;
  return {
    title: {
      text: {
        headline: escapeHtml(doc.title),
        // The banner first: a TimelineJS page has no other top to carry it.
        text: [
          noticeFor(doc),
          doc.defender.profile,
          ...doc.cases.flatMap((summary) => [summary.detention, summary.stage]),
          doc.closingLine,
        ]
          .filter((line): line is string => Boolean(line))
          .map((line) => `<p>${escapeHtml(line)}</p>`)
          .join(''),
      },
    },
    events: doc.entries.map((entry) => {
      const links = entry.sources
        .map((number) => sources.get(number))
        .filter((source) => source !== undefined)
        .map(
          (source) =>
            `[${source.number}] ${
              source.url
                ? `<a href="${escapeHtml(source.url)}">${escapeHtml(source.citation ?? source.url)}</a>`
                : escapeHtml(source.citation ?? '')
            }`,
        );
      const body = paragraphs(entry.text).map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`);
      if (links.length > 0) {
        body.push(
          `<p class="vigil-sources">${escapeHtml(LABELS[doc.lang].sources)}: ${links.join('; ')}</p>`,
        );
      }
      const event: TimelineJsEvent = {
        unique_id: `${entry.kind}-${entry.id}`,
        start_date: startDate(entry),
        text: {
          headline: escapeHtml(`${markPrefix(entry.visibility, doc.lang)}${entry.headline}`),
          text: body.join(''),
        },
      };
      if (grouped) {
        event.group = entry.caseLabel;
      }
      return event;
    }),
  };
}

export const renderTimelineJs = (doc: ChronologyDocument, out: Writable): Promise<void> =>
  writeChunks([JSON.stringify(timelineJs(doc))], out);
