import { Writable } from 'node:stream';
import { ChronologyDocument } from '../chronology-document';
import { formatDate } from '../date-phrases';
import { writeChunks } from './layout';

/** The document as data, for other tools; dates both as ISO values and as the statement writes them. */
export function jsonPayload(doc: ChronologyDocument): object {
  return {
    format: 'vigil-chronology',
    version: 1,
    lang: doc.lang,
    visibility: doc.visibility,
    generatedAt: doc.generatedAt.toISOString(),
    from: doc.from,
    to: doc.to,
    title: doc.title,
    defender: doc.defender,
    // A hearing known only by its day has no time and no instant: midnight would be a false one.
    cases: doc.cases.map((summary) =>
      summary.nextHearing && !summary.nextHearing.timeKnown
        ? {
            ...summary,
            nextHearing: {
              ...summary.nextHearing,
              local: summary.nextHearing.local.slice(0, 10),
              instant: null,
            },
          }
        : summary,
    ),
    entries: doc.entries.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      caseId: entry.caseId,
      caseLabel: entry.caseLabel,
      date: entry.occurredOn,
      precision: entry.precision,
      dateText: formatDate(entry.occurredOn, entry.precision, doc.lang),
      lead: entry.lead,
      label: entry.label,
      text: entry.text,
      sources: entry.sources,
      visibility: entry.visibility,
    })),
    sources: doc.sources,
    closingLine: doc.closingLine,
  };
}

// Entries are written one by one so a long chronology is never held twice as one string.
export function* jsonChunks(doc: ChronologyDocument): Generator<string> {
  const { entries, ...head } = jsonPayload(doc) as { entries: object[] } & Record<string, unknown>;
  const headText = JSON.stringify(head, null, 2);
  yield `${headText.slice(0, -2)},\n  "entries": [`;
  for (const [index, entry] of entries.entries()) {
    yield `${index === 0 ? '' : ','}\n    ${JSON.stringify(entry)}`;
  }
  yield `${entries.length > 0 ? '\n  ' : ''}]\n}\n`;
}

export const renderJson = (doc: ChronologyDocument, out: Writable): Promise<void> =>
  writeChunks(jsonChunks(doc), out);
