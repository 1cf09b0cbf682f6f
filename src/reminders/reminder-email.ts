import { DateTime, Duration } from 'luxon';
import { calendarText, hearingsCalendar } from '../chronology/render/ics';
import { markPrefix } from '../chronology/render/layout';
import type { Visibility } from '../common/entry';
import { zoneAbbreviation } from '../hearings/court-time';
import type { DetentionHistory } from '../cases/detention-history';
import { detentionSummary } from '../chronology/detention-summary';
import { DETENTION_WORDS } from './detention-reminder-words';
import type { AgendaKind, Details, ReminderKind } from './reminder-plan';

// What a reminder email says, in the recipient's language: pure functions over plain data.

export const EMAIL_LANGUAGES = ['en', 'ru', 'fr', 'es'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

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

export interface EmailTimelineEntry {
  date: string;
  text: string;
  visibility: Visibility;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
  ics?: string;
}

interface Words {
  hearingIn: (when: string) => string;
  custodyEndsIn: (when: string) => string;
  statutoryIn: (when: string) => string;
  daysDetained: (days: number) => string;
  yearsDetained: (years: number) => string;
  outcomeMissing: string;
  since: string;
  endsOn: string;
  case: string;
  court: string;
  status: string;
  detention: string;
  charges: string;
  daysInCustody: string;
  latest: string;
  open: string;
  digest: (count: number) => string;
  digestIntro: string;
  nothingAhead: string;
  why: string;
}

const WORDS: Record<EmailLanguage, Words> = {
  en: {
    hearingIn: (when) => `Hearing ${when}`,
    custodyEndsIn: (when) => `Custody ends ${when}`,
    statutoryIn: (when) => `Statutory limit ${when}`,
    daysDetained: (days) => `${days} days in detention`,
    yearsDetained: (years) => (years === 1 ? 'One year in detention' : `${years} years in detention`),
    outcomeMissing: 'Hearing outcome missing',
    since: 'since',
    endsOn: 'ends',
    case: 'Case',
    court: 'Court',
    status: 'Status',
    detention: 'Detention',
    charges: 'Charges',
    daysInCustody: 'Days in custody',
    latest: 'Latest entries',
    open: 'Open the case in Vigil',
    digest: (count) => `Vigil: the next two weeks (${count})`,
    digestIntro: 'Coming up in the next two weeks on the cases you watch:',
    nothingAhead: 'Nothing is scheduled in the next two weeks on the cases you watch.',
    why: 'You receive this because you watch this case in Vigil or were added as a recipient.',
  },
  ru: {
    hearingIn: (when) => `Заседание ${when}`,
    custodyEndsIn: (when) => `Срок содержания истекает ${when}`,
    statutoryIn: (when) => `Предельный срок ${when}`,
    daysDetained: (days) => `${days} дн. под стражей`,
    yearsDetained: (years) => (years === 1 ? 'Год под стражей' : `${years} г. под стражей`),
    outcomeMissing: 'Нет итогов заседания',
    since: 'с',
    endsOn: 'истекает',
    case: 'Дело',
    court: 'Суд',
    status: 'Статус',
    detention: 'Содержание',
    charges: 'Обвинения',
    daysInCustody: 'Дней под стражей',
    latest: 'Последние записи',
    open: 'Открыть дело в Vigil',
    digest: (count) => `Vigil: ближайшие две недели (${count})`,
    digestIntro: 'В ближайшие две недели по делам, за которыми вы следите:',
    nothingAhead: 'В ближайшие две недели по вашим делам ничего не назначено.',
    why: 'Вы получили это письмо, потому что следите за делом в Vigil или указаны получателем.',
  },
  fr: {
    hearingIn: (when) => `Audience ${when}`,
    custodyEndsIn: (when) => `Fin de la détention ${when}`,
    statutoryIn: (when) => `Délai légal ${when}`,
    daysDetained: (days) => `${days} jours de détention`,
    yearsDetained: (years) => (years === 1 ? 'Un an de détention' : `${years} ans de détention`),
    outcomeMissing: 'Issue de l’audience non renseignée',
    since: 'depuis le',
    endsOn: 'fin le',
    case: 'Affaire',
    court: 'Tribunal',
    status: 'Statut',
    detention: 'Détention',
    charges: 'Chefs d’accusation',
    daysInCustody: 'Jours de détention',
    latest: 'Dernières entrées',
    open: 'Ouvrir l’affaire dans Vigil',
    digest: (count) => `Vigil : les deux prochaines semaines (${count})`,
    digestIntro: 'À venir dans les deux prochaines semaines pour les affaires que vous suivez :',
    nothingAhead: 'Rien n’est prévu dans les deux prochaines semaines pour vos affaires.',
    why: 'Vous recevez ce message parce que vous suivez cette affaire dans Vigil ou en êtes destinataire.',
  },
  es: {
    hearingIn: (when) => `Audiencia ${when}`,
    custodyEndsIn: (when) => `La detención vence ${when}`,
    statutoryIn: (when) => `Plazo legal ${when}`,
    daysDetained: (days) => `${days} días de detención`,
    yearsDetained: (years) => (years === 1 ? 'Un año de detención' : `${years} años de detención`),
    outcomeMissing: 'Falta el resultado de la audiencia',
    since: 'desde el',
    endsOn: 'vence el',
    case: 'Caso',
    court: 'Tribunal',
    status: 'Estado',
    detention: 'Detención',
    charges: 'Cargos',
    daysInCustody: 'Días de detención',
    latest: 'Últimas entradas',
    open: 'Abrir el caso en Vigil',
    digest: (count) => `Vigil: las próximas dos semanas (${count})`,
    digestIntro: 'Próximamente, en las dos próximas semanas, en los casos que sigue:',
    nothingAhead: 'No hay nada programado en las dos próximas semanas en sus casos.',
    why: 'Recibe este mensaje porque sigue este caso en Vigil o figura como destinatario.',
  },
};

const LOCALE: Record<EmailLanguage, string> = { en: 'en-GB', ru: 'ru', fr: 'fr', es: 'es' };

/** "6 Jul 2022 10:30 IST" (or "6 июл. 2022 10:30 IST"): a moment as the court's clock shows it. */
export function formatMoment(at: Date, zone: string, language: EmailLanguage, withTime = true): string {
  const time = DateTime.fromJSDate(at, { zone }).setLocale(LOCALE[language]);
  return withTime
    ? `${time.toFormat('d MMM yyyy HH:mm')} ${zoneAbbreviation(zone, at)}`
    : time.toFormat('d MMM yyyy');
}

export const formatDay = (day: string, language: EmailLanguage): string =>
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

const humanize = (value: string): string => value.replace(/_/g, ' ');

/** The subject line: what and when, in the case's zone. */
export function reminderSubject(
  reminder: EmailReminder,
  kase: EmailCaseFacts,
  language: EmailLanguage,
): string {
  const words = WORDS[language];
  const zone = kase.timezone;
  const court = (reminder.details.court as string | null) ?? kase.court;
  const where = (when: string) => (court ? `${court}, ${when}` : when);
  switch (reminder.kind) {
    case 'hearing_upcoming': {
      const daysAhead = reminder.details.daysAhead;
      const ahead =
        typeof daysAhead === 'number' ? inDays(daysAhead, language) : inTime(reminder.offset, language);
      return `${words.hearingIn(ahead)}: ${kase.defenderName} — ${where(
        formatMoment(reminder.subjectAt, zone, language, reminder.details.timeKnown !== false),
      )}`;
    }
    case 'outcome_missing':
      return `${words.outcomeMissing}: ${kase.defenderName} — ${where(
        formatMoment(reminder.subjectAt, zone, language, reminder.details.timeKnown !== false),
      )}`;
    case 'custody_ending':
      return `${words.custodyEndsIn(inTime(reminder.offset, language))}: ${kase.defenderName} — ${words.endsOn} ${formatDay(
        String(reminder.details.endsOn),
        language,
      )}`;
    case 'detention_milestone': {
      const years = reminder.details.years as number | null;
      const what = years ? words.yearsDetained(years) : words.daysDetained(Number(reminder.details.days));
      return `${what}: ${kase.defenderName} — ${words.since} ${formatDay(String(reminder.details.arrestedOn), language)}`;
    }
    case 'statutory_limit':
      return `${words.statutoryIn(inTime(reminder.offset, language))}: ${kase.defenderName} — ${reminder.details.reference}, ${formatDay(
        String(reminder.details.deadline),
        language,
      )}`;
    case 'sentence_ending':
      return DETENTION_WORDS[language].sentenceEnds(
        inTime(reminder.offset, language),
        kase.defenderName,
        formatDay(String(reminder.details.expectedReleaseOn), language),
      );
    case 'release_overdue':
      return DETENTION_WORDS[language].releaseOverdue(
        kase.defenderName,
        formatDay(String(reminder.details.expectedReleaseOn), language),
      );
    case 'no_custody_order':
      return DETENTION_WORDS[language].noCustodyOrder(
        kase.defenderName,
        formatDay(String(reminder.details.endedOn), language),
      );
    case 'hunger_strike_day':
      return DETENTION_WORDS[language].hungerStrike(
        Number(reminder.details.days),
        kase.defenderName,
        formatDay(String(reminder.details.startedOn), language),
      );
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`No subject for ${String(unreachable)}`);
    }
  }
}

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
  const words = WORDS[language];
  // Everything that is not public is marked, so that nobody forwards it unawares.
  const subject = `${markPrefix(input.visibility, language)}${reminderSubject(reminder, kase, language)}`;
  const days = kase.daysInCustody;
  const summary: [string, string][] = [
    [words.case, kase.caseNumber ? `${kase.title} (${kase.caseNumber})` : kase.title],
    ...(kase.court ? [[words.court, kase.court] as [string, string]] : []),
    [words.status, humanize(kase.status)],
    [words.detention, [humanize(kase.detentionStatus), kase.placeOfDetention].filter(Boolean).join(', ')],
    ...(days !== null ? [[words.daysInCustody, String(days)] as [string, string]] : []),
    // What the limit is, in its row's words (the subject names it and its day).
    ...(reminder.kind === 'statutory_limit' && reminder.details.description
      ? [[words.statutoryIn('').trim(), String(reminder.details.description)] as [string, string]]
      : []),
  ];
  const charges = input.charges.map(
    (c) =>
      `${markPrefix(c.visibility, language)}${c.law} s.${c.section}${c.offence ? ` — ${c.offence}` : ''} (${humanize(c.status)})`,
  );
  const latest = input.timeline.map(
    (entry) => `${markPrefix(entry.visibility, language)}${formatDay(entry.date, language)}: ${entry.text}`,
  );

  const text = [
    subject,
    '',
    ...summary.map(([label, value]) => `${label}: ${value}`),
    ...(charges.length ? ['', `${words.charges}:`, ...charges.map((c) => `- ${c}`)] : []),
    ...(latest.length ? ['', `${words.latest}:`, ...latest.map((l) => `- ${l}`)] : []),
    '',
    `${words.open}: ${input.caseUrl}`,
    '',
    '--',
    words.why,
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
    charges.length ? `<h2 style="font-size: 1em">${escapeHtml(words.charges)}</h2>${list(charges)}` : '',
    latest.length ? `<h2 style="font-size: 1em">${escapeHtml(words.latest)}</h2>${list(latest)}` : '',
    `<p><a href="${escapeHtml(input.caseUrl)}">${escapeHtml(words.open)}</a></p>`,
    `<p style="color: #666">${escapeHtml(words.why)}</p>`,
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
  const words = WORDS[language];
  const standing = cases.map(
    (kase) => `${kase.defenderName} (${kase.caseTitle}): ${detentionSummary(kase.detention, language)}`,
  );
  const line = (item: DigestItem): string => {
    const when = formatMoment(item.at, item.timezone, language, item.timeKnown);
    const what = {
      hearing: () => words.hearingIn('').trim() + (item.details.court ? ` — ${item.details.court}` : ''),
      custody_end: () => `${words.custodyEndsIn('').trim()}`,
      milestone: () =>
        item.details.years
          ? words.yearsDetained(Number(item.details.years))
          : words.daysDetained(Number(item.details.days)),
      statutory_deadline: () => `${words.statutoryIn('').trim()} — ${item.details.reference}`,
      expected_release: () => DETENTION_WORDS[language].expectedRelease,
      hunger_strike_day: () => DETENTION_WORDS[language].hungerStrikeDays(Number(item.details.days)),
    }[item.kind]();
    return `${markPrefix(item.visibility, language)}${when}: ${item.defenderName} — ${what}`;
  };
  const subject = words.digest(items.length);
  const lines = items.map(line);
  const text = [
    subject,
    '',
    items.length ? words.digestIntro : words.nothingAhead,
    '',
    ...lines.map((l, i) => `- ${l}\n  ${items[i].caseUrl}`),
    ...(standing.length
      ? ['', DETENTION_WORDS[language].digestDetention, ...standing.map((s) => `- ${s}`)]
      : []),
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<h1 style="font-size: 1.2em">${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(items.length ? words.digestIntro : words.nothingAhead)}</p>`,
    `<ul>${lines.map((l, i) => `<li><a href="${escapeHtml(items[i].caseUrl)}">${escapeHtml(l)}</a></li>`).join('')}</ul>`,
    standing.length
      ? `<p>${escapeHtml(DETENTION_WORDS[language].digestDetention)}</p><ul>${standing
          .map((s, i) => `<li><a href="${escapeHtml(cases[i].caseUrl)}">${escapeHtml(s)}</a></li>`)
          .join('')}</ul>`
      : '',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
