import { Writable } from 'node:stream';
import { ChronologyDocument } from '../chronology-document';
import { LABELS } from '../labels';
import { footerLine, markFor, noticeFor, paragraphs, separator, summaryBlocks, writeChunks } from './layout';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

const STYLE = `
  body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  .notice { border: 2px solid #a00; padding: .5rem 1rem; font-weight: bold; color: #a00; }
  .mark { color: #a00; }
  .profile { font-style: italic; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  .entry { margin: .75rem 0; }
  .entry .continued { margin: .5rem 0 0; }
  .closing, .generated { margin-top: 2rem; }
  .generated { font-size: .85em; color: #555; }
`;

/** A standalone page (styles inline) that opens in any browser and prints cleanly; every text is escaped. */
export function* htmlChunks(doc: ChronologyDocument): Generator<string> {
  const labels = LABELS[doc.lang];
  yield `<!DOCTYPE html>\n<html lang="${doc.lang}">\n<head>\n<meta charset="utf-8">\n`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1">\n`;
  yield `<title>${escapeHtml(doc.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n`;
  yield `<h1>${escapeHtml(doc.title)}</h1>\n`;
  const notice = noticeFor(doc);
  if (notice) {
    yield `<p class="notice">${escapeHtml(notice)}</p>\n`;
  }
  if (doc.defender.profile) {
    yield `<p class="profile">${escapeHtml(doc.defender.profile)}</p>\n`;
  }
  for (const paragraph of paragraphs(doc.defender.bio ?? '')) {
    yield `<p class="bio">${escapeHtml(paragraph)}</p>\n`;
  }
  yield `<section class="summary">\n<h2>${escapeHtml(labels.caseSummary)}</h2>\n`;
  for (const block of summaryBlocks(doc)) {
    yield `<h3>${escapeHtml(block.heading)}</h3>\n<dl>\n`;
    for (const row of block.rows) {
      yield `<dt>${escapeHtml(row.label)}</dt><dd>${row.values.map(escapeHtml).join('<br>')}</dd>\n`;
    }
    yield '</dl>\n';
  }
  yield `</section>\n<section class="chronology">\n<h2>${escapeHtml(labels.chronology)}</h2>\n`;
  for (const entry of doc.entries) {
    const [first, ...rest] = paragraphs(entry.text);
    const marks = entry.sources.map((n) => `<sup><a href="#source-${n}">[${n}]</a></sup>`).join('');
    const mark = markFor(entry.visibility, doc.lang);
    yield `<div class="entry" id="${entry.kind}-${entry.id}"><p>${mark ? `<strong class="mark">${escapeHtml(mark)}</strong> ` : ''}<strong class="date">${escapeHtml(entry.lead)}</strong>${escapeHtml(separator(doc))}${escapeHtml(first ?? '')}${rest.length === 0 ? marks : ''}</p>`;
    for (const [index, paragraph] of rest.entries()) {
      yield `<p class="continued">${escapeHtml(paragraph)}${index === rest.length - 1 ? marks : ''}</p>`;
    }
    yield '</div>\n';
  }
  yield '</section>\n';
  if (doc.sources.length > 0) {
    yield `<section class="sources">\n<h2>${escapeHtml(labels.sources)}</h2>\n<ol>\n`;
    for (const source of doc.sources) {
      const citation = source.citation ? escapeHtml(source.citation) : '';
      const link = source.url
        ? `<a href="${escapeHtml(source.url)}" rel="noopener noreferrer">${escapeHtml(source.url)}</a>`
        : '';
      yield `<li id="source-${source.number}">${[citation, link].filter(Boolean).join(', ')}</li>\n`;
    }
    yield '</ol>\n</section>\n';
  }
  if (doc.closingLine) {
    yield `<p class="closing">${escapeHtml(doc.closingLine)}</p>\n`;
  }
  yield `<p class="generated">${escapeHtml(footerLine(doc))}</p>\n</main>\n</body>\n</html>\n`;
}

export const renderHtml = (doc: ChronologyDocument, out: Writable): Promise<void> =>
  writeChunks(htmlChunks(doc), out);
