import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildDocument } from '../build-document';
import { ChronologyRecord } from '../chronology-records';
import { ChronologyLanguage } from '../date-phrases';
import { renderPdf } from './pdf';

// The PDF keeps each entry on one page (no "reason. [1]" alone at the top of the next) and is tagged
// for screen readers. Read back with poppler: pdftotext page by page, pdfinfo.

const FILLER = 'the family was again refused a visit at the jail, and the lawyer was not allowed in';

function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-pdf-layout-'));
  try {
    writeFileSync(join(directory, 'export.pdf'), pdf);
    const args =
      tool === 'pdftotext'
        ? ['-enc', 'UTF-8', join(directory, 'export.pdf'), '-']
        : [join(directory, 'export.pdf')];
    return execFileSync(tool, args, { encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function render(
  records: ChronologyRecord[],
  organisation: { name: string; contact: string | null } | null = null,
  lang: ChronologyLanguage = 'en',
): Promise<Buffer> {
  const doc = buildDocument({
    lang,
    visibility: 'public',
    now: new Date('2026-01-15T09:00:00Z'),
    defender: {
      id: 'f0000000-0000-4000-8000-000000000001',
      fullName: 'Khurram Parvez',
      otherNames: [],
      profession: null,
      affiliations: [],
      bio: null,
      country: 'IN',
    },
    cases: [],
    records,
    narratedBy: new Map(),
    closingLine: null,
    organisation,
  });
  const chunks: Buffer[] = [];
  await renderPdf(
    doc,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/** Entries of 1 to 9 lines, in an order that leaves page ends wherever they fall. */
const entries = (count: number): ChronologyRecord[] =>
  Array.from({ length: count }, (_, index) => ({
    kind: 'event',
    id: `e0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    caseId: 'c',
    visibility: 'public',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    occurredOn: `2022-01-${String((index % 28) + 1).padStart(2, '0')}`,
    precision: 'day',
    type: 'other',
    title: null,
    description: `Start${index} ${Array.from({ length: ((index * 7) % 9) + 1 }, () => FILLER).join('; ')}; End${index}.`,
    sources: index % 3 === 0 ? [{ citation: `Source ${index}`, url: `https://example.org/${index}` }] : [],
  }));

/** A transfer in Arabic, with a date, brackets and a Latin case number in it. */
const arabicEvent: ChronologyRecord[] = [
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000001',
    caseId: 'c',
    visibility: 'public',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    occurredOn: '2024-11-20',
    precision: 'day',
    type: 'other',
    title: null,
    description: 'نُقل إلى سجن (كوت بلوال) في القضية RC-01/2021/NIA/JMU.',
    sources: [],
  },
];

/** The ActualText strings of a PDF's structure elements, decoded (pdfkit writes them as UTF-16BE). */
function actualTexts(pdf: Buffer): string[] {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return [...pdf.toString('latin1').matchAll(/\/ActualText \(((?:\\.|[^\\)])*)\)/gs)].map(([, literal]) => {
    const bytes = Buffer.from(
      literal.replace(/\\(.)/gs, (_, char: string) => escapes[char] ?? char),
      'latin1',
    );
    return bytes[0] === 0xfe && bytes[1] === 0xff
      ? bytes.subarray(2).swap16().toString('utf16le')
      : bytes.toString('latin1');
  });
}

describe('the PDF layout', () => {
  it('keeps every entry on one page, its source mark included', async () => {
    const pages = poppler('pdftotext', await render(entries(70)))
      .split('\f')
      .map((page) => page.replace(/\s+/g, ' '))
      .filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(5);
    for (let index = 0; index < 70; index += 1) {
      const page = pages.findIndex((text) => text.includes(`Start${index} `));
      expect({ index, startsOn: page }).toEqual({ index, startsOn: expect.any(Number) });
      expect({ index, endOnSamePage: new RegExp(`End${index}\\.`).test(pages[page]) }).toEqual({
        index,
        endOnSamePage: true,
      });
    }
  });

  it('numbers every page in its footer, however long the organisation’s name and contact line', async () => {
    const organisation = {
      name: `Collective ${'of defenders '.repeat(15)}`.trim(),
      contact: 'x@y.org '.repeat(37).trim(),
    };
    const pdf = await render(entries(20), organisation);
    const pages = poppler('pdftotext', pdf)
      .split('\f')
      .map((page) => page.replace(/\s+/g, ' '))
      .filter((page) => page.trim());
    const count = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf))?.[1]);
    expect(pages).toHaveLength(count);
    pages.forEach((page, index) => {
      expect(page).toContain(`Collective of defenders`);
      expect({ index, numbered: page.includes(`of ${count}`) || page.includes('…') }).toEqual({
        index,
        numbered: true,
      });
    });
  });

  it('is a tagged PDF, so screen readers follow its headings and paragraphs', async () => {
    const info = poppler('pdfinfo', await render(entries(3)));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
  });

  it('writes an Arabic chronology right to left, its dates and case numbers in reading order', async () => {
    const lines = poppler(
      'pdftotext',
      await render(arabicEvent, { name: 'منظمة الدفاع', contact: null }, 'ar'),
    )
      // pdftotext marks the direction of each run; the words are what a reader checks.
      .replace(/[\u202a-\u202e]/g, '')
      .split('\n');
    // pdftotext reads a right-to-left line from its right end: in the order it was written, if the
    // words were laid out right to left and the numbers left to right.
    const entry = lines.find((line) => line.includes('نوفمبر')) ?? '';
    // Whole numbers: "20" is not the start of "2024".
    const readingOrder = [
      /(?<!\d)20(?!\d)/,
      /نوفمبر/,
      /(?<!\d)2024(?!\d)/,
      /نُقل إلى سجن/,
      /كوت بلوال/,
      /في القضية/,
      /RC-01\/2021\/NIA\/JMU/,
    ];
    const positions = readingOrder.map((words) => entry.search(words));
    expect({ entry, positions }).toEqual({ entry, positions: [...positions].sort((a, b) => a - b) });
    expect(positions).not.toContain(-1);
    expect(lines.join('\n')).toMatch(/منظمة الدفاع · تاريخ التصدير/);
    expect(lines.join('\n')).toMatch(/صفحة\s*1\s*من\s*1/);
  });

  it('keeps every Arabic entry on one page, and numbers every page under a two-line organisation line', async () => {
    const filler = 'رُفضت مرة أخرى زيارة العائلة في السجن، ولم يُسمح للمحامي بالدخول';
    const arabic = entries(40).map((record, index) => ({
      ...record,
      description: `Start${index} ${Array.from({ length: ((index * 7) % 9) + 1 }, () => filler).join('؛ ')} End${index}`,
    }));
    const organisation = { name: `تجمع ${'المدافعين عن الحقوق '.repeat(15)}`.trim(), contact: null };
    const pdf = await render(arabic, organisation, 'ar');
    const pages = poppler('pdftotext', pdf)
      .replace(/[\u202a-\u202e]/g, '')
      .split('\f')
      .filter((page) => page.trim());
    const count = Number(/^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf))?.[1]);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages).toHaveLength(count);
    for (let index = 0; index < 40; index += 1) {
      const page = pages.findIndex((text) => new RegExp(`Start${index}(?!\\d)`).test(text));
      expect({ index, endOnSamePage: new RegExp(`End${index}(?!\\d)`).test(pages[page] ?? '') }).toEqual({
        index,
        endOnSamePage: true,
      });
    }
    pages.forEach((page, index) => {
      expect({ index, numbered: new RegExp(`صفحة\\s*${index + 1}\\s*من\\s*${count}`).test(page) }).toEqual({
        index,
        numbered: true,
      });
      expect(page).toContain('تجمع المدافعين');
      expect(page).toContain('…');
    });
  });

  it('gives screen readers each Arabic paragraph as it is written, and leaves English PDFs as they were', async () => {
    const arabic = actualTexts(await render(arabicEvent, null, 'ar'));
    expect(arabic).toContain('20 نوفمبر 2024: نُقل إلى سجن (كوت بلوال) في القضية RC-01/2021/NIA/JMU.');
    expect(arabic).toContain('التسلسل الزمني');
    expect(actualTexts(await render(entries(3)))).toEqual([]);
  });
});
