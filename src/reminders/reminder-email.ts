import { DateTime, Duration } from 'luxon';
import { calendarText, hearingsCalendar } from '../chronology/render/ics';
import { markPrefix } from '../chronology/render/layout';
import type { Visibility } from '../common/entry';
import { descriptionIn } from '../cases/starting-note';
import type { CustodyKind } from '../custody/custody-order.entity';
import { zoneAbbreviation } from '../hearings/court-time';
import type { DetentionHistory } from '../cases/detention-history';
import { detentionSummary } from '../chronology/detention-summary';
import { INTL_LOCALE, Language, LANGUAGES } from '../i18n/languages';
import { term, translatorFor } from '../i18n/translate';
import type { AgendaKind } from './case-agenda';
import type { Details, ReminderKind } from './reminder-kinds';

// What a reminder email says, in the recipient's language: pure functions over plain data.

export const EMAIL_LANGUAGES = LANGUAGES;
export type EmailLanguage = Language;

export interface EmailCaseFacts {
  id: string;
  title: string;
  defenderName: string;
  timezone: string;
  court: string | null;
  caseNumber: string | null;
  status: string;
  /** As the entries the recipient may read tell it (a confidential release or death is not in it). */
  detentionStatus: string;
  placeOfDetention: string | null;
  arrestedOn: string | null;
  arrestedOnPrecision: string;
  releasedOn: string | null;
  /** As the case's public entries tell it (publicDetentionOf): an email leaves Vigil. */
  daysInCustody: number | null;
}

export interface EmailReminder {
  id: string;
  kind: Exclude<ReminderKind, 'weekly_digest'>;
  offset: string;
  subjectId: string | null;
  subjectAt: Date;
  details: Details;
}

export interface EmailCharge {
  law: string;
  section: string;
  offence: string | null;
  status: string;
  visibility: Visibility;
}

/** One of the case's latest entries, as its row says it: worded in the recipient's language. */
export type EmailTimelineEntry = { date: string; visibility: Visibility } & (
  | { kind: 'event'; text: string }
  | { kind: 'hearing'; court: string | null; outcome: string | null }
  | { kind: 'custody_order'; custodyKind: CustodyKind; days: number | null }
  | { kind: 'charge'; law: string; section: string | null }
);

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
  ics?: string;
}

const LOCALE = INTL_LOCALE;

/** "6 Jul 2022 10:30 IST" (or "6 июл. 2022 10:30 IST"): a moment as the court's clock shows it. */
export function formatMoment(at: Date, zone: string, language: EmailLanguage, withTime = true): string {
  const time = DateTime.fromJSDate(at, { zone }).setLocale(LOCALE[language]);
  return withTime
    ? `${time.toFormat('d MMM yyyy HH:mm')} ${zoneAbbreviation(zone, at)}`
    : time.toFormat('d MMM yyyy');
}

/** "22 Nov 2021" (or "22 нояб. 2021"): a day as emails write it, with the month short. */
export const formatShortDay = (day: string, language: EmailLanguage): string =>
  DateTime.fromISO(day, { zone: 'utc' }).setLocale(LOCALE[language]).toFormat('d MMM yyyy');

// Building an Intl formatter costs more than composing the rest of an email: one per language.
const RELATIVE_TIME = new Map(
  EMAIL_LANGUAGES.map((language) => [
    language,
    new Intl.RelativeTimeFormat(LOCALE[language], { numeric: 'always' }),
  ]),
);

const RELATIVE_DAY = new Map(
  EMAIL_LANGUAGES.map((language) => [
    language,
    new Intl.RelativeTimeFormat(LOCALE[language], { numeric: 'auto' }),
  ]),
);

/** "tomorrow", "in 7 days", "сегодня": how far off a day is, for a hearing known only by its day. */
export const inDays = (days: number, language: EmailLanguage): string =>
  (RELATIVE_DAY.get(language) as Intl.RelativeTimeFormat).format(days, 'day');

/** "in 7 days", "через 2 часа": an offset as the time left, in the largest whole unit. */
export function inTime(offset: string, language: EmailLanguage): string {
  const ms = Duration.fromISO(offset).toMillis();
  const format = RELATIVE_TIME.get(language) as Intl.RelativeTimeFormat;
  const day = 24 * 3600_000;
  if (ms % day === 0) {
    return format.format(ms / day, 'day');
  }
  if (ms % 3600_000 === 0) {
    return format.format(ms / 3600_000, 'hour');
  }
  return format.format(Math.round(ms / 60_000), 'minute');
}

/** Whom a reminder is about and where: what its subject line (and its title on a page) names. */
export type SubjectFacts = Pick<EmailCaseFacts, 'defenderName' | 'timezone' | 'court'>;

/** The subject line: what and when, in the case's zone. */
export function reminderSubject(
  reminder: EmailReminder,
  kase: SubjectFacts,
  language: EmailLanguage,
): string {
  const t = translatorFor(language);
  const zone = kase.timezone;
  const court = (reminder.details.court as string | null) ?? kase.court;
  const where = (when: string) => (court ? `${court}, ${when}` : when);
  switch (reminder.kind) {
    case 'hearing_upcoming': {
      const daysAhead = reminder.details.daysAhead;
      const ahead =
        typeof daysAhead === 'number' ? inDays(daysAhead, language) : inTime(reminder.offset, language);
      return `${t('email.hearingIn', { when: ahead })}: ${kase.defenderName} — ${where(
        formatMoment(reminder.subjectAt, zone, language, reminder.details.timeKnown !== false),
      )}`;
    }
    case 'outcome_missing':
      return `${t('email.outcomeMissing')}: ${kase.defenderName} — ${where(
        formatMoment(reminder.subjectAt, zone, language, reminder.details.timeKnown !== false),
      )}`;
    case 'custody_ending':
      return `${t('email.custodyEndsIn', { when: inTime(reminder.offset, language) })}: ${kase.defenderName} — ${t('email.endsOn', { date: formatShortDay(String(reminder.details.endsOn), language) })}`;
    case 'detention_milestone': {
      const years = reminder.details.years as number | null;
      const what = years
        ? t('email.yearsDetained', { years })
        : t('email.daysDetained', { days: Number(reminder.details.days) });
      return `${what}: ${kase.defenderName} — ${t('email.since', { date: formatShortDay(String(reminder.details.arrestedOn), language) })}`;
    }
    case 'statutory_limit':
      return `${t('email.statutoryIn', { when: inTime(reminder.offset, language) })}: ${kase.defenderName} — ${reminder.details.reference}, ${formatShortDay(
        String(reminder.details.deadline),
        language,
      )}`;
    case 'sentence_ending':
      return t('email.sentenceEnds', {
        when: inTime(reminder.offset, language),
        name: kase.defenderName,
        day: formatShortDay(String(reminder.details.expectedReleaseOn), language),
      });
    case 'release_overdue':
      return t('email.releaseOverdue', {
        name: kase.defenderName,
        day: formatShortDay(String(reminder.details.expectedReleaseOn), language),
      });
    case 'no_custody_order':
      return t('email.noCustodyOrder', {
        name: kase.defenderName,
        day: formatShortDay(String(reminder.details.endedOn), language),
      });
    case 'hunger_strike_day':
      return t('email.hungerStrike', {
        days: Number(reminder.details.days),
        name: kase.defenderName,
        day: formatShortDay(String(reminder.details.startedOn), language),
      });
    case 'appeal_deadline':
      return t('email.appealDeadline', {
        when: inTime(reminder.offset, language),
        name: kase.defenderName,
        day: formatShortDay(String(reminder.details.deadline), language),
      });
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`No subject for ${String(unreachable)}`);
    }
  }
}

const yesOrNo = (value: unknown): 'yes' | 'no' => (value === null || value === '' ? 'no' : 'yes');

/** "Judicial custody ordered for 15 days", "Détention judiciaire ordonnée pour 15 jours". */
function entryInWords(entry: EmailTimelineEntry, language: EmailLanguage): string {
  const t = translatorFor(language);
  switch (entry.kind) {
    case 'event':
      return descriptionIn(entry.text, language);
    case 'hearing':
      return t('email.latest.hearing', {
        hasCourt: yesOrNo(entry.court),
        court: entry.court ?? '',
        hasOutcome: yesOrNo(entry.outcome),
        outcome: entry.outcome ?? '',
      });
    case 'custody_order':
      return t('email.latest.custody', {
        kind: term(language, 'custodyKind', entry.custodyKind),
        hasDays: yesOrNo(entry.days),
        days: entry.days ?? 0,
      });
    case 'charge':
      return t('email.latest.charge', {
        law: entry.law,
        hasSection: yesOrNo(entry.section),
        section: entry.section ?? '',
      });
  }
}

/** "In charge sheet" inside a sentence: "(in charge sheet)". */
const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase() + text.slice(1);

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface ComposeInput {
  reminder: EmailReminder;
  /** Of the entry the reminder is about: a reminder that is not public says so in its subject and .ics. */
  visibility: Visibility;
  kase: EmailCaseFacts;
  charges: EmailCharge[];
  timeline: EmailTimelineEntry[];
  language: EmailLanguage;
  caseUrl: string;
  now: Date;
  /** When the hearing a hearing reminder is about last changed: its .ics SEQUENCE, as in the feed. */
  hearingUpdatedAt?: Date | null;
}

export function composeReminderEmail(input: ComposeInput): ComposedEmail {
  const { reminder, kase, language } = input;
  const t = translatorFor(language);
  // Everything that is not public is marked, so that nobody forwards it unawares.
  const subject = `${markPrefix(input.visibility, language)}${reminderSubject(reminder, kase, language)}`;
  const days = kase.daysInCustody;
  const summary: [string, string][] = [
    [t('email.case'), kase.caseNumber ? `${kase.title} (${kase.caseNumber})` : kase.title],
    ...(kase.court ? [[t('email.court'), kase.court] as [string, string]] : []),
    [t('email.status'), term(language, 'caseStatus', kase.status)],
    [
      t('email.detention'),
      [term(language, 'detentionStatus', kase.detentionStatus), kase.placeOfDetention]
        .filter(Boolean)
        .join(', '),
    ],
    ...(days !== null ? [[t('email.daysInCustody'), String(days)] as [string, string]] : []),
    // What the limit is, in its row's words (the subject names it and its day).
    ...(reminder.kind === 'statutory_limit' && reminder.details.description
      ? [[t('email.statutory'), String(reminder.details.description)] as [string, string]]
      : []),
  ];
  const charges = input.charges.map(
    (c) =>
      `${markPrefix(c.visibility, language)}${t('email.section', { law: c.law, section: c.section })}${c.offence ? ` — ${c.offence}` : ''} (${lowerFirst(term(language, 'chargeStatus', c.status))})`,
  );
  const latest = input.timeline.map(
    (entry) =>
      `${markPrefix(entry.visibility, language)}${formatShortDay(entry.date, language)}: ${entryInWords(entry, language)}`,
  );

  const text = [
    subject,
    '',
    ...summary.map(([label, value]) => `${label}: ${value}`),
    ...(charges.length ? ['', `${t('email.charges')}:`, ...charges.map((c) => `- ${c}`)] : []),
    ...(latest.length ? ['', `${t('email.latest')}:`, ...latest.map((l) => `- ${l}`)] : []),
    '',
    `${t('email.open')}: ${input.caseUrl}`,
    '',
    '--',
    t('email.why'),
  ].join('\n');

  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<h1 style="font-size: 1.2em">${escapeHtml(subject)}</h1>`,
    `<table>${summary
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
    charges.length ? `<h2 style="font-size: 1em">${escapeHtml(t('email.charges'))}</h2>${list(charges)}` : '',
    latest.length ? `<h2 style="font-size: 1em">${escapeHtml(t('email.latest'))}</h2>${list(latest)}` : '',
    `<p><a href="${escapeHtml(input.caseUrl)}">${escapeHtml(t('email.open'))}</a></p>`,
    `<p style="color: #666">${escapeHtml(t('email.why'))}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject, text, html, ics: reminder.kind === 'hearing_upcoming' ? hearingIcs(input) : undefined };
}

// The same VEVENT as the calendar feed and the export write (UID, times, SEQUENCE), so a caseworker
// who adds it and also subscribes gets one entry.
function hearingIcs(input: ComposeInput): string {
  const { reminder, kase } = input;
  const timeKnown = reminder.details.timeKnown !== false;
  const court = (reminder.details.court as string | null) ?? kase.court;
  const calendar = hearingsCalendar(
    [
      {
        id: reminder.subjectId ?? reminder.id,
        caseId: kase.id,
        caseTitle: kase.title,
        defenderName: kase.defenderName,
        local: DateTime.fromJSDate(reminder.subjectAt, { zone: kase.timezone }).toFormat(
          "yyyy-MM-dd'T'HH:mm:ss",
        ),
        instant: reminder.subjectAt,
        timeKnown,
        timezone: kase.timezone,
        court,
        judge: null,
        purpose: null,
        status: 'scheduled',
        outcome: null,
        updatedAt: input.hearingUpdatedAt ?? null,
        visibility: input.visibility,
      },
    ],
    { name: 'Vigil', lang: input.language, generatedAt: input.now, url: input.caseUrl },
  );
  return calendarText(calendar);
}

export interface DigestItem {
  caseTitle: string;
  defenderName: string;
  timezone: string;
  kind: AgendaKind;
  at: Date;
  timeKnown: boolean;
  details: Details;
  caseUrl: string;
  visibility: Visibility;
}

/** A watched case in the digest: where the person stands, as its public entries tell it. */
export interface DigestCase {
  caseTitle: string;
  defenderName: string;
  caseUrl: string;
  detention: DetentionHistory;
}

export function composeDigestEmail(
  items: DigestItem[],
  language: EmailLanguage,
  cases: DigestCase[] = [],
): ComposedEmail {
  const t = translatorFor(language);
  const standing = cases.map(
    (kase) => `${kase.defenderName} (${kase.caseTitle}): ${detentionSummary(kase.detention, language)}`,
  );
  const line = (item: DigestItem): string => {
    const when = formatMoment(item.at, item.timezone, language, item.timeKnown);
    const what = {
      hearing: () => t('email.hearing') + (item.details.court ? ` — ${item.details.court}` : ''),
      custody_end: () => t('email.custodyEnds'),
      milestone: () =>
        item.details.years
          ? t('email.yearsDetained', { years: Number(item.details.years) })
          : t('email.daysDetained', { days: Number(item.details.days) }),
      statutory_deadline: () => `${t('email.statutory')} — ${String(item.details.reference)}`,
      expected_release: () => t('email.expectedRelease'),
      hunger_strike_day: () => t('email.hungerStrikeDays', { days: Number(item.details.days) }),
    }[item.kind]();
    return `${markPrefix(item.visibility, language)}${when}: ${item.defenderName} — ${what}`;
  };
  const subject = t('email.digest', { count: items.length });
  const lines = items.map(line);
  const text = [
    subject,
    '',
    items.length ? t('email.digestIntro') : t('email.nothingAhead'),
    '',
    ...lines.map((l, i) => `- ${l}\n  ${items[i].caseUrl}`),
    ...(standing.length ? ['', t('email.digestDetention'), ...standing.map((s) => `- ${s}`)] : []),
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<h1 style="font-size: 1.2em">${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(items.length ? t('email.digestIntro') : t('email.nothingAhead'))}</p>`,
    `<ul>${lines.map((l, i) => `<li><a href="${escapeHtml(items[i].caseUrl)}">${escapeHtml(l)}</a></li>`).join('')}</ul>`,
    standing.length
      ? `<p>${escapeHtml(t('email.digestDetention'))}</p><ul>${standing
          .map((s, i) => `<li><a href="${escapeHtml(cases[i].caseUrl)}">${escapeHtml(s)}</a></li>`)
          .join('')}</ul>`
      : '',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
