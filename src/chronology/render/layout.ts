import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Visibility } from '../../common/entry';
import { zoneAbbreviation } from '../../hearings/court-time';
import { ChronologyDocument, DocumentCase, DocumentEntry, DocumentHearingTime } from '../chronology-document';
import { ChronologyLanguage, formatStatementDay, leadSeparator } from '../date-phrases';
import { LABELS } from '../labels';

// What every human-readable format (Markdown, HTML, PDF, DOCX) shows, in the same order and words;
// each renderer only decides how it looks.

export interface SummaryRow {
  label: string;
  values: string[];
}

export interface SummaryBlock {
  heading: string;
  rows: SummaryRow[];
}

export function describeHearingTime(time: DocumentHearingTime, lang: ChronologyLanguage): string {
  const day = formatStatementDay(time.local.slice(0, 10), lang);
  const when = time.timeKnown
    ? `${day}, ${time.local.slice(11, 16)} ${zoneAbbreviation(time.timezone, time.instant)}`
    : day;
  return time.court ? `${when} — ${time.court}` : when;
}

export function summaryBlocks(doc: ChronologyDocument): SummaryBlock[] {
  const labels = LABELS[doc.lang];
  return doc.cases.map((summary: DocumentCase) => {
    const rows: SummaryRow[] = [{ label: labels.detention.label, values: [summary.detention] }];
    if (summary.stage) {
      rows.push({ label: labels.stage.label, values: [summary.stage] });
    }
    if (summary.caseNumber) {
      rows.push({ label: labels.caseNumber, values: [summary.caseNumber] });
    }
    rows.push({
      label: labels.charges,
      values:
        summary.charges.length > 0
          ? summary.charges.map((group) =>
              group.sections.length > 0 ? `${group.law}: ${group.sections.join(', ')}` : group.law,
            )
          : [labels.none],
    });
    const custody = summary.currentCustody;
    rows.push({
      label: labels.currentCustody,
      values: [
        custody
          ? [
              labels.custodyKinds[custody.kind as keyof typeof labels.custodyKinds] ?? custody.kind,
              custody.endsOn ? labels.until(formatStatementDay(custody.endsOn, doc.lang)) : null,
            ]
              .filter(Boolean)
              .join(', ')
          : labels.none,
      ],
    });
    if (summary.daysDetained !== null && summary.arrestedOn) {
      rows.push({
        label: labels.daysDetained,
        values: [
          `${summary.daysDetained} (${labels.since(formatStatementDay(summary.arrestedOn, doc.lang))})`,
        ],
      });
    }
    if (summary.limits.length > 0) {
      rows.push({ label: labels.statutoryLimits, values: summary.limits });
    }
    rows.push({
      label: labels.nextHearing,
      values: [summary.nextHearing ? describeHearingTime(summary.nextHearing, doc.lang) : labels.none],
    });
    return { heading: summary.title, rows };
  });
}

/** " [1] [3]" after an entry's text, or nothing. */
export const sourceMarks = (entry: DocumentEntry): string =>
  entry.sources.length > 0 ? ` ${entry.sources.map((n) => `[${n}]`).join(' ')}` : '';

export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

export const separator = (doc: ChronologyDocument): string => leadSeparator(doc.lang);

export function noticeFor(doc: ChronologyDocument): string | null {
  return doc.visibility === 'public' ? null : LABELS[doc.lang].notice[doc.visibility];
}

/**
 * "[CONFIDENTIAL]" for an entry or hearing that is not public, null for a public one: pages and
 * calendar events get separated from the notice at the top of a file, so each carries its own.
 */
export const markFor = (visibility: Visibility, lang: ChronologyLanguage): string | null =>
  visibility === 'public' ? null : LABELS[lang].mark[visibility];

/** The mark and a space, or nothing: for text that starts with it. */
export const markPrefix = (visibility: Visibility, lang: ChronologyLanguage): string => {
  const mark = markFor(visibility, lang);
  return mark ? `${mark} ` : '';
};

/**
 * The organisation's line: its name, its contact line and the export date. The footer of every
 * PDF and DOCX page, the last line of the other formats; Vigil's name is not in it.
 */
export const footerLine = (doc: ChronologyDocument): string =>
  [
    doc.organisation?.name,
    doc.organisation?.contact,
    LABELS[doc.lang].generated(formatStatementDay(doc.generatedAt.toISOString().slice(0, 10), doc.lang)),
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');

/** The author a PDF's or DOCX's properties name. */
export const authorOf = (doc: ChronologyDocument): string => doc.organisation?.name ?? 'Vigil';

/** Writes text chunks as they are produced, waiting whenever the client is slower than we are. */
export function writeChunks(chunks: Iterable<string | Buffer>, out: Writable): Promise<void> {
  return pipeline(Readable.from(chunks, { objectMode: false }), out);
}
