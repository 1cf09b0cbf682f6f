import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChronologyDocument } from '../chronology-document';
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
} from './layout';

// DejaVu covers Latin, Cyrillic and the typographic quotes statements use; the PDF standard fonts
// would drop every Russian letter.
const FONT_DIRECTORY = 'dejavu-fonts-ttf/ttf';
const FONTS = {
  regular: require.resolve(`${FONT_DIRECTORY}/DejaVuSans.ttf`),
  bold: require.resolve(`${FONT_DIRECTORY}/DejaVuSans-Bold.ttf`),
  italic: require.resolve(`${FONT_DIRECTORY}/DejaVuSans-Oblique.ttf`),
};

const SIZE = { title: 18, heading: 13, subheading: 11, body: 10 };

// Required on the first PDF export, not at start: pdfkit, fontkit and their tables are memory every
// api process held from boot, though most never render a PDF. require() caches it from then on
// (and loads the same CommonJS build as a static import; import() would load the ES module one).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
const pdfKit = (): typeof import('pdfkit') => require('pdfkit');

// Fonts are selected by their file path, pdfkit's cache key. (A registered alias of the font the
// document opened with is re-read from disk on every switch: seconds for a long chronology.)

/** Lays the document out page by page while pdfkit streams the bytes out. */
export async function renderPdf(doc: ChronologyDocument, out: Writable): Promise<void> {
  const PDFDocument = pdfKit();
  const labels = LABELS[doc.lang];
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    font: FONTS.regular,
    lang: doc.lang,
    displayTitle: true,
    // Pages are kept until the end, when their footers can say how many there are.
    bufferPages: true,
    info: { Title: doc.title, Author: authorOf(doc), Creator: 'Vigil', CreationDate: doc.generatedAt },
  });
  const written = pipeline(pdf, out);

  const heading = (text: string, size: number): void => {
    pdf.moveDown(0.6).font(FONTS.bold).fontSize(size).text(text).moveDown(0.3);
  };

  pdf.font(FONTS.bold).fontSize(SIZE.title).text(doc.title);
  pdf.moveDown(0.4);
  const notice = noticeFor(doc);
  if (notice) {
    pdf
      .font(FONTS.bold)
      .fontSize(SIZE.body)
      .fillColor('#aa0000')
      .text(notice)
      .fillColor('black')
      .moveDown(0.4);
  }
  if (doc.defender.profile) {
    pdf.font(FONTS.italic).fontSize(SIZE.body).text(doc.defender.profile).moveDown(0.3);
  }
  for (const paragraph of paragraphs(doc.defender.bio ?? '')) {
    pdf.font(FONTS.regular).fontSize(SIZE.body).text(paragraph).moveDown(0.3);
  }

  heading(labels.caseSummary, SIZE.heading);
  for (const block of summaryBlocks(doc)) {
    heading(block.heading, SIZE.subheading);
    for (const row of block.rows) {
      pdf.font(FONTS.bold).fontSize(SIZE.body).text(`${row.label}: `, { continued: true });
      pdf.font(FONTS.regular).text(row.values.join('; '));
    }
  }

  heading(labels.chronology, SIZE.heading);
  for (const entry of doc.entries) {
    const body = paragraphs(entry.text);
    if (body.length === 0) {
      body.push('');
    }
    body[body.length - 1] += sourceMarks(entry);
    const mark = markFor(entry.visibility, doc.lang);
    if (mark) {
      pdf.font(FONTS.bold).fontSize(SIZE.body).fillColor('#aa0000').text(`${mark} `, { continued: true });
      pdf.fillColor('black');
    }
    pdf
      .font(FONTS.bold)
      .fontSize(SIZE.body)
      .text(`${entry.lead}${separator(doc)}`, { continued: true });
    pdf.font(FONTS.regular).text(body[0]);
    for (const paragraph of body.slice(1)) {
      pdf.moveDown(0.3).text(paragraph);
    }
    pdf.moveDown(0.5);
  }

  if (doc.sources.length > 0) {
    heading(labels.sources, SIZE.heading);
    for (const source of doc.sources) {
      pdf
        .font(FONTS.regular)
        .fontSize(SIZE.body)
        .text(`${source.number}. ${source.citation ?? ''}`.trimEnd(), {
          continued: Boolean(source.url),
        });
      if (source.url) {
        pdf.fillColor('#1a4f9c').text(`${source.citation ? ', ' : ' '}${source.url}`, { link: source.url });
        pdf.fillColor('black');
      }
    }
  }
  if (doc.closingLine) {
    pdf.moveDown(1).font(FONTS.regular).fontSize(SIZE.body).text(doc.closingLine);
  }
  footers(pdf, footerLine(doc), labels.page);
  pdf.end();
  await written;
}

/** The organisation's line and "Page 2 of 5" at the foot of every page. */
function footers(pdf: PDFKit.PDFDocument, line: string, [page, of]: [string, string]): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    const { margins } = pdf.page;
    const bottom = margins.bottom;
    // Below the bottom margin: lift it while writing, or pdfkit would start a new page.
    margins.bottom = 0;
    pdf
      .font(FONTS.regular)
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `${line} · ${page} ${index - start + 1} ${of} ${count}`,
        margins.left,
        pdf.page.height - bottom + 16,
        {
          width: pdf.page.width - margins.left - margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    margins.bottom = bottom;
  }
  pdf.fillColor('black');
}
