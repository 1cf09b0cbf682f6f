import { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { formatMoment, reminderSubject, SubjectFacts } from './reminder-email';
import type { Details, ReminderKind } from './reminder-kinds';

// What a reminder is called on a page, in the reader's language: written when it is read, from what
// its row keeps (kind, offset, moment, details), in the words of its email's subject. The row's
// stored `title` is the same in English, for the API.

/** "Weekly digest for 6 Dec 2026": a digest's title, its day in the zone it was planned in. */
export const digestTitle = (at: Date, zone: string, language: Language): string =>
  translate(language, 'email.digestFor', { day: formatMoment(at, zone, language, false) });

/** A reminder as its row keeps it, with the title it was planned with (in English). */
export interface StoredReminder {
  kind: ReminderKind;
  offset: string;
  subjectAt: Date;
  details: Details;
  title: string;
}

/**
 * The title of a reminder in `language`. A case's reminder names its person and the case's court
 * and zone (`about`: the defender's, or a co-accused's for their own reminders); a digest, its day
 * in the zone it was planned in. When what it names is not on record (a person gone from the case,
 * a digest planned without its zone), the title it was planned with stands.
 */
export function reminderTitle(
  reminder: StoredReminder,
  about: SubjectFacts | null,
  language: Language,
): string {
  if (reminder.kind === 'weekly_digest') {
    const zone = reminder.details.zone;
    return typeof zone === 'string' ? digestTitle(reminder.subjectAt, zone, language) : reminder.title;
  }
  return about
    ? reminderSubject({ ...reminder, kind: reminder.kind, id: '', subjectId: null }, about, language)
    : reminder.title;
}
