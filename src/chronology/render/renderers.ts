import { Writable } from 'node:stream';
import { ChronologyDocument, ExportFormat } from '../chronology-document';
import { renderCsv } from './csv';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderIcs } from './ics';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { renderTimelineJs } from './timelinejs';
import { renderXlsx } from './xlsx';

export interface Renderer {
  contentType: string;
  extension: string;
  /** Writes the whole export to `out` and ends it. */
  render(doc: ChronologyDocument, out: Writable): Promise<void>;
}

export const RENDERERS = {
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', render: renderMarkdown },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', render: renderHtml },
  pdf: { contentType: 'application/pdf', extension: 'pdf', render: renderPdf },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    render: renderDocx,
  },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', render: renderCsv },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    render: renderXlsx,
  },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', render: renderJson },
  ics: { contentType: 'text/calendar; charset=utf-8', extension: 'ics', render: renderIcs },
  timelinejs: {
    contentType: 'application/json; charset=utf-8',
    extension: 'timeline.json',
    render: renderTimelineJs,
  },
} as const satisfies Record<ExportFormat, Renderer>;
