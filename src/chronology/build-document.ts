import { mostRestrictive } from '../common/readers';
import type { DatePrecision, IsoDate, Visibility } from '../common/entry';
import {
  ChargeGroup,
  ChronologyDocument,
  DocumentEntry,
  DocumentHearing,
  DocumentSource,
  VISIBLE_IN,
} from './chronology-document';
import {
  caseLabel,
  ChronologyRecord,
  DocumentInput,
  HearingRecord,
  recordDate,
  recordKey,
} from './chronology-records';
import { addSection, profileLine, summarise } from './chronology-summary';
import { entryLead, formatStatementDay } from './date-phrases';
import { firstSentence, hearingText } from './entry-wording';
import { storyOf } from '../cases/participants';
import { descriptionIn } from '../cases/starting-note';
import { LABELS } from './labels';

// Turns rows read from the database into the document the renderers lay out. Pure: the service
// reads, this decides what is shown and how it is worded. The records it takes are in
// chronology-records.ts, each case's summary is made in chronology-summary.ts, and the wording of
// hearings and titles is in entry-wording.ts.

/**
 * The document a defender's chronology is rendered from. Its summaries tell `defender`'s own story
 * in each case (their entries and the shared ones; participants.ts), and when it spans several
 * cases every entry's lead names its case.
 */
export function buildDocument(input: DocumentInput): ChronologyDocument {
  const labels = LABELS[input.lang];
  const severalCases = input.cases.length > 1;
  const allowed = new Set<Visibility>(VISIBLE_IN[input.visibility]);
  const records = input.records.filter((record) => allowed.has(record.visibility));
  const cases = new Map(input.cases.map((facts) => [facts.id, facts]));

  const inRange = (date: IsoDate | null): date is IsoDate =>
    date !== null && (!input.from || date >= input.from) && (!input.to || date <= input.to);
  const shown = records.filter((record) => inRange(recordDate(record).date));
  const shownEvents = new Set(shown.filter((record) => record.kind === 'event').map((record) => record.id));
  const told = (record: ChronologyRecord): boolean => {
    const narrator = input.narratedBy.get(recordKey(record.kind, record.id));
    return narrator !== undefined && shownEvents.has(narrator);
  };

  const sources: DocumentSource[] = [];
  const sourceNumbers = new Map<string, number>();
  const numberSource = (source: { citation: string | null; url: string | null }): number => {
    const key = JSON.stringify([source.citation, source.url]);
    let number = sourceNumbers.get(key);
    if (number === undefined) {
      number = sources.length + 1;
      sourceNumbers.set(key, number);
      sources.push({ number, citation: source.citation, url: source.url });
    }
    return number;
  };

  const entries: DocumentEntry[] = [];
  // Which laws and sections a merged charge line holds, so later charges of the same day join it.
  const chargeLines = new Map<DocumentEntry, ChargeGroup[]>();
  for (const record of shown) {
    if (record.kind !== 'event' && told(record)) {
      continue;
    }
    const { date, precision } = recordDate(record) as { date: IsoDate; precision: DatePrecision };
    const facts = cases.get(record.caseId);
    const label = facts ? caseLabel(facts) : '';
    // Whose entry it is, when not the document's own defender's (a co-accused's, in a case's chronology).
    const someoneElse =
      record.participantId && record.participantId !== input.defender.id
        ? facts?.participants?.find((person) => person.id === record.participantId)?.name
        : undefined;
    const tags = [severalCases ? label : '', someoneElse ?? ''].filter(Boolean);
    const lead = entryLead(date, precision, input.lang);
    const base = {
      id: record.id,
      kind: record.kind,
      caseId: record.caseId,
      caseLabel: label,
      occurredOn: date,
      precision,
      lead: tags.length > 0 ? `${lead} (${tags.join('; ')})` : lead,
      visibility: record.visibility,
    };
    switch (record.kind) {
      case 'event': {
        const description = descriptionIn(record.description, input.lang);
        entries.push({
          ...base,
          text: description,
          label: record.title ?? labels.eventTypes[record.type],
          headline: record.title?.trim() || firstSentence(description),
          sources: [...new Set(record.sources.map(numberSource))],
        });
        break;
      }
      case 'charge': {
        // Charges brought together read as one line: "Charged under Sections 120B and 121A of …".
        const previous = entries.at(-1);
        const groups =
          previous?.kind === 'charge' && previous.caseId === record.caseId && previous.occurredOn === date
            ? (chargeLines.get(previous) ?? [])
            : undefined;
        if (previous && groups) {
          addSection(groups, record.law, record.section);
          previous.text = groups.map((group) => labels.chargedUnder(group.law, group.sections)).join(' ');
          previous.headline = firstSentence(previous.text);
          // The line now tells this charge too: it may be shown only where every charge it holds may.
          previous.visibility = mostRestrictive([previous.visibility, record.visibility]);
          break;
        }
        const text = labels.chargedUnder(record.law, record.section === null ? [] : [record.section]);
        const entry: DocumentEntry = {
          ...base,
          text,
          label: labels.charge,
          headline: firstSentence(text),
          sources: [],
        };
        chargeLines.set(entry, [
          { law: record.law, sections: record.section === null ? [] : [record.section] },
        ]);
        entries.push(entry);
        break;
      }
      case 'hearing':
        entries.push({
          ...base,
          text: hearingText(record, cases.get(record.caseId), input.lang),
          label: labels.hearing,
          headline: `${record.status === 'cancelled' ? `${labels.cancelledMark} ` : ''}${labels.hearingAt(record.court, null)}`,
          sources: [],
        });
        break;
      case 'custody_order': {
        const text = labels.custodyFor(
          record.custodyKind,
          record.days,
          record.until ? formatStatementDay(record.until, input.lang) : null,
        );
        entries.push({
          ...base,
          text,
          label: labels.custodyOrder,
          headline: firstSentence(text),
          sources: [],
        });
        break;
      }
    }
    // A file is a source like a citation: "Order of 4 December — order.pdf". The line just written
    // holds this record (a charge merged into the line before it too).
    const files = input.files?.get(recordKey(record.kind, record.id)) ?? [];
    const line = entries.at(-1);
    if (files.length && line) {
      const numbers = files.map((file) =>
        numberSource({ citation: [file.citation, file.fileName].filter(Boolean).join(' — '), url: null }),
      );
      line.sources = [...new Set([...line.sources, ...numbers])];
    }
  }

  const hearings: DocumentHearing[] = shown
    .filter((record): record is HearingRecord => record.kind === 'hearing')
    .map((record) => {
      const facts = cases.get(record.caseId);
      return {
        id: record.id,
        caseId: record.caseId,
        caseTitle: facts ? caseLabel(facts) : '',
        defenderName: input.defender.fullName,
        local: record.scheduledLocal,
        instant: record.scheduledAt,
        timeKnown: record.timeKnown,
        timezone: facts?.timezone ?? 'UTC',
        court: record.court,
        judge: record.judge,
        purpose: record.purpose,
        status: record.status,
        outcome: record.outcome,
        updatedAt: record.updatedAt,
        visibility: record.visibility,
      };
    });

  return {
    lang: input.lang,
    visibility: input.visibility,
    generatedAt: input.now,
    title: labels.title(input.defender.fullName),
    defender: {
      id: input.defender.id,
      name: input.defender.fullName,
      otherNames: input.defender.otherNames,
      profile: profileLine(input.defender),
      bio: input.defender.bio,
      country: input.defender.country,
    },
    cases: input.cases.map((facts) =>
      summarise(facts, storyOf(records, input.defender.id), input.defender.id, input.now, input.lang),
    ),
    entries,
    sources,
    hearings,
    closingLine: input.closingLine,
    organisation: input.organisation ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}
