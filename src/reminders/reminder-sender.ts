import { stagesAsReadBy } from './appeal-deadlines';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { caseIdVisibleSql, NO_TEAM_READER, userColumnsReader } from '../access/access-policy';
import { AuditService, WORKER_ACTOR } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { CustodyKind } from '../custody/custody-order.entity';
import { Visibility } from '../common/entry';
import { mayRead, readableBy, Reader } from '../common/readers';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Mailer } from '../mail/mailer.service';
import { UserRole } from '../users/user.entity';
import { coAccusedOfKey, planPersonReminders } from './participant-reminders';
import { CASE_AUDIENCE_SQL, FALLBACK_SQL, readerOf, reminderRecipients } from './reminder-audience';
import {
  CASE_CONTEXT_COLUMNS,
  CaseContext,
  caseContextFrom,
  CaseContextRow,
  loadCaseContext,
} from './case-context';
import {
  composeDigestEmail,
  ComposedEmail,
  composeReminderEmail,
  DigestCase,
  DigestItem,
  EmailCharge,
  EmailLanguage,
  EmailReminder,
  EmailTimelineEntry,
} from './reminder-email';
import { caseAgenda } from './case-agenda';
import { DIGEST_SPAN_DAYS } from './digest-schedule';
import { PlanCase } from './plan-case';
import { detentionOf, publicDetentionOf } from './plan-detention';
import { OPEN_ENDED_KINDS, PlannedReminder } from './reminder-kinds';
import { subjectOfReminder } from './reminder-plan';
import { caseAsReadBy } from './reminder-visibility';
import { PLAN_HORIZON_DAYS, ReminderScheduler } from './reminder-scheduler';
import { lateSendReason, PermanentSendFailure, redact, smtpFailure } from './reminder-send-policy';
import { Reminder } from './reminder.entity';

/** What one run of the processor did; the job's return value. */
export type SendOutcome = 'sent' | 'cancelled' | 'skipped' | 'not-pending' | 'missing' | 'busy';

interface Recipient {
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
type DueReminder = Pick<
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
interface CaseMail {
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
interface Due {
  reminder: DueReminder;
  mail: CaseMail | null;
}

interface SendRequest {
  reminderId: string;
  options: { finalAttempt: boolean };
  resolve: (outcome: SendOutcome) => void;
  reject: (error: unknown) => void;
}

/** The detention history as the entries `reader` may read tell it: what an email to them may state of it. */
const detentionAsReadBy = (plan: PlanCase, reader: Reader) =>
  detentionOf({
    today: plan.today,
    events: plan.events.filter((event) => mayRead(reader, event.visibility)),
    custodyOrders: plan.custodyOrders.filter((order) => mayRead(reader, order.visibility)),
  });

/** Job data comes from Redis: anything else than a row id is not looked up. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/**
 * Sends reminders: re-reads each row and its subject, mails only if it is still pending and
 * still true (the plan computed from today's data still contains it), then marks it sent. A
 * PostgreSQL advisory lock per reminder keeps two workers from sending it at once; each accepted
 * message is recorded at once, so a retry after a partial failure mails only who is left, and
 * with the same Message-ID as before.
 */
@Injectable()
export class ReminderSender {
  private readonly logger = new Logger('Reminders');
  private waiting: SendRequest[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly scheduler: ReminderScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Resolves with what became of the reminder. Sends asked for in the same turn of the event loop
   * (the worker's jobs arrive in bursts) share one connection and their lock, read and unlock
   * statements: per reminder, what is left is the statement that marks it sent.
   */
  send(reminderId: string, options: { finalAttempt: boolean }): Promise<SendOutcome> {
    return new Promise<SendOutcome>((resolve, reject) => {
      this.waiting.push({ reminderId, options, resolve, reject });
      if (this.waiting.length === 1) {
        setImmediate(() => void this.sendBatch(this.waiting.splice(0)));
      }
    });
  }

  private async sendBatch(requests: SendRequest[]): Promise<void> {
    const pending = new Set(requests);
    const settle = (request: SendRequest, outcome: SendOutcome) => {
      pending.delete(request);
      request.resolve(outcome);
    };
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // One send per reminder: a second request for it in the batch is told another is under way.
      const first = new Map<string, SendRequest>();
      for (const request of requests) {
        if (!UUID.test(request.reminderId)) {
          settle(request, 'missing');
        } else if (first.has(request.reminderId)) {
          settle(request, 'busy');
        } else {
          first.set(request.reminderId, request);
        }
      }
      const locked = (
        (await runner.query(
          `SELECT id FROM unnest($1::text[]) AS id WHERE pg_try_advisory_lock(hashtextextended('reminder:' || id, 0))`,
          [[...first.keys()]],
        )) as { id: string }[]
      ).map((row) => row.id);
      for (const [id, request] of first) {
        if (!locked.includes(id)) {
          settle(request, 'busy');
        }
      }
      try {
        const due = await this.readDue(runner.manager, locked);
        const sent: string[] = [];
        await Promise.all(
          locked.map(async (id) => {
            const request = first.get(id) as SendRequest;
            try {
              // Their own statements go through the pool: a connection runs one statement at a time,
              // and nothing after the read needs the session that holds the locks.
              const outcome = await this.sendLocked(this.dataSource.manager, due.get(id), request.options);
              if (outcome === 'sent') {
                sent.push(id);
              }
              settle(request, outcome);
            } catch (error) {
              pending.delete(request);
              request.reject(error);
            }
          }),
        );
        // One line per batch: a line per email was a measurable share of the worker's time.
        if (sent.length) {
          this.logger.log(`Sent reminder${sent.length > 1 ? 's' : ''} ${sent.join(', ')}`);
        }
      } finally {
        await runner.query(
          `SELECT pg_advisory_unlock(hashtextextended('reminder:' || id, 0)) FROM unnest($1::text[]) AS id`,
          [locked],
        );
      }
    } catch (error) {
      pending.forEach((request) => request.reject(error));
    } finally {
      await runner.release();
    }
  }

  private async sendLocked(
    manager: EntityManager,
    due: Due | undefined,
    options: { finalAttempt: boolean },
  ): Promise<SendOutcome> {
    if (!due) {
      return 'missing';
    }
    const { reminder, mail } = due;
    if (reminder.status !== 'pending') {
      return 'not-pending';
    }
    try {
      let recipients: Recipient[];
      let compose: (recipient: Recipient) => Promise<ComposedEmail>;
      if (reminder.kind === 'weekly_digest') {
        recipients = await this.digestRecipient(manager, reminder.userId, reminder.id);
        compose = async (recipient) => {
          const { items, cases } = await this.digestItems(
            manager,
            reminder.userId as string,
            readerOf(recipient),
          );
          return composeDigestEmail(items, recipient.language, cases);
        };
      } else {
        const planned = mail && this.stillPlanned(reminder, mail.context);
        if (!(mail && planned)) {
          await this.finish(manager, reminder.id, { status: 'cancelled' });
          return 'cancelled';
        }
        // Who may not read the entry it is about does not hear of it at all.
        recipients = reminderRecipients(mail.recipients, planned.visibility, mail.fallback);
        compose = (recipient) =>
          Promise.resolve(this.composeCaseEmail(reminder, planned.visibility, mail, recipient));
      }
      const late = lateSendReason(reminder, this.clock.now());
      if (late) {
        await this.finish(manager, reminder.id, { status: 'skipped', lastError: late });
        await this.afterSend(reminder);
        return 'skipped';
      }
      if (!recipients.length) {
        await this.finish(manager, reminder.id, {
          status: 'skipped',
          lastError:
            'Nobody to send it to: no unmuted watcher, external recipient or fallback address who may read it',
        });
        await this.afterSend(reminder);
        return 'skipped';
      }
      // One email per language and clearance: what it holds depends on both.
      const emails = new Map<string, ComposedEmail>();
      const left = recipients.filter((r) => !r.delivered);
      // A server refusing some recipients' messages does not hold up the others': they get
      // theirs now, and only those refused are tried again (or, refused for good, not at all).
      const refused: unknown[] = [];
      for (const [index, recipient] of left.entries()) {
        const variant = `${recipient.language}:${readableBy(readerOf(recipient)).join()}`;
        const email = emails.get(variant) ?? (await compose(recipient));
        emails.set(variant, email);
        const messageId = `<${reminder.id}.${recipient.key.replace(':', '-')}@${this.mailer.domain}>`;
        const thread = reminder.caseId ? `<case-${reminder.caseId}@${this.mailer.domain}>` : undefined;
        try {
          await this.mailer.send({
            to: { name: recipient.name, address: recipient.email },
            subject: email.subject,
            text: email.text,
            html: email.html,
            messageId,
            // Mail clients thread on References/In-Reply-To: every reminder of a case joins one thread.
            headers: thread
              ? { References: thread, 'In-Reply-To': thread, 'X-Vigil-Reminder': reminder.id }
              : {},
            attachments: email.ics
              ? [
                  {
                    filename: 'hearing.ics',
                    content: email.ics,
                    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
                  },
                ]
              : undefined,
          });
        } catch (error) {
          if (smtpFailure(error) === 'unreachable') {
            throw error;
          }
          refused.push(error);
          continue;
        }
        const delivery = { recipient, messageId };
        if (index < left.length - 1 || refused.length) {
          await this.recordDelivery(manager, reminder.id, delivery);
        } else {
          // The last one is recorded in the statement that marks the reminder sent.
          await this.finish(manager, reminder.id, { status: 'sent' }, delivery);
        }
      }
      if (refused.length) {
        const message = refused
          .map((error) => (error instanceof Error ? error.message : String(error)))
          .join('; ');
        throw refused.every((error) => smtpFailure(error) === 'refused-for-good')
          ? new PermanentSendFailure(message)
          : new Error(message);
      }
      if (!left.length) {
        await this.finish(manager, reminder.id, { status: 'sent' });
      }
      await this.afterSend(reminder);
      return 'sent';
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      // Retrying cannot help a refusal for good: it fails now, and POST /retry is the way back.
      const permanent = error instanceof PermanentSendFailure;
      const failed = options.finalAttempt || permanent;
      const [, changed] = (await manager.query(
        `UPDATE reminders SET attempts = attempts + 1, last_error = $2::text, updated_at = now(),
                status = CASE WHEN $3::boolean THEN 'failed'::reminder_status ELSE status END
          WHERE id = $1 AND status = 'pending'`,
        [reminder.id, message, failed],
      )) as [unknown, number];
      if (failed && changed > 0) {
        await this.auditSettled(manager, reminder.id, 'failed', message);
      }
      this.logger.warn(`Reminder ${reminder.id} not sent${failed ? ' (marked failed)' : ''}: ${message}`);
      throw permanent ? new PermanentSendFailure(message) : new Error(message, { cause: error });
    }
  }

  private async readDue(manager: EntityManager, reminderIds: string[]): Promise<Map<string, Due>> {
    const rows = (await manager.query(DUE_REMINDERS, [reminderIds])) as (CaseContextRow & {
      reminder: Omit<DueReminder, 'subjectAt' | 'dueAt'> & { subjectAt: string; dueAt: string };
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

  /**
   * The reminder as the plan computed from today's data holds it (only its subject is planned), with
   * its entry's visibility as it is now; undefined when it no longer holds.
   */
  private stillPlanned(reminder: DueReminder, context: CaseContext): PlannedReminder | undefined {
    const horizon = DateTime.fromJSDate(
      new Date(Math.max(this.clock.now().getTime(), reminder.dueAt.getTime())),
    ).plus({ days: PLAN_HORIZON_DAYS });
    return planPersonReminders(
      subjectOfReminder(context.plan, reminder),
      context.policy,
      horizon.toJSDate(),
      context.coAccusedId,
    ).find((planned) => planned.dedupeKey === reminder.dedupeKey);
  }

  /** Records that SMTP accepted the message for this recipient, so no retry mails them again. */
  private async recordDelivery(
    manager: EntityManager,
    reminderId: string,
    delivery: Delivery,
  ): Promise<void> {
    await manager.query(insertDelivery(1), [reminderId, ...this.deliveryValues(delivery)]);
  }

  private deliveryValues({ recipient, messageId }: Delivery): unknown[] {
    return [recipient.key, recipient.email, recipient.language, messageId, this.clock.now()];
  }

  /**
   * Settles a pending reminder; `lastDelivery`, when given, is recorded in the same statement (a
   * data-modifying WITH runs even when the reminder is no longer pending, so the record is kept).
   */
  private async finish(
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

  /** Open-ended plans move on: the next milestone, the next weekly digest. */
  private async afterSend(reminder: DueReminder): Promise<void> {
    if (OPEN_ENDED_KINDS.includes(reminder.kind) && reminder.caseId) {
      const caseId = reminder.caseId;
      await this.dataSource.transaction((manager) => this.scheduler.replanCase(manager, caseId));
    }
    if (reminder.kind === 'weekly_digest' && reminder.userId) {
      const userId = reminder.userId;
      await this.dataSource.transaction((manager) =>
        this.scheduler.planDigest(manager, userId, reminder.dueAt),
      );
    }
  }

  private async digestRecipient(
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

  private composeCaseEmail(
    reminder: DueReminder,
    visibility: Visibility,
    mail: CaseMail,
    recipient: Recipient,
  ): ComposedEmail {
    const { facts } = mail.context;
    const readable = (entry: { visibility: Visibility }) => mayRead(readerOf(recipient), entry.visibility);
    const now = this.clock.now();
    // The stored status is folded from every entry: a confidential release or death is not theirs to learn.
    const detentionStatus = detentionAsReadBy(mail.context.plan, readerOf(recipient)).detentionStatus;
    // So is the case's status: an appeal recorded as confidential is not theirs to learn either.
    const status = stagesAsReadBy(mail.context.plan, readerOf(recipient)).status;
    return composeReminderEmail({
      reminder: {
        id: reminder.id,
        kind: reminder.kind as EmailReminder['kind'],
        offset: reminder.offset,
        subjectId: reminder.subjectId,
        subjectAt: reminder.subjectAt,
        details: reminder.details,
      },
      visibility,
      kase: { ...facts, status, detentionStatus },
      charges: mail.charges.filter(readable),
      timeline: mail.latest.filter(readable).slice(0, 3),
      language: recipient.language,
      caseUrl: `${this.config.publicUrl}/cases/${facts.id}`,
      now,
      hearingUpdatedAt: mail.hearingUpdatedAt,
    });
  }

  /** What the user's digest lists: each watched case's agenda as they may read it, and its detention line. */
  private async digestItems(
    manager: EntityManager,
    userId: string,
    reader: Reader,
  ): Promise<{ items: DigestItem[]; cases: DigestCase[] }> {
    const now = this.clock.now();
    const until = DateTime.fromJSDate(now).plus({ days: DIGEST_SPAN_DAYS }).toJSDate();
    const cases = (await manager.query(
      // Muted cases too: muting stops a case's reminders, not its place in the digest; but only
      // the cases the user may see now.
      `SELECT w.case_id AS id FROM case_watchers w JOIN users u ON u.id = w.user_id
        WHERE w.user_id = $1 AND ${caseIdVisibleSql('w.case_id', userColumnsReader('u.id', 'u.role'))}
        ORDER BY w.case_id`,
      [userId],
    )) as { id: string }[];
    const items: DigestItem[] = [];
    const watched: DigestCase[] = [];
    for (const { id } of cases) {
      const context = await loadCaseContext(manager, id, now);
      if (!context) {
        continue;
      }
      watched.push({
        caseTitle: context.facts.title,
        defenderName: context.facts.defenderName,
        caseUrl: `${this.config.publicUrl}/cases/${id}`,
        detention: publicDetentionOf(context.plan),
      });
      for (const item of caseAgenda(caseAsReadBy(context.plan, reader), context.policy, until)) {
        // caseAsReadBy leaves the case's events in (the fold needs them): an item drawn from one
        // the reader may not read, such as a confidential hunger strike, is left out here.
        if (item.at >= now && item.at <= until && mayRead(reader, item.visibility)) {
          items.push({
            caseTitle: context.facts.title,
            defenderName: context.facts.defenderName,
            timezone: context.facts.timezone,
            kind: item.kind,
            at: item.at,
            timeKnown: item.timeKnown,
            details: item.details,
            caseUrl: `${this.config.publicUrl}/cases/${id}`,
            visibility: item.visibility,
          });
        }
      }
    }
    return { items: items.sort((a, b) => a.at.getTime() - b.at.getTime()), cases: watched };
  }
}
