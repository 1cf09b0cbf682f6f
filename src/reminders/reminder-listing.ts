import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { caseIdVisibleSql, knownReader, NO_TEAM_READER } from '../access/access-policy';
import { AuthUser, hasRole } from '../auth/auth-user';
import { participantsOf } from '../cases/participant-store';
import { Visibility } from '../common/entry';
import { readableBy } from '../common/readers';
import { Language } from '../i18n/languages';
import { UserRole } from '../users/user.entity';
import { ReminderRecipientView, ReminderView } from './dto/reminder.dto';
import { coAccusedOfKey } from './participant-reminders';
import { CASE_AUDIENCE_SQL, FALLBACK_NAME, FALLBACK_SQL, reminderRecipients } from './reminder-audience';
import { Details } from './reminder-kinds';
import { reminderTitle } from './reminder-title';
import { Reminder } from './reminder.entity';

// The reminders list's reads: which rows a user may see (onlyReadable), the rows and their count,
// their titles in the reader's language, who got or would get each, and each as the list shows it.
// RemindersService composes them.

export interface ReminderRow {
  id: string;
  kind: Reminder['kind'];
  title: string;
  case_id: string | null;
  user_id: string | null;
  subject_id: string | null;
  subject_at: Date;
  offset: string;
  due_at: Date;
  dedupe_key: string;
  details: Details;
  timezone: string;
  court: string | null;
  status: Reminder['status'];
  visibility: Visibility;
  attempts: number;
  last_error: string | null;
  cancel_reason: string | null;
  sent_at: Date | null;
  message_id: string | null;
  total: string;
}

/** SQL conditions with numbered parameters: `add('r.kind = ?', kind)`. */
export function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  return { where, params, add };
}

/** Which reminders a user may see, and so list or retry. */
export function onlyReadable(user: AuthUser, where: string[], params: unknown[]): void {
  // Only who may read the entry a reminder is about.
  params.push(readableBy(user));
  where.push(`r.visibility = ANY($${params.length}::visibility[])`);
  // Nothing about a case the reader may not see (access-policy.ts), counts included.
  params.push(user.id);
  where.push(
    `(r.case_id IS NULL OR ${caseIdVisibleSql('r.case_id', knownReader(user, `$${params.length}`))})`,
  );
  // A weekly digest is its owner's business (and an admin's).
  if (!hasRole(user, 'admin')) {
    params.push(user.id);
    where.push(`(r.kind <> 'weekly_digest' OR r.user_id = $${params.length})`);
  }
}

/**
 * The reminders the conditions match, in due order, with the case's or the user's zone; the last
 * two parameters are the page's limit and offset.
 */
export const selectReminders = async (
  manager: EntityManager,
  where: string[],
  params: unknown[],
): Promise<ReminderRow[]> =>
  (await manager.query(
    `SELECT r.id, r.kind, r.title, r.case_id, r.user_id, r.subject_id, r.subject_at, r."offset", r.due_at,
            r.dedupe_key, r.details, coalesce(c.timezone, u.timezone, 'UTC') AS timezone, c.court, r.status,
            r.visibility, r.attempts, r.last_error, r.cancel_reason, r.sent_at, r.message_id,
            count(*) OVER () AS total
       FROM reminders r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN users u ON u.id = r.user_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.due_at, r.id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  )) as ReminderRow[];

/**
 * Each row's title in `language`, naming the person it is about as the plan does: the case's
 * defender, or a co-accused for their own reminders (coAccusedOfKey).
 */
export async function reminderTitlesIn(
  manager: EntityManager,
  rows: ReminderRow[],
  language: Language,
): Promise<Map<string, string>> {
  const caseIds = [...new Set(rows.flatMap((row) => (row.case_id ? [row.case_id] : [])))];
  const people = await participantsOf(manager, caseIds);
  const personOf = (row: ReminderRow) => {
    const coAccusedId = coAccusedOfKey(row.dedupe_key);
    return people.find(
      (person) =>
        person.caseId === row.case_id && (coAccusedId ? person.defenderId === coAccusedId : person.main),
    );
  };
  return new Map(
    rows.map((row) => {
      const person = personOf(row);
      const about = person && { defenderName: person.fullName, timezone: row.timezone, court: row.court };
      return [row.id, reminderTitle({ ...row, subjectAt: row.subject_at }, about ?? null, language)];
    }),
  );
}

/** How many reminders the conditions match, for a page past the last one. */
export async function countReminders(
  manager: EntityManager,
  where: string[],
  params: unknown[],
): Promise<number> {
  const [{ total }] = (await manager.query(
    `SELECT count(*) AS total FROM reminders r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  )) as { total: string }[];
  return Number(total);
}

/**
 * Who got a sent reminder (with Message-IDs), or who would get a pending one now: those of the
 * case's watchers and external recipients who may read it, else the fallback address if it may
 * (reminderRecipients, as the sender decides). External recipients and the fallback address are
 * listed only to who may see external recipients at all (`show.external`), addresses only when
 * `show.email`.
 */
export async function recipientsOf(
  manager: EntityManager,
  rows: ReminderRow[],
  show: { email: boolean; external: boolean },
): Promise<Map<string, ReminderRecipientView[]>> {
  const visibility = new Map(rows.map((row) => [row.id, row.visibility]));
  const result = new Map<string, ReminderRecipientView[]>();
  if (!rows.length) {
    return result;
  }
  const found = (await manager.query(
    `SELECT d.reminder_id AS "reminderId", split_part(d.recipient, ':', 1) AS type, split_part(d.recipient, ':', 2) AS id,
            coalesce(u.name, cr.name, '') AS name, d.email, d.language::text, d.message_id AS "messageId", d.sent_at AS "sentAt",
            NULL AS role
       FROM reminder_deliveries d
       LEFT JOIN users u ON d.recipient = 'user:' || u.id
       LEFT JOIN case_recipients cr ON d.recipient = 'recipient:' || cr.id
      WHERE d.reminder_id = ANY($1)
     UNION ALL
     SELECT r.id, split_part(a.key, ':', 1), split_part(a.key, ':', 2), a.name, a.email, a.language::text, NULL, NULL,
            a.role::text
       FROM reminders r JOIN (${CASE_AUDIENCE_SQL}) a ON a.case_id = r.case_id
      WHERE r.id = ANY($1) AND r.status <> 'sent'
     UNION ALL
     SELECT r.id, split_part(f.key, ':', 1), split_part(f.key, ':', 2), f.name, f.email, f.language::text, NULL, NULL,
            NULL
       FROM reminders r CROSS JOIN (${FALLBACK_SQL}) f
      WHERE r.id = ANY($1) AND r.status <> 'sent' AND r.case_id IS NOT NULL
        AND ${caseIdVisibleSql('r.case_id', NO_TEAM_READER)}
     UNION ALL
     SELECT r.id, 'user', u.id::text, u.name, u.email, u.language::text, NULL, NULL, u.role::text
       FROM reminders r JOIN users u ON u.id = r.user_id
      WHERE r.id = ANY($1) AND r.status <> 'sent'
     ORDER BY 1, 2, 4`,
    [rows.map((row) => row.id)],
  )) as (ReminderRecipientView & { reminderId: string; role: UserRole | null })[];
  const byReminder = new Map<string, typeof found>();
  for (const row of found) {
    byReminder.set(row.reminderId, [...(byReminder.get(row.reminderId) ?? []), row]);
  }
  for (const [reminderId, listed] of byReminder) {
    // A delivery is a fact; who would get it now is the sender's rule, the fallback included.
    const delivered = listed.filter((r) => r.messageId);
    const fallback = listed.find((r) => !r.messageId && r.type === 'fallback') ?? null;
    const candidates = listed.filter((r) => !r.messageId && r.type !== 'fallback');
    const chosen = new Set(
      reminderRecipients(candidates, visibility.get(reminderId) ?? 'confidential', fallback),
    );
    const views = listed
      .filter((r) => delivered.includes(r) || chosen.has(r))
      .filter((r) => r.type === 'user' || show.external)
      .map(({ reminderId: _id, role: _role, ...recipient }): ReminderRecipientView => ({
        ...recipient,
        name: recipient.type === 'fallback' ? FALLBACK_NAME : recipient.name,
        email: show.email ? recipient.email : undefined,
      }));
    if (views.length) {
      result.set(reminderId, views);
    }
  }
  return result;
}

/**
 * A row as the list shows it, with its `title` and the `recipients` shown to the reader; `show.external`:
 * the reader may see external recipients.
 */
export function reminderView(
  row: ReminderRow,
  title: string,
  recipients: ReminderRecipientView[],
  show: { external: boolean },
): ReminderView {
  // A reminder's Message-ID is its first delivery's, which names the recipient: to a reader who may
  // not see external recipients, the first of the deliveries they are shown stands in for it.
  const messageId =
    show.external || recipients.some((r) => r.messageId === row.message_id)
      ? row.message_id
      : (recipients
          .filter((r) => r.messageId && r.sentAt)
          .sort((a, b) => (a.sentAt as Date).getTime() - (b.sentAt as Date).getTime())[0]?.messageId ?? null);
  return {
    id: row.id,
    kind: row.kind,
    title,
    caseId: row.case_id,
    userId: row.user_id,
    subjectId: row.subject_id,
    offset: row.offset,
    dueAt: row.due_at,
    dueAtLocal: DateTime.fromJSDate(row.due_at, { zone: row.timezone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timezone: row.timezone,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    cancelReason: row.cancel_reason,
    sentAt: row.sent_at,
    messageId,
    recipients,
  };
}
