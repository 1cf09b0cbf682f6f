import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildDocument, ChronologyRecord } from '../build-document';
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
): Promise<Buffer> {
  const doc = buildDocument({
    lang: 'en',
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
});
