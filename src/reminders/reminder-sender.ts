import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Mailer } from '../mail/mailer.service';
import { CaseContext, loadCaseContext } from './case-context';
import {
  composeDigestEmail,
  ComposedEmail,
  composeReminderEmail,
  DigestItem,
  EmailLanguage,
  EmailReminder,
} from './reminder-email';
import { caseAgenda, DIGEST_SPAN_DAYS, planCaseReminders } from './reminder-plan';
import { PLAN_HORIZON_DAYS, ReminderScheduler } from './reminder-scheduler';
import { Reminder } from './reminder.entity';

/** What one run of the processor did; the job's return value. */
export type SendOutcome = 'sent' | 'cancelled' | 'skipped' | 'not-pending' | 'missing' | 'busy';

interface Recipient {
  /** 'user:<id>' or 'recipient:<id>', stable whatever the address. */
  key: string;
  name: string;
  email: string;
  language: EmailLanguage;
  /** Already accepted by SMTP on an earlier attempt (a delivery record exists). */
  delivered: boolean;
}

/** Whether a delivery of this reminder to the row's `key` is already recorded. */
const DELIVERED = `EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.reminder_id = $2 AND d.recipient = key)`;

/** Addresses and names must not reach logs; SMTP errors often quote the refused address. */
export const redact = (message: string): string =>
  message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>').slice(0, 500);

/**
 * Sends one reminder: re-reads the row and its subject, mails only if it is still pending and
 * still true (the plan computed from today's data still contains it), then marks it sent. A
 * PostgreSQL advisory lock per reminder keeps two workers from sending it at once; each accepted
 * message is recorded at once, so a retry after a partial failure mails only who is left, and
 * with the same Message-ID as before.
 */
@Injectable()
export class ReminderSender {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly scheduler: ReminderScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(reminderId: string, options: { finalAttempt: boolean }): Promise<SendOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended('reminder:' || $1, 0)) AS locked`,
        [reminderId],
      )) as { locked: boolean }[];
      if (!locked) {
        return 'busy';
      }
      try {
        return await this.sendLocked(runner.manager, reminderId, options);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended('reminder:' || $1, 0))`, [reminderId]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sendLocked(
    manager: EntityManager,
    reminderId: string,
    options: { finalAttempt: boolean },
  ): Promise<SendOutcome> {
    const reminder = await manager.findOneBy(Reminder, { id: reminderId });
    if (!reminder) {
      return 'missing';
    }
    if (reminder.status !== 'pending') {
      return 'not-pending';
    }
    try {
      const context = reminder.caseId ? await loadCaseContext(manager, reminder.caseId) : null;
      if (reminder.kind !== 'weekly_digest' && !(context && this.stillTrue(reminder, context))) {
        await this.finish(manager, reminder.id, { status: 'cancelled' });
        return 'cancelled';
      }
      const recipients =
        reminder.kind === 'weekly_digest'
          ? await this.digestRecipient(manager, reminder.userId, reminder.id)
          : await this.caseRecipients(manager, reminder.caseId as string, reminder.id);
      if (!recipients.length) {
        await this.finish(manager, reminder.id, {
          status: 'skipped',
          lastError: 'Nobody to send it to: no unmuted watcher or external recipient',
        });
        await this.afterSend(reminder);
        return 'skipped';
      }
      const emails = new Map<EmailLanguage, ComposedEmail>();
      const compose = async (language: EmailLanguage): Promise<ComposedEmail> => {
        const cached = emails.get(language);
        if (cached) {
          return cached;
        }
        const email =
          reminder.kind === 'weekly_digest'
            ? composeDigestEmail(await this.digestItems(manager, reminder.userId as string), language)
            : await this.composeCaseEmail(manager, reminder, context as CaseContext, language);
        emails.set(language, email);
        return email;
      };
      for (const recipient of recipients.filter((r) => !r.delivered)) {
        const email = await compose(recipient.language);
        const messageId = `<${reminder.id}.${recipient.key.replace(':', '-')}@${this.mailer.domain}>`;
        const thread = reminder.caseId ? `<case-${reminder.caseId}@${this.mailer.domain}>` : undefined;
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
        await manager.query(
          `INSERT INTO reminder_deliveries (reminder_id, recipient, email, language, message_id, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reminder_id, recipient) DO NOTHING`,
          [reminder.id, recipient.key, recipient.email, recipient.language, messageId, this.clock.now()],
        );
      }
      await this.finish(manager, reminder.id, { status: 'sent' });
      this.logger.log(`Reminder ${reminder.id} sent`);
      await this.afterSend(reminder);
      return 'sent';
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      await manager.query(
        `UPDATE reminders SET attempts = attempts + 1, last_error = $2::text, updated_at = now(),
                status = CASE WHEN $3::boolean THEN 'failed'::reminder_status ELSE status END
          WHERE id = $1 AND status = 'pending'`,
        [reminder.id, message, options.finalAttempt],
      );
      this.logger.warn(
        `Reminder ${reminder.id} not sent${options.finalAttempt ? ' (last attempt: marked failed)' : ''}: ${message}`,
      );
      throw new Error(message, { cause: error });
    }
  }

  private stillTrue(reminder: Reminder, context: CaseContext): boolean {
    const horizon = DateTime.fromJSDate(
      new Date(Math.max(this.clock.now().getTime(), reminder.dueAt.getTime())),
    ).plus({ days: PLAN_HORIZON_DAYS });
    return planCaseReminders(context.plan, context.policy, horizon.toJSDate()).some(
      (planned) => planned.dedupeKey === reminder.dedupeKey,
    );
  }

  private async finish(
    manager: EntityManager,
    id: string,
    outcome: { status: 'sent' | 'cancelled' | 'skipped'; lastError?: string },
  ): Promise<void> {
    // A sent reminder shows the Message-ID of its first delivery (the one a reply threads on).
    await manager.query(
      `UPDATE reminders
          SET status = $2::text::reminder_status, attempts = attempts + $3::int,
              message_id = CASE WHEN $2::text = 'sent' THEN COALESCE(
                (SELECT d.message_id FROM reminder_deliveries d WHERE d.reminder_id = $1
                  ORDER BY d.sent_at, d.recipient LIMIT 1), message_id) ELSE message_id END,
              sent_at = CASE WHEN $2::text = 'sent' THEN $4::timestamptz END,
              last_error = CASE WHEN $2::text = 'sent' THEN NULL ELSE COALESCE($5::text, last_error) END, updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, outcome.status, outcome.status === 'sent' ? 1 : 0, this.clock.now(), outcome.lastError ?? null],
    );
  }

  /** Open-ended plans move on: the next milestone, the next weekly digest. */
  private async afterSend(reminder: Reminder): Promise<void> {
    if (reminder.kind === 'detention_milestone' && reminder.caseId) {
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

  private async caseRecipients(
    manager: EntityManager,
    caseId: string,
    reminderId: string,
  ): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT key, name, email, language, ${DELIVERED} AS delivered FROM (
         SELECT 'user:' || u.id AS key, u.name, u.email, u.language
           FROM case_watchers w JOIN users u ON u.id = w.user_id
          WHERE w.case_id = $1 AND NOT w.muted AND u.active
         UNION ALL
         SELECT 'recipient:' || r.id, r.name, r.email, r.language FROM case_recipients r WHERE r.case_id = $1
       ) recipients
       ORDER BY key`,
      [caseId, reminderId],
    )) as Recipient[];
  }

  private async digestRecipient(
    manager: EntityManager,
    userId: string | null,
    reminderId: string,
  ): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT key, name, email, language, ${DELIVERED} AS delivered FROM (
         SELECT 'user:' || id AS key, name, email, language FROM users WHERE id = $1 AND active
       ) recipients`,
      [userId, reminderId],
    )) as Recipient[];
  }

  private async composeCaseEmail(
    manager: EntityManager,
    reminder: Reminder,
    context: CaseContext,
    language: EmailLanguage,
  ): Promise<ComposedEmail> {
    const caseId = context.facts.id;
    const charges = await manager.query(
      `SELECT law, section, offence, status FROM charges
        WHERE case_id = $1 AND visibility = 'public' ORDER BY brought_on NULLS LAST, created_at`,
      [caseId],
    );
    const timeline = await this.latestEntries(manager, caseId);
    const now = this.clock.now();
    return composeReminderEmail({
      reminder: {
        id: reminder.id,
        kind: reminder.kind as EmailReminder['kind'],
        offset: reminder.offset,
        subjectId: reminder.subjectId,
        subjectAt: reminder.subjectAt,
        details: reminder.details,
      },
      kase: context.facts,
      charges,
      timeline,
      language,
      caseUrl: `${this.config.publicUrl}/cases/${caseId}`,
      today: DateTime.fromJSDate(now, { zone: context.facts.timezone }).toFormat('yyyy-MM-dd'),
      now,
      domain: this.mailer.domain,
    });
  }

  /**
   * The last three public entries of the case's chronology. Email leaves Vigil (and may go to
   * people outside it), so internal and confidential entries are never put in one.
   */
  private latestEntries(manager: EntityManager, caseId: string): Promise<{ date: string; text: string }[]> {
    return manager.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, text FROM (
         SELECT occurred_on AS day, created_at, coalesce(title, description) AS text
           FROM events WHERE case_id = $1 AND visibility = 'public'
         UNION ALL
         SELECT scheduled_local::date, created_at,
                concat_ws(': ', concat_ws(', ', 'Hearing', court), outcome)
           FROM hearings WHERE case_id = $1 AND visibility = 'public' AND status <> 'cancelled'
         UNION ALL
         SELECT ordered_on, created_at,
                concat_ws(' ', initcap(replace(kind::text, '_', ' ')), 'custody ordered', CASE WHEN days IS NOT NULL THEN 'for ' || days || ' days' END)
           FROM custody_orders WHERE case_id = $1 AND visibility = 'public'
         UNION ALL
         SELECT brought_on, created_at, concat_ws(' ', 'Charged under', law, 's.' || section)
           FROM charges WHERE case_id = $1 AND visibility = 'public' AND brought_on IS NOT NULL
       ) entries
       ORDER BY day DESC, created_at DESC LIMIT 3`,
      [caseId],
    );
  }

  private async digestItems(manager: EntityManager, userId: string): Promise<DigestItem[]> {
    const now = this.clock.now();
    const until = DateTime.fromJSDate(now).plus({ days: DIGEST_SPAN_DAYS }).toJSDate();
    const cases = (await manager.query(
      'SELECT case_id AS id FROM case_watchers WHERE user_id = $1 AND NOT muted ORDER BY case_id',
      [userId],
    )) as { id: string }[];
    const items: DigestItem[] = [];
    for (const { id } of cases) {
      const context = await loadCaseContext(manager, id);
      if (!context) {
        continue;
      }
      for (const item of caseAgenda(context.plan, context.policy, until)) {
        if (item.at >= now && item.at <= until) {
          items.push({
            caseTitle: context.facts.title,
            defenderName: context.facts.defenderName,
            timezone: context.facts.timezone,
            kind: item.kind,
            at: item.at,
            timeKnown: item.timeKnown,
            details: item.details,
            caseUrl: `${this.config.publicUrl}/cases/${id}`,
          });
        }
      }
    }
    return items.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
