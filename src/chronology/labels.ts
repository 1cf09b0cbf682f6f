import type { Visibility } from '../common/entry';
import type { CustodyKind } from '../custody/custody-order.entity';
import type { EventType } from '../events/event.entity';
import { EVENT_TYPES } from '../events/event.entity';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { Language, LANGUAGES } from '../i18n/languages';
import { listOf, term, translatorFor } from '../i18n/translate';
import type { ExportVisibility } from './chronology-document';
import { detentionWords, DetentionWords } from './detention-words';

// Every word an export writes around the caseworkers' own text, in each export language, taken from
// the message catalogues (src/i18n/messages); this file only says which message serves which place.

export interface Labels {
  title: (name: string) => string;
  caseSummary: string;
  chronology: string;
  sources: string;
  charges: string;
  currentCustody: string;
  statutoryLimits: string;
  daysDetained: string;
  nextHearing: string;
  none: string;
  caseNumber: string;
  since: (date: string) => string;
  until: (date: string) => string;
  /** "Charged under Sections 120B and 121A of the Indian Penal Code." */
  chargedUnder: (law: string, sections: string[]) => string;
  /** A hearing line's first clause, without its full stop: "Hearing at the NIA Special Court at 10:30 IST". */
  hearingAt: (court: string | null, time: string | null) => string;
  /** Before the title of a cancelled hearing: "[CANCELLED] Hearing at the NIA Special Court". */
  cancelledMark: string;
  /** Clauses of a hearing line after a semicolon: lower case, no full stop. */
  hearingStatus: Record<'adjourned' | 'cancelled', string>;
  /** Between the clauses of one sentence ("; ", French "\u00a0; ", Arabic "؛ "). */
  clauses: string;
  outcome: string;
  custodyFor: (kind: CustodyKind, days: number | null, until: string | null) => string;
  custodyKinds: Record<CustodyKind, string>;
  eventTypes: Record<EventType, string>;
  charge: string;
  hearing: string;
  custodyOrder: string;
  /** The notice an export that is not public carries at its top. */
  notice: Record<Exclude<ExportVisibility, 'public'>, string>;
  /** The mark before each entry (and calendar event) that is not public. */
  mark: Record<Exclude<Visibility, 'public'>, string>;
  /** The export date in the footer: the organisation's line, not Vigil's (no full stop: "г." ends some dates). */
  generated: (date: string) => string;
  /** "Page 2 of 5": the words around the two numbers, which Word and the PDF fill in. */
  page: [string, string];
  calendarName: (name: string) => string;
  /** The summary's one line on the detention (detention-summary.ts); dates come as phrases. */
  detention: DetentionWords;
}

export type { CustodyBasisWord, DetentionWords, TermParts } from './detention-words';

/** A full stop at the end, unless the text ends with one ("до 3 марта 2026 г.", not "г.."). */
const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

const byValue = <T extends string, V>(values: readonly T[], word: (value: T) => V): Record<T, V> =>
  Object.fromEntries(values.map((value) => [value, word(value)])) as Record<T, V>;

function labelsFor(language: Language): Labels {
  const t = translatorFor(language);
  const custodyKinds = byValue(CUSTODY_KINDS, (kind) => term(language, 'custodyKind', kind));
  return {
    title: (name) => t('export.title', { name }),
    caseSummary: t('export.caseSummary'),
    chronology: t('export.chronology'),
    sources: t('export.sources'),
    charges: t('export.charges'),
    currentCustody: t('export.currentCustody'),
    statutoryLimits: t('export.statutoryLimits'),
    daysDetained: t('export.daysDetained'),
    nextHearing: t('export.nextHearing'),
    none: t('export.none'),
    caseNumber: t('export.caseNumber'),
    since: (date) => t('export.since', { date }),
    until: (date) => t('export.until', { date }),
    chargedUnder: (law, sections) =>
      sentence(
        sections.length === 0
          ? t('export.chargedUnderLaw', { law })
          : t('export.chargedUnderSections', {
              law,
              count: sections.length,
              sections: listOf(language, sections),
            }),
      ),
    hearingAt: (court, time) => {
      // "the NIA Special Court" and "NIA Special Court" read the same after "at the".
      const hearing = court
        ? t('export.hearingAtCourt', { court: court.replace(/^the\s+/i, '') })
        : t('export.hearing');
      return time ? t('export.atTime', { hearing, time }) : hearing;
    },
    cancelledMark: t('export.cancelledMark'),
    hearingStatus: { adjourned: t('export.hearingAdjourned'), cancelled: t('export.hearingCancelled') },
    clauses: t('export.clauses'),
    outcome: t('export.outcome'),
    custodyFor: (kind, days, until) => {
      const custody = days
        ? t('export.custodyForDays', { kind: custodyKinds[kind], days })
        : custodyKinds[kind];
      return sentence(until ? t('export.custodyUntil', { custody, date: until }) : custody);
    },
    custodyKinds,
    eventTypes: byValue(EVENT_TYPES, (type) => term(language, 'eventType', type)),
    charge: t('export.charge'),
    hearing: t('export.hearing'),
    custodyOrder: t('export.custodyOrder'),
    notice: { internal: t('export.notice.internal'), all: t('export.notice.all') },
    mark: { internal: t('export.mark.internal'), confidential: t('export.mark.confidential') },
    generated: (date) => t('export.generated', { date }),
    page: [t('export.page'), t('export.pageOf')],
    calendarName: (name) => t('export.calendarName', { name }),
    detention: detentionWords(language),
  };
}

export const LABELS = byValue(LANGUAGES, labelsFor);
