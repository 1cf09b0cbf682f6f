import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChronologyDocument, DocumentEntry, DocumentSource } from '../chronology-document';
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
  SummaryRow,
} from './layout';
import { rightToLeftLines, VisualLine } from './bidi-lines';

// DejaVu covers Latin, Cyrillic, Arabic (not in its oblique face) and the typographic quotes
// statements use; the PDF standard fonts would drop every Russian or Arabic letter.
const FONT_DIRECTORY = 'dejavu-fonts-ttf/ttf';
const FONTS = {
  regular: require.resolve(`${FONT_DIRECTORY}/DejaVuSans.ttf`),
  bold: require.resolve(`${FONT_DIRECTORY}/DejaVuSans-Bold.ttf`),
  italic: require.resolve(`${FONT_DIRECTORY}/DejaVuSans-Oblique.ttf`),
};

const SIZE = { title: 18, heading: 13, subheading: 11, body: 10 };
const LINK = '#1a4f9c';

/** Part of a paragraph in one font and colour, a link when `link` is set. */
interface Span {
  text: string;
  font: string;
  color?: string;
  link?: string;
}

// Required on the first PDF export, not at start: pdfkit, fontkit and their tables are memory every
// api process held from boot, though most never render a PDF. require() caches it from then on
// (and loads the same CommonJS build as a static import; import() would load the ES module one).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
const pdfKit = (): typeof import('pdfkit') => require('pdfkit');

// Fonts are selected by their file path, pdfkit's cache key. (A registered alias of the font the
// document opened with is re-read from disk on every switch: seconds for a long chronology.)

/**
 * Lays the document out page by page, then writes every page's footer. Tagged for screen readers:
 * headings, paragraphs and list items are structure elements, footers are pagination artifacts. An
 * entry is never split across pages (unless it is longer than a page), and a heading moves to the
 * next page with what it heads. An Arabic document is laid out right to left (see bidi-lines.ts).
 */
export async function renderPdf(doc: ChronologyDocument, out: Writable): Promise<void> {
  const PDFDocument = pdfKit();
  const labels = LABELS[doc.lang];
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    font: FONTS.regular,
    lang: doc.lang,
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
    // Pages are kept until the end, when their footers can say how many there are.
    bufferPages: true,
    info: { Title: doc.title, Author: authorOf(doc), Creator: 'Vigil', CreationDate: doc.generatedAt },
  });
  const written = pipeline(pdf, out);
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const pageBody = pdf.page.height - pdf.page.margins.top - pdf.page.margins.bottom;

  const rightToLeft = doc.lang === 'ar';
  // DejaVu's oblique face has no Arabic letters.
  const italic = rightToLeft ? FONTS.regular : FONTS.italic;

  /** A paragraph in the document's direction: pdfkit's own wrapping, or right-to-left lines. */
  const write = (spans: Span[], size: number): void => {
    if (rightToLeft) {
      drawLines(pdf, visualLines(pdf, spans, size, width), size, 'right');
      return;
    }
    spans.forEach((span, index) => {
      pdf
        .font(span.font)
        .fontSize(size)
        .fillColor(span.color ?? 'black')
        .text(span.text, { continued: index < spans.length - 1, ...(span.link ? { link: span.link } : {}) });
    });
    pdf.fillColor('black');
  };
  const textHeight = (text: string, font: string, size: number): number => {
    if (!rightToLeft) {
      return pdf.font(font).fontSize(size).heightOfString(text, { width });
    }
    const lines = visualLines(pdf, [{ text, font }], size, width).length;
    return lines * pdf.font(font).fontSize(size).currentLineHeight(true);
  };
  /** Roughly how tall text is at the body size (bold and regular differ by little). */
  const bodyHeight = (text: string, gap = 0.5): number =>
    textHeight(text, FONTS.regular, SIZE.body) + pdf.currentLineHeight() * gap;
  /** Starts a new page unless `height` fits below; something taller than a page starts where it is. */
  const keepTogether = (height: number): void => {
    if (height <= pageBody && pdf.y + height > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
    }
  };
  // A right-to-left element's glyphs are drawn in visual order; its ActualText gives screen readers
  // and copying the text as written.
  const add = (tag: string, text: string, draw: () => void): void => {
    root.add(pdf.struct(tag, rightToLeft ? { actual: text } : {}, draw));
  };
  const heading = (tag: 'H1' | 'H2', text: string, size: number, followedBy: number): void => {
    const height = pdf.currentLineHeight() * 0.9 + textHeight(text, FONTS.bold, size);
    keepTogether(height + followedBy);
    add(tag, text, () => {
      pdf.moveDown(0.6);
      write([{ text, font: FONTS.bold }], size);
      pdf.moveDown(0.3);
    });
  };

  add('Title', doc.title, () => {
    write([{ text: doc.title, font: FONTS.bold }], SIZE.title);
    pdf.moveDown(0.4);
  });
  const notice = noticeFor(doc);
  if (notice) {
    add('P', notice, () => {
      write([{ text: notice, font: FONTS.bold, color: '#aa0000' }], SIZE.body);
      pdf.moveDown(0.4);
    });
  }
  if (doc.defender.profile) {
    const profile = doc.defender.profile;
    add('P', profile, () => {
      write([{ text: profile, font: italic }], SIZE.body);
      pdf.moveDown(0.3);
    });
  }
  for (const paragraph of paragraphs(doc.defender.bio ?? '')) {
    add('P', paragraph, () => {
      write([{ text: paragraph, font: FONTS.regular }], SIZE.body);
      pdf.moveDown(0.3);
    });
  }

  const blocks = summaryBlocks(doc);
  const rowText = (row: SummaryRow): string => `${row.label}: ${row.values.join('; ')}`;
  heading('H1', labels.caseSummary, SIZE.heading, blocks.length > 0 ? pdf.currentLineHeight() * 3 : 0);
  for (const block of blocks) {
    heading('H2', block.heading, SIZE.subheading, block.rows[0] ? bodyHeight(rowText(block.rows[0]), 0) : 0);
    for (const row of block.rows) {
      keepTogether(bodyHeight(rowText(row), 0));
      add('P', rowText(row), () => {
        write(
          [
            { text: `${row.label}: `, font: FONTS.bold },
            { text: row.values.join('; '), font: FONTS.regular },
          ],
          SIZE.body,
        );
      });
    }
  }

  const entryParagraphs = (entry: DocumentEntry): string[] => {
    const body = paragraphs(entry.text);
    if (body.length === 0) {
      body.push('');
    }
    body[body.length - 1] += sourceMarks(entry);
    return body;
  };
  const entryHeight = (entry: DocumentEntry): number => {
    const mark = markFor(entry.visibility, doc.lang);
    const [first, ...rest] = entryParagraphs(entry);
    return (
      bodyHeight(`${mark ? `${mark} ` : ''}${entry.lead}${separator(doc)}${first}`) +
      rest.reduce((total, paragraph) => total + bodyHeight(paragraph, 0.3), 0)
    );
  };
  heading('H1', labels.chronology, SIZE.heading, doc.entries[0] ? entryHeight(doc.entries[0]) : 0);
  for (const entry of doc.entries) {
    const body = entryParagraphs(entry);
    keepTogether(entryHeight(entry));
    const mark = markFor(entry.visibility, doc.lang);
    const text = `${mark ? `${mark} ` : ''}${entry.lead}${separator(doc)}${body.join('\n')}`;
    add('P', text, () => {
      write(
        [
          ...(mark ? [{ text: `${mark} `, font: FONTS.bold, color: '#aa0000' }] : []),
          { text: `${entry.lead}${separator(doc)}`, font: FONTS.bold },
          { text: body[0], font: FONTS.regular },
        ],
        SIZE.body,
      );
      for (const paragraph of body.slice(1)) {
        pdf.moveDown(0.3);
        write([{ text: paragraph, font: FONTS.regular }], SIZE.body);
      }
      pdf.moveDown(0.5);
    });
  }

  if (doc.sources.length > 0) {
    const sourceText = (source: DocumentSource): string =>
      `${source.number}. ${source.citation ?? ''}${source.url ? `${source.citation ? ', ' : ' '}${source.url}` : ''}`;
    heading('H1', labels.sources, SIZE.heading, bodyHeight(sourceText(doc.sources[0]), 0));
    for (const source of doc.sources) {
      keepTogether(bodyHeight(sourceText(source), 0));
      add('P', sourceText(source), () => {
        const number = { text: `${source.number}. ${source.citation ?? ''}`.trimEnd(), font: FONTS.regular };
        const url = source.url
          ? [
              {
                text: `${source.citation ? ', ' : ' '}${source.url}`,
                font: FONTS.regular,
                color: LINK,
                link: source.url,
              },
            ]
          : [];
        write([number, ...url], SIZE.body);
      });
    }
  }
  if (doc.closingLine) {
    const closingLine = doc.closingLine;
    add('P', closingLine, () => {
      pdf.moveDown(1);
      write([{ text: closingLine, font: FONTS.regular }], SIZE.body);
    });
  }
  root.end();
  footers(pdf, footerLine(doc), labels.page, rightToLeft);
  pdf.end();
  await written;
}

/** A right-to-left paragraph wrapped to `width`, each line in visual order. */
function visualLines(
  pdf: PDFKit.PDFDocument,
  spans: Span[],
  size: number,
  width: number,
): VisualLine<Span>[] {
  return rightToLeftLines(
    spans.map((span) => ({ text: span.text, style: span })),
    (text, span) => pdf.font(span.font).fontSize(size).widthOfString(text),
    width,
  );
}

/**
 * Draws lines already in visual order, piece by piece where `visualLines` measured them, from the
 * current position down; a line that does not fit above the bottom margin goes to a new page.
 */
function drawLines(
  pdf: PDFKit.PDFDocument,
  lines: VisualLine<Span>[],
  size: number,
  align: 'right' | 'center',
): void {
  const { left, right, bottom } = pdf.page.margins;
  const width = pdf.page.width - left - right;
  for (const line of lines) {
    const lineHeight = pdf.font(FONTS.regular).fontSize(size).currentLineHeight(true);
    if (pdf.y + lineHeight > pdf.page.height - bottom) {
      pdf.continueOnNewPage();
    }
    const y = pdf.y;
    let x = left + (align === 'right' ? width - line.width : (width - line.width) / 2);
    for (const piece of line.pieces) {
      const { font, color, link } = piece.style;
      pdf
        .font(font)
        .fontSize(size)
        .fillColor(color ?? 'black')
        .text(piece.text, x, y, { lineBreak: false, ...(link ? { link } : {}) });
      x += piece.width;
    }
    pdf.y = y + lineHeight;
  }
  pdf.x = left;
  pdf.fillColor('black');
}

/**
 * The organisation's line and, below it, "Page 2 of 5" at the foot of every page. A long line is
 * cut short (two lines at most) rather than run off the page, where pdfkit would start a new one.
 */
function footers(
  pdf: PDFKit.PDFDocument,
  line: string,
  [page, of]: [string, string],
  rightToLeft: boolean,
): void {
  const FOOTER = { size: 8, color: '#555555' };
  const footerLines = (text: string): VisualLine<Span>[] =>
    visualLines(
      pdf,
      [{ text, font: FONTS.regular, color: FOOTER.color }],
      FOOTER.size,
      pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
    );
  const organisationLines = rightToLeft ? shortenedLines(line, footerLines) : [];
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    const { margins } = pdf.page;
    const bottom = margins.bottom;
    const width = pdf.page.width - margins.left - margins.right;
    // Below the bottom margin: lift it while writing.
    margins.bottom = 0;
    // Not content: a screen reader skips it.
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.font(FONTS.regular).fontSize(FOOTER.size).fillColor(FOOTER.color);
    const lineHeight = pdf.currentLineHeight(true);
    const numbered = `${page} ${index - start + 1} ${of} ${count}`;
    if (rightToLeft) {
      pdf.y = pdf.page.height - bottom + 10;
      drawLines(pdf, organisationLines, FOOTER.size, 'center');
      pdf.y = pdf.page.height - bottom + 10 + lineHeight * 2.2;
      drawLines(pdf, footerLines(numbered), FOOTER.size, 'center');
    } else {
      pdf.text(line, margins.left, pdf.page.height - bottom + 10, {
        width,
        align: 'center',
        height: lineHeight * 2,
        ellipsis: true,
      });
      pdf.text(numbered, margins.left, pdf.page.height - bottom + 10 + lineHeight * 2.2, {
        width,
        align: 'center',
        lineBreak: false,
      });
    }
    pdf.endMarkedContent();
    margins.bottom = bottom;
  }
  pdf.fillColor('black');
}

/** The text's lines, two at most: words are dropped from its end, and "…" marks the cut. */
function shortenedLines<L>(text: string, lines: (text: string) => L[]): L[] {
  let words = text.split(' ');
  let laidOut = lines(text);
  while (laidOut.length > 2 && words.length > 1) {
    words = words.slice(0, -1);
    laidOut = lines(`${words.join(' ')}…`);
  }
  return laidOut.slice(0, 2);
}
