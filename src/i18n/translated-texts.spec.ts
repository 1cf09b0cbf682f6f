import JSZip from 'jszip';
import { Writable } from 'node:stream';
import { CASE_STATUSES } from '../cases/case.entity';
import { DERIVED_DETENTION_STATUSES } from '../cases/detention-model';
import { CHARGE_STATUSES } from '../charges/charge.entity';
import { buildDocument } from '../chronology/build-document';
import { ChronologyRecord } from '../chronology/chronology-records';
import { RENDERERS } from '../chronology/render/renderers';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { EVENT_TYPES } from '../events/event.entity';
import { HEARING_STATUSES } from '../hearings/hearing.entity';
import { composeDigestEmail, composeReminderEmail, EmailReminder } from '../reminders/reminder-email';
import { Language } from './languages';

// Read back what a French, Russian, Spanish or Arabic reader gets: no stored value in its raw form
// ("pre_trial", "in custody", "Pre Trial"), no English status word, Russian dates not followed by a
// second full stop.

const OTHER_LANGUAGES: Language[] = ['fr', 'ru', 'es', 'ar'];
const STORED = [
  ...CASE_STATUSES,
  ...DERIVED_DETENTION_STATUSES,
  ...CHARGE_STATUSES,
  ...HEARING_STATUSES,
  ...CUSTODY_KINDS,
  ...EVENT_TYPES,
];
const ENGLISH_WORDS = [
  'charged',
  'alleged',
  'scheduled',
  'adjourned',
  'cancelled',
  'acquitted',
  'convicted',
  'released',
  'arrest',
  'hearing',
  'custody',
  'detention',
  'bail',
  'sentence',
];

function untranslated(text: string): string[] {
  const raw = STORED.filter((value) => value.includes('_') && text.includes(value));
  const humanized = STORED.map((value) => value.replace(/_/g, ' '))
    .filter((words) => words.includes(' '))
    .filter((words) => new RegExp(`\\b${words}\\b`, 'i').test(text));
  const english = ENGLISH_WORDS.filter((word) => new RegExp(`\\b${word}\\b`, 'i').test(text));
  const doubleStop = /г\.\.|\.\./.test(text) ? ['a double full stop'] : [];
  return [...raw, ...humanized, ...english, ...doubleStop];
}

const CASE_ID = 'a1000000-0000-4000-8000-000000000001';
const created = new Date('2026-01-01T00:00:00Z');
const base = { caseId: CASE_ID, visibility: 'public' as const, createdAt: created };

// Every event type (untitled, so its label is the type's name), every custody kind (with an end date
// that closes the sentence), and hearings adjourned and cancelled.
const records: ChronologyRecord[] = [
  ...EVENT_TYPES.map((type, index): ChronologyRecord => ({
    ...base,
    kind: 'event',
    id: `e-${index}`,
    occurredOn: `2024-03-${String(index + 1).padStart(2, '0')}`,
    precision: 'day',
    type,
    title: null,
    description: '—',
    sources: [],
  })),
  ...CUSTODY_KINDS.map((custodyKind, index): ChronologyRecord => ({
    ...base,
    kind: 'custody_order',
    id: `d-${index}`,
    custodyKind,
    orderedOn: `2024-05-0${index + 1}`,
    days: 10 + index,
    until: `2024-06-0${index + 1}`,
    court: null,
  })),
  ...(['adjourned', 'cancelled', 'held', 'scheduled'] as const).map((status, index): ChronologyRecord => ({
    ...base,
    kind: 'hearing',
    id: `h-${index}`,
    scheduledLocal: `2024-07-0${index + 1}T10:00:00`,
    scheduledAt: new Date(`2024-07-0${index + 1}T06:30:00Z`),
    timeKnown: index % 2 === 0,
    court: null,
    judge: null,
    purpose: null,
    status,
    outcome: null,
    updatedAt: null,
  })),
  ...CHARGE_STATUSES.map((status, index): ChronologyRecord => ({
    ...base,
    kind: 'charge',
    id: `c-${index}`,
    law: 'Loi 12',
    section: String(100 + index),
    offence: null,
    broughtOn: '2024-03-02',
    status,
  })),
];

const doc = (lang: Language) =>
  buildDocument({
    lang,
    visibility: 'all',
    now: new Date('2024-08-01T00:00:00Z'),
    defender: {
      id: 'p1',
      fullName: 'Nadia Exemple',
      otherNames: [],
      profession: null,
      affiliations: [],
      bio: null,
      country: 'TN',
    },
    cases: [
      {
        id: CASE_ID,
        title: '12/2024',
        caseNumber: null,
        court: null,
        timezone: 'Africa/Tunis',
        arrestedOn: '2024-03-01',
        arrestedOnPrecision: 'day',
        releasedOn: null,
      },
    ],
    records,
    narratedBy: new Map(),
    closingLine: null,
  });

async function renderedBytes(format: 'md' | 'csv' | 'timelinejs' | 'docx', lang: Language): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await RENDERERS[format].render(
    doc(lang),
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

const rendered = async (format: 'md' | 'csv' | 'timelinejs', lang: Language): Promise<string> =>
  (await renderedBytes(format, lang)).toString('utf8');

describe('exports in French, Russian, Spanish and Arabic', () => {
  it.each(OTHER_LANGUAGES)('%s: every status, type and kind is written in the language', async (lang) => {
    const markdown = await rendered('md', lang);
    expect(untranslated(markdown)).toEqual([]);
    // The CSV's column names and machine columns (kind, precision, visibility) stay stable; its labels do not.
    const labels = (await rendered('csv', lang))
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[4] ?? '');
    expect(untranslated(labels.join('\n'))).toEqual([]);
    // What TimelineJS shows of each slide (its ids are not shown).
    const timeline = JSON.parse(await rendered('timelinejs', lang)) as {
      events: { text: unknown; group?: string }[];
    };
    expect(untranslated(JSON.stringify(timeline.events.map(({ text, group }) => [text, group])))).toEqual([]);
  });

  it('lays an Arabic DOCX out right to left, in Arabic, for Word’s spelling and layout', async () => {
    const zip = await JSZip.loadAsync(await renderedBytes('docx', 'ar'));
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(styles).toMatch(/<w:lang [^>]*w:bidi="ar-SA"/);
    expect(styles).toContain('<w:rtl/>');
    const paragraphs = body.match(/<w:p>|<w:p [^>]*>/g) ?? [];
    expect(paragraphs.length).toBeGreaterThan(10);
    expect((body.match(/<w:bidi\/>/g) ?? []).length).toBe(paragraphs.length);
    expect(body.replace(/<[^>]+>/g, '')).toContain('التسلسل الزمني');
  });

  it('ends a Russian sentence that closes on a date with one full stop', () => {
    const custody = doc('ru').entries.find((entry) => entry.kind === 'custody_order');
    expect(custody?.text).toBe('Содержание под стражей в полиции на 10 дней, до 1 июня 2024 г.');
  });
});

describe('emails in French, Russian, Spanish and Arabic', () => {
  const reminders: EmailReminder[] = [
    {
      id: 'r1',
      kind: 'hearing_upcoming',
      offset: 'P7D',
      subjectId: 'h1',
      subjectAt: new Date('2024-07-01T08:00:00Z'),
      details: { court: 'Tribunal 7', timeKnown: true },
    },
    {
      id: 'r2',
      kind: 'custody_ending',
      offset: 'P1D',
      subjectId: null,
      subjectAt: new Date('2024-07-01T08:00:00Z'),
      details: { endsOn: '2024-07-02' },
    },
    {
      id: 'r3',
      kind: 'detention_milestone',
      offset: 'D150',
      subjectId: null,
      subjectAt: new Date('2024-07-01T08:00:00Z'),
      details: { days: 150, years: null, arrestedOn: '2024-02-01' },
    },
  ];

  it.each(OTHER_LANGUAGES)('%s: statuses and charge states are in the language', (language) => {
    CASE_STATUSES.forEach((status, index) => {
      const detentionStatus = DERIVED_DETENTION_STATUSES[index % DERIVED_DETENTION_STATUSES.length];
      const email = composeReminderEmail({
        reminder: reminders[index % reminders.length],
        visibility: 'public',
        kase: {
          id: 'k1',
          title: '12/2024',
          defenderName: 'Nadia Exemple',
          timezone: 'Africa/Tunis',
          court: 'Tribunal 7',
          caseNumber: null,
          status,
          detentionStatus,
          placeOfDetention: null,
          arrestedOn: '2024-02-01',
          arrestedOnPrecision: 'day',
          releasedOn: null,
          daysInCustody: 150,
        },
        charges: CHARGE_STATUSES.map((chargeStatus) => ({
          law: 'Loi 12',
          section: '7',
          offence: null,
          status: chargeStatus,
          visibility: 'public' as const,
        })),
        timeline: [],
        language,
        caseUrl: 'http://vigil.test/cases/k1',
        now: new Date('2024-06-20T00:00:00Z'),
      });
      expect(untranslated(`${email.subject}\n${email.text}`)).toEqual([]);
    });
  });

  it.each(OTHER_LANGUAGES)('%s: the digest is in the language', (language) => {
    const digest = composeDigestEmail(
      [
        {
          caseTitle: '12/2024',
          defenderName: 'Nadia Exemple',
          timezone: 'Africa/Tunis',
          kind: 'custody_end',
          at: new Date('2024-07-01T08:00:00Z'),
          timeKnown: false,
          details: {},
          caseUrl: 'http://vigil.test/cases/k1',
          visibility: 'public',
        },
      ],
      language,
    );
    expect(untranslated(digest.text)).toEqual([]);
  });

  it('writes the case summary of an Arabic email in Arabic', () => {
    const email = composeReminderEmail({
      reminder: reminders[0],
      visibility: 'public',
      kase: {
        id: 'k1',
        title: '12/2024',
        defenderName: 'نادية',
        timezone: 'Africa/Tunis',
        court: null,
        caseNumber: null,
        status: 'on_trial',
        detentionStatus: 'in_custody',
        placeOfDetention: null,
        arrestedOn: null,
        arrestedOnPrecision: 'day',
        releasedOn: null,
        daysInCustody: null,
      },
      charges: [
        { law: 'المجلة الجزائية', section: '72', offence: null, status: 'dropped', visibility: 'public' },
      ],
      timeline: [],
      language: 'ar',
      caseUrl: 'http://vigil.test/cases/k1',
      now: new Date('2024-06-20T00:00:00Z'),
    });
    expect(email.text).toContain('الحالة: قيد المحاكمة');
    expect(email.text).toContain('الاحتجاز: رهن الاحتجاز');
    expect(email.text).toContain('- المجلة الجزائية، المادة 72 (أُسقطت)');
  });
});
