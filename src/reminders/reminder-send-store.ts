import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { caseIdVisibleSql, NO_TEAM_READER, userColumnsReader } from '../access/access-policy';
import { AuditService, WORKER_ACTOR } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { CustodyKind } from '../custody/custody-order.entity';
import { UserRole } from '../users/user.entity';
import { CASE_CONTEXT_COLUMNS, CaseContext, caseContextFrom, CaseContextRow } from './case-context';
import { coAccusedOfKey } from './participant-reminders';
import { CASE_AUDIENCE_SQL, FALLBACK_SQL } from './reminder-audience';
import { EmailCharge, EmailLanguage, EmailTimelineEntry } from './reminder-email';
import { Reminder } from './reminder.entity';

// What the reminder sender reads and writes in PostgreSQL: the due reminders with everything their
// emails need (one statement), their advisory locks, the delivery records and how a send settles
// (with its audit record). What to send, to whom and when is reminder-sender.ts's.

export interface Recipient {
  /** 'user:<id>', 'recipient:<id>' or FALLBACK_KEY, stable whatever the address. */
  key: string;
  name: string;
  email: string;
  language: EmailLanguage;
  /** A watcher's role; null for an external address on the case or the fallback address. */
  role: UserRole | null;
  /** Already accepted by SMTP on an earlier attempt (a delivery record exists). */
  delivered: boolean;
}

/** Whether a delivery of the reminder (`reminderId`, an SQL expression) to the row's `key` is already recorded. */
const alreadyDelivered = (reminderId: string) =>
  `EXISTS (SELECT 1 FROM reminder_deliveries done WHERE done.reminder_id = ${reminderId} AND done.recipient = key)`;

/** The columns of a reminder row the sender needs. */
export type ReminderToSend = Pick<
  Reminder,
  | 'id'
  | 'kind'
  | 'status'
  | 'caseId'
  | 'userId'
  | 'subjectId'
  | 'subjectAt'
  | 'offset'
  | 'dueAt'
  | 'dedupeKey'
  | 'details'
>;

/** A message SMTP accepted for one recipient. */
interface Delivery {
  recipient: Recipient;
  messageId: string;
}

/** Inserts a delivery record from six query parameters, the first numbered `first`. */
const insertDelivery = (first: number): string =>
  `INSERT INTO reminder_deliveries (reminder_id, recipient, email, language, message_id, sent_at)
   VALUES (${[0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`).join(', ')})
   ON CONFLICT (reminder_id, recipient) DO NOTHING`;

/** A case reminder's whole input: the case's plan, who gets it, and what the email shows. */
export interface CaseMail {
  context: CaseContext;
  recipients: Recipient[];
  /** The admin's fallback address, for a reminder nobody on the case may receive. */
  fallback: Recipient | null;
  charges: EmailCharge[];
  /** The latest entries of each visibility, newest first: each recipient gets the first three they may read. */
  latest: EmailTimelineEntry[];
  /** Of the hearing a hearing reminder is about: the .ics SEQUENCE. */
  hearingUpdatedAt: Date | null;
}

/** A reminder as read for sending: the row, and for a case reminder its case and email input. */
export interface SendInput {
  reminder: ReminderToSend;
  mail: CaseMail | null;
}

/**
 * Reminders ($1, an array of ids) and, for a case reminder, everything its email needs, in one statement: the
 * case's plan, its unmuted watchers (with their role), external recipients and the fallback address
 * (with whether each was already served), the charges, and the last three entries of the chronology of each visibility.
 * Each recipient's email is then made of what they may read (mayRead), and nothing else.
 */
const DUE_REMINDERS = `
  SELECT json_build_object('id', r.id, 'kind', r.kind, 'status', r.status, 'caseId', r.case_id,
           'userId', r.user_id, 'subjectId', r.subject_id, 'subjectAt', r.subject_at, 'offset', r."offset",
           'dueAt', r.due_at, 'dedupeKey', r.dedupe_key, 'details', r.details) AS reminder,
    (SELECT h.updated_at FROM hearings h WHERE r.kind = 'hearing_upcoming' AND h.id = r.subject_id)
      AS "hearingUpdatedAt",
    ${CASE_CONTEXT_COLUMNS},
    (SELECT coalesce(json_agg(json_build_object(
              'key', key, 'name', name, 'email', email, 'language', language, 'role', role,
              'delivered', ${alreadyDelivered('r.id')})
            ORDER BY key), '[]')
       FROM (${CASE_AUDIENCE_SQL}) recipients WHERE recipients.case_id = c.id) AS recipients,
    (SELECT json_build_object('key', key, 'name', name, 'email', email, 'language', language, 'role', role,
              'delivered', ${alreadyDelivered('r.id')})
       FROM (${FALLBACK_SQL}) fallback
      WHERE r.case_id IS NULL OR ${caseIdVisibleSql('r.case_id', NO_TEAM_READER)}) AS fallback,
    (SELECT coalesce(json_agg(json_build_object('law', law, 'section', section, 'offence', offence, 'status', status,
              'visibility', visibility)
            ORDER BY brought_on NULLS LAST, created_at), '[]')
       FROM charges WHERE case_id = c.id) AS charges,
    (SELECT coalesce(json_agg(json_build_object('date', to_char(day, 'YYYY-MM-DD'), 'parts', parts, 'visibility', v)
            ORDER BY day DESC, created_at DESC), '[]')
       FROM unnest(enum_range(NULL::visibility)) v CROSS JOIN LATERAL (
             SELECT day, created_at, parts FROM (
               SELECT occurred_on AS day, created_at, json_build_array('event', coalesce(title, description)) AS parts
                 FROM events WHERE case_id = c.id AND visibility = v
               UNION ALL
               SELECT scheduled_local::date, created_at, json_build_array('hearing', court, outcome)
                 FROM hearings WHERE case_id = c.id AND visibility = v AND status <> 'cancelled'
               UNION ALL
               SELECT ordered_on, created_at, json_build_array('custody_order', kind::text, days::text)
                 FROM custody_orders WHERE case_id = c.id AND visibility = v
               UNION ALL
               SELECT brought_on, created_at, json_build_array('charge', law, section)
                 FROM charges WHERE case_id = c.id AND visibility = v AND brought_on IS NOT NULL
             ) entries
             ORDER BY day DESC, created_at DESC LIMIT 3) latest) AS latest
    FROM reminders r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN defenders d ON d.id = c.defender_id
   WHERE r.id = ANY($1::uuid[])`;

/**
 * An entry of the latest list: its kind and fields come apart from the SQL (a confidential entry's
 * are sealed there, opened as they are read); the email words them in each recipient's language.
 */
interface LatestEntry {
  date: string;
  /** The entry's kind, then its fields. */
  parts: [string, string | null, string | null];
  visibility: EmailTimelineEntry['visibility'];
}

function latestEntry({ date, parts, visibility }: LatestEntry): EmailTimelineEntry {
  const [kind, first, second] = parts;
  switch (kind) {
    case 'hearing':
      return { date, visibility, kind, court: first, outcome: second };
    case 'custody_order':
      return {
        date,
        visibility,
        kind,
        custodyKind: first as CustodyKind,
        days: second === null ? null : Number(second),
      };
    case 'charge':
      return { date, visibility, kind, law: first ?? '', section: second };
    default:
      return { date, visibility, kind: 'event', text: first ?? '' };
  }
}

/** Reads and settles the reminders the sender sends; the worker's own status changes are audited. */
@Injectable()
export class ReminderSendStore {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Takes the advisory lock of each reminder that no other session holds; returns their ids. */
  async lock(manager: EntityManager, reminderIds: string[]): Promise<string[]> {
    return (
      (await manager.query(
        `SELECT id FROM unnest($1::text[]) AS id WHERE pg_try_advisory_lock(hashtextextended('reminder:' || id, 0))`,
        [reminderIds],
      )) as { id: string }[]
    ).map((row) => row.id);
  }

  async unlock(manager: EntityManager, reminderIds: string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_unlock(hashtextextended('reminder:' || id, 0)) FROM unnest($1::text[]) AS id`,
      [reminderIds],
    );
  }

  /** Each of the reminders read for sending (DUE_REMINDERS), by id; a reminder gone is absent. */
  async readDue(manager: EntityManager, reminderIds: string[]): Promise<Map<string, SendInput>> {
    const rows = (await manager.query(DUE_REMINDERS, [reminderIds])) as (CaseContextRow & {
      reminder: Omit<ReminderToSend, 'subjectAt' | 'dueAt'> & { subjectAt: string; dueAt: string };
      recipients: Recipient[];
      fallback: Recipient | null;
      charges: EmailCharge[];
      latest: LatestEntry[];
      hearingUpdatedAt: Date | null;
    })[];
    return new Map(
      rows.map((row) => {
        // JSON has no timestamps.
        const reminder = {
          ...row.reminder,
          subjectAt: new Date(row.reminder.subjectAt),
          dueAt: new Date(row.reminder.dueAt),
        };
        const mail = row.id
          ? {
              context: caseContextFrom(row, this.clock.now(), coAccusedOfKey(reminder.dedupeKey)),
              recipients: row.recipients,
              fallback: row.fallback,
              charges: row.charges,
              latest: row.latest.map(latestEntry),
              hearingUpdatedAt: row.hearingUpdatedAt,
            }
          : null;
        return [reminder.id, { reminder, mail }];
      }),
    );
  }

  /** Records that SMTP accepted the message for this recipient, so no retry mails them again. */
  async recordDelivery(manager: EntityManager, reminderId: string, delivery: Delivery): Promise<void> {
    await manager.query(insertDelivery(1), [reminderId, ...this.deliveryValues(delivery)]);
  }

  private deliveryValues({ recipient, messageId }: Delivery): unknown[] {
    return [recipient.key, recipient.email, recipient.language, messageId, this.clock.now()];
  }

  /**
   * Settles a pending reminder; `lastDelivery`, when given, is recorded in the same statement (a
   * data-modifying WITH runs even when the reminder is no longer pending, so the record is kept).
   */
  async finish(
    manager: EntityManager,
    id: string,
    outcome: { status: 'sent' | 'cancelled' | 'skipped'; lastError?: string },
    lastDelivery?: Delivery,
  ): Promise<void> {
    const delivered = lastDelivery
      ? `${insertDelivery(6)} RETURNING recipient, message_id, sent_at`
      : 'SELECT NULL::text AS recipient, NULL::text AS message_id, NULL::timestamptz AS sent_at WHERE false';
    // A sent reminder shows the Message-ID of its first delivery (the one a reply threads on).
    const [, changed] = (await manager.query(
      `WITH delivered AS (${delivered})
       UPDATE reminders
          SET status = $2::text::reminder_status, attempts = attempts + $3::int,
              message_id = CASE WHEN $2::text = 'sent' THEN COALESCE(
                (SELECT d.message_id FROM (
                   SELECT recipient, message_id, sent_at FROM reminder_deliveries WHERE reminder_id = $1
                   UNION ALL SELECT recipient, message_id, sent_at FROM delivered) d
                  ORDER BY d.sent_at, d.recipient LIMIT 1), message_id) ELSE message_id END,
              sent_at = CASE WHEN $2::text = 'sent' THEN $4::timestamptz END,
              last_error = CASE WHEN $2::text = 'sent' THEN NULL ELSE COALESCE($5::text, last_error) END, updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [
        id,
        outcome.status,
        outcome.status === 'sent' ? 1 : 0,
        this.clock.now(),
        outcome.lastError ?? null,
        ...(lastDelivery ? [id, ...this.deliveryValues(lastDelivery)] : []),
      ],
    )) as [unknown, number];
    if (changed > 0) {
      await this.auditSettled(manager, id, outcome.status, outcome.lastError);
    }
  }

  /**
   * Counts a failed attempt and keeps its (redacted) message; `failed`: the reminder is failed for
   * good, audited as such.
   */
  async recordFailure(manager: EntityManager, id: string, message: string, failed: boolean): Promise<void> {
    const [, changed] = (await manager.query(
      `UPDATE reminders SET attempts = attempts + 1, last_error = $2::text, updated_at = now(),
              status = CASE WHEN $3::boolean THEN 'failed'::reminder_status ELSE status END
        WHERE id = $1 AND status = 'pending'`,
      [id, message, failed],
    )) as [unknown, number];
    if (failed && changed > 0) {
      await this.auditSettled(manager, id, 'failed', message);
    }
  }

  /** A digest's one recipient: its user while active, with whether they were already served. */
  async digestRecipient(
    manager: EntityManager,
    userId: string | null,
    reminderId: string,
  ): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT key, name, email, language, role, ${alreadyDelivered('$2')} AS delivered FROM (
         SELECT 'user:' || id AS key, name, email, language, role FROM users WHERE id = $1 AND active
       ) recipients`,
      [userId, reminderId],
    )) as Recipient[];
  }

  /**
   * The cases a user's digest lists: those they watch, muted too (muting stops a case's reminders,
   * not its place in the digest), but only those they may see now.
   */
  async watchedCaseIds(manager: EntityManager, userId: string): Promise<string[]> {
    const cases = (await manager.query(
      `SELECT w.case_id AS id FROM case_watchers w JOIN users u ON u.id = w.user_id
        WHERE w.user_id = $1 AND ${caseIdVisibleSql('w.case_id', userColumnsReader('u.id', 'u.role'))}
        ORDER BY w.case_id`,
      [userId],
    )) as { id: string }[];
    return cases.map(({ id }) => id);
  }

  /** The worker's own changes of a reminder's status are audited too, with the worker as the actor. */
  private async auditSettled(
    manager: EntityManager,
    id: string,
    status: 'sent' | 'cancelled' | 'skipped' | 'failed',
    lastError: string | undefined,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: WORKER_ACTOR,
      action: 'update',
      entity: 'reminder',
      entityId: id,
      before: { status: 'pending' },
      after: { status, ...(lastError ? { lastError } : {}) },
    });
  }
}
