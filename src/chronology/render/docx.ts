import type { Document, Paragraph, ParagraphChild } from 'docx';
import { Writable } from 'node:stream';
import { ChronologyDocument } from '../chronology-document';
import { ChronologyLanguage } from '../date-phrases';
import { textDirection } from '../../i18n/languages';
import { LABELS } from '../labels';
import {
  authorOf,
  footerLine,
  markFor,
  noticeFor,
  paragraphs,
  separator,
  sourceMarks,
  summaryBlocks,
  writeChunks,
} from './layout';

// A Word document an advocacy officer can edit into a statement: headings as Word headings, each
// entry a paragraph with its date in bold. docx builds the whole package in memory (a zip needs its
// directory at the end), so this one format is written in one piece.

type Docx = typeof import('docx');

// Required on the first DOCX export, not at start: docx (a 1 MB bundle) is memory every api process
// held from boot, though most never render a Word file. require() caches it from then on (and loads
// the same CommonJS build as a static import; import() would load the ES module one).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
const docxLibrary = (): Docx => require('docx');

// Word and LibreOffice spell-check and hyphenate by the document's language, not the reader's.
const LANGUAGE_TAGS: Record<ChronologyLanguage, string> = {
  en: 'en-GB',
  ru: 'ru-RU',
  fr: 'fr-FR',
  es: 'es-ES',
  ar: 'ar-SA',
};
// The PDF's font (DejaVu covers Latin and Cyrillic); without it LibreOffice falls back to a serif.
const FONT = 'DejaVu Sans';

function docxDocument(
  { AlignmentType, Document, ExternalHyperlink, Footer, HeadingLevel, PageNumber, Paragraph, TextRun }: Docx,
  doc: ChronologyDocument,
): Document {
  const labels = LABELS[doc.lang];
  // Arabic paragraphs run right to left (w:bidi); Word has no document-wide default for it.
  const rtl = textDirection(doc.lang) === 'rtl';
  const newParagraph = (options: Exclude<ConstructorParameters<typeof Paragraph>[0], string>): Paragraph =>
    new Paragraph({ bidirectional: rtl, ...options });
  const children: Paragraph[] = [newParagraph({ text: doc.title, heading: HeadingLevel.TITLE })];
  const notice = noticeFor(doc);
  if (notice) {
    children.push(newParagraph({ children: [new TextRun({ text: notice, bold: true, color: 'AA0000' })] }));
  }
  if (doc.defender.profile) {
    children.push(newParagraph({ children: [new TextRun({ text: doc.defender.profile, italics: true })] }));
  }
  for (const paragraph of paragraphs(doc.defender.bio ?? '')) {
    children.push(newParagraph({ text: paragraph }));
  }

  children.push(newParagraph({ text: labels.caseSummary, heading: HeadingLevel.HEADING_1 }));
  for (const block of summaryBlocks(doc)) {
    children.push(newParagraph({ text: block.heading, heading: HeadingLevel.HEADING_2 }));
    for (const row of block.rows) {
      children.push(
        newParagraph({
          bullet: { level: 0 },
          children: [new TextRun({ text: `${row.label}: `, bold: true }), new TextRun(row.values.join('; '))],
        }),
      );
    }
  }

  children.push(newParagraph({ text: labels.chronology, heading: HeadingLevel.HEADING_1 }));
  for (const entry of doc.entries) {
    const body = paragraphs(entry.text);
    if (body.length === 0) {
      body.push('');
    }
    body[body.length - 1] += sourceMarks(entry);
    const mark = markFor(entry.visibility, doc.lang);
    children.push(
      newParagraph({
        spacing: { after: 120 },
        children: [
          ...(mark ? [new TextRun({ text: `${mark} `, bold: true, color: 'AA0000' })] : []),
          new TextRun({ text: `${entry.lead}${separator(doc)}`, bold: true }),
          new TextRun(body[0]),
        ],
      }),
    );
    for (const paragraph of body.slice(1)) {
      children.push(newParagraph({ spacing: { after: 120 }, text: paragraph }));
    }
  }

  if (doc.sources.length > 0) {
    children.push(newParagraph({ text: labels.sources, heading: HeadingLevel.HEADING_1 }));
    for (const source of doc.sources) {
      const runs: ParagraphChild[] = [new TextRun(`${source.number}. ${source.citation ?? ''}`)];
      if (source.url) {
        runs.push(
          new TextRun(source.citation ? ', ' : ''),
          new ExternalHyperlink({
            link: source.url,
            children: [new TextRun({ text: source.url, style: 'Hyperlink' })],
          }),
        );
      }
      children.push(newParagraph({ children: runs }));
    }
  }
  if (doc.closingLine) {
    children.push(newParagraph({ spacing: { before: 240 }, text: doc.closingLine }));
  }

  // Every page: the organisation's line and "Page 2 of 5", the numbers filled in by Word.
  const [page, of] = labels.page;
  const footer = new Footer({
    children: [
      newParagraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: footerLine(doc), size: 16, color: '555555' }),
          new TextRun({
            children: [` · ${page} `, PageNumber.CURRENT, ` ${of} `, PageNumber.TOTAL_PAGES],
            size: 16,
            color: '555555',
          }),
        ],
      }),
    ],
  });
  // A heading stays on the page of what it heads.
  const heading = { paragraph: { keepNext: true }, run: { font: FONT, rightToLeft: rtl } };
  return new Document({
    title: doc.title,
    creator: authorOf(doc),
    lastModifiedBy: authorOf(doc),
    description: doc.title,
    styles: {
      default: {
        // Arabic: paragraphs right to left (w:bidi), runs right to left (w:rtl) with w:lang's bidi tag.
        document: rtl
          ? {
              run: {
                font: FONT,
                rightToLeft: true,
                language: { value: LANGUAGE_TAGS[doc.lang], bidirectional: LANGUAGE_TAGS[doc.lang] },
              },
            }
          : { run: { font: FONT, language: { value: LANGUAGE_TAGS[doc.lang] } } },
        title: heading,
        heading1: heading,
        heading2: heading,
      },
    },
    sections: [{ footers: { default: footer }, children }],
  });
}

export async function renderDocx(doc: ChronologyDocument, out: Writable): Promise<void> {
  const docx = docxLibrary();
  const buffer = await docx.Packer.toBuffer(docxDocument(docx, doc));
  await writeChunks([buffer], out);
}
