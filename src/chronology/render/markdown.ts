import { Writable } from 'node:stream';
import { ChronologyDocument } from '../chronology-document';
import { LABELS } from '../labels';
import {
  footerLine,
  markPrefix,
  noticeFor,
  paragraphs,
  separator,
  sourceMarks,
  summaryBlocks,
  writeChunks,
} from './layout';
import { markdownBlock, markdownHeading, markdownInline, markdownUrl } from './markdown-text';

// Markdown is what advocacy officers paste into statements, so entries are written exactly as a
// statement writes them ("22 November 2021: …"). The caseworkers' text is escaped so that it renders
// exactly as typed: no raw HTML, links or headings of its own (markdown-text.ts).

export function* markdownChunks(doc: ChronologyDocument): Generator<string> {
  const labels = LABELS[doc.lang];
  yield `# ${markdownHeading(doc.title)}\n\n`;
  const notice = noticeFor(doc);
  if (notice) {
    yield `> **${notice}**\n\n`;
  }
  if (doc.defender.profile) {
    yield `*${markdownInline(doc.defender.profile)}*\n\n`;
  }
  if (doc.defender.bio) {
    yield `${markdownBlock(doc.defender.bio.trim())}\n\n`;
  }
  yield `## ${labels.caseSummary}\n\n`;
  for (const block of summaryBlocks(doc)) {
    yield `### ${markdownHeading(block.heading)}\n\n`;
    for (const row of block.rows) {
      const values = row.values.map(markdownInline);
      yield values.length === 1
        ? `- **${row.label}:** ${values[0]}\n`
        : `- **${row.label}:**\n${values.map((value) => `  - ${value}\n`).join('')}`;
    }
    yield '\n';
  }
  yield `## ${labels.chronology}\n\n`;
  for (const entry of doc.entries) {
    const [first, ...rest] = paragraphs(entry.text);
    const body = [first ?? '', ...rest].map(markdownBlock);
    body[body.length - 1] += sourceMarks(entry);
    yield `${markPrefix(entry.visibility, doc.lang)}${markdownInline(entry.lead)}${separator(doc)}${body.join('\n\n')}\n\n`;
  }
  if (doc.sources.length > 0) {
    yield `## ${labels.sources}\n\n`;
    for (const source of doc.sources) {
      const parts = [
        source.citation ? markdownInline(source.citation) : null,
        source.url ? markdownUrl(source.url) : null,
      ].filter(Boolean);
      yield `${source.number}. ${parts.join(', ')}\n`;
    }
    yield '\n';
  }
  if (doc.closingLine) {
    yield `${markdownBlock(doc.closingLine)}\n\n`;
  }
  yield `*${markdownInline(footerLine(doc))}*\n`;
}

export const renderMarkdown = (doc: ChronologyDocument, out: Writable): Promise<void> =>
  writeChunks(markdownChunks(doc), out);
