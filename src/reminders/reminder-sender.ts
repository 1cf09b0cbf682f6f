import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Visibility } from '../common/entry';
import { mayRead, readableBy, Reader } from '../common/readers';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Mailer } from '../mail/mailer.service';
import { stagesAsReadBy } from './appeal-deadlines';
import { caseAgenda } from './case-agenda';
import { CaseContext, loadCaseContext } from './case-context';
import { DIGEST_SPAN_DAYS } from './digest-schedule';
import { planPersonReminders } from './participant-reminders';
import { PlanCase } from './plan-case';
import { detentionOf, publicDetentionOf } from './plan-detention';
import { readerOf, reminderRecipients } from './reminder-audience';
import {
  composeDigestEmail,
  ComposedEmail,
  composeReminderEmail,
  DigestCase,
  DigestItem,
  EmailReminder,
} from './reminder-email';
import { OPEN_ENDED_KINDS, PlannedReminder } from './reminder-kinds';
import { subjectOfReminder } from './reminder-plan';
import { PLAN_HORIZON_DAYS, ReminderScheduler } from './reminder-scheduler';
import { ReminderSendBatches, SendOptions } from './reminder-send-batch';
import {
  lateSendReason,
  PermanentSendFailure,
  redact,
  SendOutcome,
  smtpFailure,
} from './reminder-send-policy';
import { CaseMail, Recipient, ReminderSendStore, ReminderToSend, SendInput } from './reminder-send-store';
import { caseAsReadBy } from './reminder-visibility';

// The send policy: whether a due reminder still goes out, to whom, with what email, and what
// follows. Its SQL is reminder-send-store.ts's; its batching, reminder-send-batch.ts's.

/** The detention history as the entries `reader` may read tell it: what an email to them may state of it. */
const detentionAsReadBy = (plan: PlanCase, reader: Reader) =>
  detentionOf({
    today: plan.today,
    events: plan.events.filter((event) => mayRead(reader, event.visibility)),
    custodyOrders: plan.custodyOrders.filter((order) => mayRead(reader, order.visibility)),
  });

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
  private readonly batches: ReminderSendBatches;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly scheduler: ReminderScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: ReminderSendStore,
  ) {
    this.batches = new ReminderSendBatches(
      dataSource,
      store,
      (manager, input, options) => this.sendLocked(manager, input, options),
      this.logger,
    );
  }

  /**
   * Resolves with what became of the reminder. Sends asked for in the same turn of the event loop
   * (the worker's jobs arrive in bursts) share one connection and their lock, read and unlock
   * statements: per reminder, what is left is the statement that marks it sent.
   */
  send(reminderId: string, options: SendOptions): Promise<SendOutcome> {
    return this.batches.send(reminderId, options);
  }

  private async sendLocked(
    manager: EntityManager,
    due: SendInput | undefined,
    options: SendOptions,
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
        recipients = await this.store.digestRecipient(manager, reminder.userId, reminder.id);
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
          await this.store.finish(manager, reminder.id, { status: 'cancelled' });
          return 'cancelled';
        }
        // Who may not read the entry it is about does not hear of it at all.
        recipients = reminderRecipients(mail.recipients, planned.visibility, mail.fallback);
        compose = (recipient) =>
          Promise.resolve(this.composeCaseEmail(reminder, planned.visibility, mail, recipient));
      }
      const late = lateSendReason(reminder, this.clock.now());
      if (late) {
        await this.store.finish(manager, reminder.id, { status: 'skipped', lastError: late });
        await this.afterSend(reminder);
        return 'skipped';
      }
      if (!recipients.length) {
        await this.store.finish(manager, reminder.id, {
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
          await this.store.recordDelivery(manager, reminder.id, delivery);
        } else {
          // The last one is recorded in the statement that marks the reminder sent.
          await this.store.finish(manager, reminder.id, { status: 'sent' }, delivery);
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
        await this.store.finish(manager, reminder.id, { status: 'sent' });
      }
      await this.afterSend(reminder);
      return 'sent';
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      // Retrying cannot help a refusal for good: it fails now, and POST /retry is the way back.
      const permanent = error instanceof PermanentSendFailure;
      const failed = options.finalAttempt || permanent;
      await this.store.recordFailure(manager, reminder.id, message, failed);
      this.logger.warn(`Reminder ${reminder.id} not sent${failed ? ' (marked failed)' : ''}: ${message}`);
      throw permanent ? new PermanentSendFailure(message) : new Error(message, { cause: error });
    }
  }

  /**
   * The reminder as the plan computed from today's data holds it (only its subject is planned), with
   * its entry's visibility as it is now; undefined when it no longer holds.
   */
  private stillPlanned(reminder: ReminderToSend, context: CaseContext): PlannedReminder | undefined {
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

  /** Open-ended plans move on: the next milestone, the next weekly digest. */
  private async afterSend(reminder: ReminderToSend): Promise<void> {
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

  private composeCaseEmail(
    reminder: ReminderToSend,
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
    const items: DigestItem[] = [];
    const watched: DigestCase[] = [];
    for (const id of await this.store.watchedCaseIds(manager, userId)) {
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
