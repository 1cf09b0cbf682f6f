import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { caseIdVisibleSql, knownReader, NO_TEAM_READER, userColumnsReader } from '../access/access-policy';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import { Visibility } from '../common/entry';
import { Page, page } from '../common/pagination';
import { readableBy } from '../common/readers';
import { UserRole } from '../users/user.entity';
import { participantsOf } from '../cases/participant-store';
import { Language } from '../i18n/languages';
import { loadGlobalPolicy } from './case-context';
import {
  AddRecipientDto,
  AddWatcherDto,
  CasePolicyView,
  CaseReminderPolicyDto,
  RecipientView,
  ReminderQuery,
  ReminderRecipientView,
  ReminderSettingsDto,
  ReminderSettingsView,
  ReminderView,
  WatcherView,
} from './dto/reminder.dto';
import { CASE_AUDIENCE_SQL, FALLBACK_NAME, FALLBACK_SQL, reminderRecipients } from './reminder-audience';
import { ReminderEnqueuer } from './reminder-enqueuer';
import { effectivePolicy, ReminderPolicy, ReminderPolicyOverride } from './reminder-policy';
import { ReminderScheduler } from './reminder-scheduler';
import { Reminder } from './reminder.entity';
import { coAccusedOfKey } from './participant-reminders';
import { Details } from './reminder-kinds';
import { reminderTitle } from './reminder-title';

interface ReminderRow {
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

/**
 * Who may see a case's external recipients (names, addresses, ids): in GET /api/cases/:id/recipients,
 * on the settings page and among the recipients of a listed reminder alike.
 */
export const SEES_EXTERNAL_RECIPIENTS: UserRole = 'caseworker';

/** SQL conditions with numbered parameters: `add('r.kind = ?', kind)`. */
function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  return { where, params, add };
}

/** Which reminders a user may see, and so list or retry. */
function onlyReadable(user: AuthUser, where: string[], params: unknown[]): void {
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

@Injectable()
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReminderScheduler,
    private readonly enqueuer: ReminderEnqueuer,
    private readonly audit: AuditService,
  ) {}

  /**
   * The reminders `user` may see. Titles are written in `language` when one is given (the pages),
   * else as stored, in English (the API's documented field).
   */
  async list(user: AuthUser, query: ReminderQuery, language?: Language): Promise<Page<ReminderView>> {
    const { where, params, add } = conditions();
    if (query.caseId) {
      add('r.case_id = ?', query.caseId);
    }
    if (query.status) {
      add('r.status = ?', query.status);
    }
    if (query.kind) {
      add('r.kind = ?', query.kind);
    }
    if (query.from) {
      add('r.due_at >= ?', query.from);
    }
    if (query.to) {
      add('r.due_at < ?', query.to);
    }
    onlyReadable(user, where, params);
    params.push(query.limit, query.offset);
    const rows = (await this.dataSource.query(
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
    const [recipients, titles] = await Promise.all([
      this.recipientsOf(rows, user),
      language ? this.titlesIn(rows, language) : undefined,
    ]);
    // A reminder's Message-ID is its first delivery's, which names the recipient: to a reader who may
    // not see external recipients, the first of the deliveries they are shown stands in for it.
    const shownMessageId = (messageId: string | null, shown: ReminderRecipientView[]): string | null =>
      hasRole(user, SEES_EXTERNAL_RECIPIENTS) || shown.some((r) => r.messageId === messageId)
        ? messageId
        : (shown
            .filter((r) => r.messageId && r.sentAt)
            .sort((a, b) => (a.sentAt as Date).getTime() - (b.sentAt as Date).getTime())[0]?.messageId ??
          null);
    const items = rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: titles?.get(row.id) ?? row.title,
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
      messageId: shownMessageId(row.message_id, recipients.get(row.id) ?? []),
      recipients: recipients.get(row.id) ?? [],
    }));
    const total = rows.length ? Number(rows[0].total) : await this.count(where, params.slice(0, -2));
    return page(items, total, query);
  }

  /**
   * Each row's title in `language`, naming the person it is about as the plan does: the case's
   * defender, or a co-accused for their own reminders (coAccusedOfKey).
   */
  private async titlesIn(rows: ReminderRow[], language: Language): Promise<Map<string, string>> {
    const caseIds = [...new Set(rows.flatMap((row) => (row.case_id ? [row.case_id] : [])))];
    const people = await participantsOf(this.dataSource.manager, caseIds);
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

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*) AS total FROM reminders r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    )) as { total: string }[];
    return Number(total);
  }

  /**
   * Who got a sent reminder (with Message-IDs), or who would get a pending one now: those of the
   * case's watchers and external recipients who may read it, else the fallback address if it may
   * (reminderRecipients, as the sender decides). External recipients and the fallback address are
   * listed only to who may see external recipients at all.
   */
  private async recipientsOf(
    rows: ReminderRow[],
    user: AuthUser,
  ): Promise<Map<string, ReminderRecipientView[]>> {
    const showEmail = hasRole(user, 'caseworker');
    const showExternal = hasRole(user, SEES_EXTERNAL_RECIPIENTS);
    const visibility = new Map(rows.map((row) => [row.id, row.visibility]));
    const result = new Map<string, ReminderRecipientView[]>();
    if (!rows.length) {
      return result;
    }
    const found = (await this.dataSource.query(
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
        .filter((r) => r.type === 'user' || showExternal)
        .map(({ reminderId: _id, role: _role, ...recipient }): ReminderRecipientView => ({
          ...recipient,
          name: recipient.type === 'fallback' ? FALLBACK_NAME : recipient.name,
          email: showEmail ? recipient.email : undefined,
        }));
      if (views.length) {
        result.set(reminderId, views);
      }
    }
    return result;
  }

  /** Puts a failed reminder back to pending and queues it to go out now. */
  async retry(actor: AuthUser, id: string): Promise<ReminderView> {
    await this.dataSource.transaction(async (manager) => {
      // What the retrier may not see is not found, before anything is written.
      const { where, params, add } = conditions();
      add('r.id = ?', id);
      onlyReadable(actor, where, params);
      const [reminder] = (await manager.query(
        `SELECT r.status, r.due_at AS "dueAt" FROM reminders r WHERE ${where.join(' AND ')} FOR UPDATE OF r`,
        params,
      )) as Pick<Reminder, 'status' | 'dueAt'>[];
      if (!reminder) {
        throw notFound('Reminder', id);
      }
      if (reminder.status !== 'failed') {
        throw conflict(`Only a failed reminder can be retried; this one is ${reminder.status}`);
      }
      await manager.query(`UPDATE reminders SET status = 'pending', updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'reminder',
        entityId: id,
        before: { status: 'failed' },
        after: { status: 'pending' },
        context: { retry: true },
      });
      await this.enqueuer.afterCommit(manager, [{ id, dueAt: reminder.dueAt }]);
    });
    const listed = await this.dataSource.query('SELECT case_id FROM reminders WHERE id = $1', [id]);
    const { items } = await this.list(actor, {
      caseId: listed[0]?.case_id ?? undefined,
      limit: 200,
      offset: 0,
    } as ReminderQuery);
    const view = items.find((item) => item.id === id);
    if (!view) {
      throw notFound('Reminder', id);
    }
    return view;
  }

  async getSettings(): Promise<ReminderSettingsView> {
    return this.settings(this.dataSource.manager);
  }

  private async settings(manager: EntityManager, lock = false): Promise<ReminderSettingsView> {
    const [row] = (await manager.query(
      `SELECT fallback_email AS "fallbackEmail" FROM reminder_settings WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`,
    )) as { fallbackEmail: string | null }[];
    return { ...(await loadGlobalPolicy(manager)), fallbackEmail: row?.fallbackEmail ?? null };
  }

  /**
   * Changing the global policy reschedules every case's pending reminders, in one transaction. A
   * fallback address left out stays as it is; null clears it.
   */
  async putSettings(actor: AuthUser, input: ReminderSettingsDto): Promise<ReminderSettingsView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.settings(manager, true);
      const current = await loadGlobalPolicy(manager);
      const policy: ReminderPolicy = {
        hearingOffsets: input.hearingOffsets,
        custodyOffsets: input.custodyOffsets,
        statutoryOffsets: input.statutoryOffsets,
        milestoneDays: input.milestoneDays,
        milestonesYearly: input.milestonesYearly,
        // Fields added later may be left out by older clients: they keep their current value.
        sentenceOffsets: input.sentenceOffsets ?? current.sentenceOffsets,
        releaseOverdueAfter: input.releaseOverdueAfter ?? current.releaseOverdueAfter,
        releaseOverdueEvery: input.releaseOverdueEvery ?? current.releaseOverdueEvery,
        noOrderAfter: input.noOrderAfter ?? current.noOrderAfter,
        hungerStrikeDays: input.hungerStrikeDays ?? current.hungerStrikeDays,
      };
      const after: ReminderSettingsView = {
        ...policy,
        fallbackEmail: input.fallbackEmail === undefined ? before.fallbackEmail : input.fallbackEmail,
      };
      await manager.query(
        'UPDATE reminder_settings SET policy = $1, fallback_email = $2, updated_at = now() WHERE id = 1',
        [policy, after.fallbackEmail],
      );
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'reminder_settings',
        before,
        after,
      });
      await this.scheduler.replanCases(manager);
      return after;
    });
  }

  async getCasePolicy(caseId: string): Promise<CasePolicyView> {
    return this.casePolicy(this.dataSource.manager, caseId);
  }

  async putCasePolicy(actor: AuthUser, caseId: string, body: CaseReminderPolicyDto): Promise<CasePolicyView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.casePolicy(manager, caseId, true);
      const override = Object.fromEntries(
        Object.entries(body).filter(([, value]) => value !== undefined && value !== null),
      ) as ReminderPolicyOverride;
      if (Object.keys(override).length) {
        await manager.query(
          `INSERT INTO case_reminder_policies (case_id, policy) VALUES ($1, $2)
           ON CONFLICT (case_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = now()`,
          [caseId, override],
        );
      } else {
        await manager.query('DELETE FROM case_reminder_policies WHERE case_id = $1', [caseId]);
      }
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'case_reminder_policy',
        entityId: caseId,
        before: before.override,
        after: override,
      });
      await this.scheduler.replanCase(manager, caseId);
      return this.casePolicy(manager, caseId);
    });
  }

  private async casePolicy(manager: EntityManager, caseId: string, lock = false): Promise<CasePolicyView> {
    await this.requireCase(manager, caseId, lock);
    const [row] = (await manager.query('SELECT policy FROM case_reminder_policies WHERE case_id = $1', [
      caseId,
    ])) as {
      policy: ReminderPolicyOverride;
    }[];
    const override = row?.policy ?? {};
    return { override, effective: effectivePolicy(await loadGlobalPolicy(manager), override) };
  }

  private async requireCase(manager: EntityManager, caseId: string, lock = false): Promise<void> {
    const found = await manager.query(
      `SELECT id FROM cases WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [caseId],
    );
    if (!found.length) {
      throw notFound('Case', caseId);
    }
  }

  async watchers(caseId: string): Promise<WatcherView[]> {
    await this.requireCase(this.dataSource.manager, caseId);
    return this.dataSource.query(
      `SELECT w.user_id AS "userId", u.name, w.muted FROM case_watchers w JOIN users u ON u.id = w.user_id
        WHERE w.case_id = $1 ORDER BY u.name, u.id`,
      [caseId],
    );
  }

  /** Watch a case (or change one's mute); adding someone else needs the caseworker role. */
  async addWatcher(actor: AuthUser, caseId: string, body: AddWatcherDto): Promise<WatcherView[]> {
    const userId = body.userId ?? actor.id;
    if (userId !== actor.id && !hasRole(actor, 'caseworker')) {
      throw forbidden('Only caseworkers may add someone else as a watcher');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.requireCase(manager, caseId);
      await this.watchIn(manager, actor, caseId, userId, body.muted);
    });
    return this.watchers(caseId);
  }

  /**
   * Makes `userId` watch the case (muted as given, else as before, else not), audited, inside the
   * caller's transaction: creating a case calls it for its creator.
   */
  async watchIn(
    manager: EntityManager,
    actor: AuditActor,
    caseId: string,
    userId: string,
    mute?: boolean,
  ): Promise<void> {
    const [user] = (await manager.query(
      `SELECT ${caseIdVisibleSql('$2::uuid', userColumnsReader('u.id', 'u.role'))} AS "seesCase"
         FROM users u WHERE u.id = $1 AND u.active`,
      [userId, caseId],
    )) as { seesCase: boolean }[];
    if (!user) {
      throw notFound('User', userId);
    }
    // A watcher outside a restricted case's teams would get nothing anyway (CASE_AUDIENCE_SQL).
    if (!user.seesCase) {
      throw invalid('userId', 'is in none of the teams this case is restricted to');
    }
    const [before] = await manager.query(
      'SELECT muted FROM case_watchers WHERE case_id = $1 AND user_id = $2',
      [caseId, userId],
    );
    const muted = mute ?? before?.muted ?? false;
    await manager.query(
      `INSERT INTO case_watchers (case_id, user_id, muted) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, user_id) DO UPDATE SET muted = EXCLUDED.muted, updated_at = now()`,
      [caseId, userId, muted],
    );
    await this.audit.record(manager, {
      actor,
      action: before ? 'update' : 'create',
      entity: 'case_watcher',
      entityId: `${caseId}:${userId}`,
      before: before ?? null,
      after: { caseId, userId, muted },
    });
    await this.scheduler.planDigest(manager, userId);
  }

  async removeWatcher(actor: AuthUser, caseId: string, userId: string): Promise<void> {
    if (userId !== actor.id && !hasRole(actor, 'caseworker')) {
      throw forbidden('Only caseworkers may remove someone else as a watcher');
    }
    await this.dataSource.transaction(async (manager) => {
      const [removed] = await manager.query(
        'DELETE FROM case_watchers WHERE case_id = $1 AND user_id = $2 RETURNING muted',
        [caseId, userId],
      );
      if (!removed?.length) {
        throw notFound('Watcher', userId);
      }
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'case_watcher',
        entityId: `${caseId}:${userId}`,
        before: { caseId, userId },
      });
      await this.scheduler.planDigest(manager, userId);
    });
  }

  async recipients(caseId: string): Promise<RecipientView[]> {
    await this.requireCase(this.dataSource.manager, caseId);
    return this.dataSource.query(
      'SELECT id, name, email, language FROM case_recipients WHERE case_id = $1 ORDER BY name, id',
      [caseId],
    );
  }

  async addRecipient(actor: AuthUser, caseId: string, body: AddRecipientDto): Promise<RecipientView> {
    return this.dataSource.transaction(async (manager) => {
      await this.requireCase(manager, caseId);
      const [created] = (await manager.query(
        `INSERT INTO case_recipients (case_id, name, email, language) VALUES ($1, $2, $3, $4)
         RETURNING id, name, email, language`,
        [caseId, body.name.trim(), body.email, body.language ?? 'en'],
      )) as RecipientView[];
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'case_recipient',
        entityId: created.id,
        after: { caseId, ...created },
      });
      return created;
    });
  }

  async removeRecipient(actor: AuthUser, caseId: string, recipientId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        'DELETE FROM case_recipients WHERE case_id = $1 AND id = $2 RETURNING id, name, email, language',
        [caseId, recipientId],
      );
      if (!rows?.length) {
        throw notFound('Recipient', recipientId);
      }
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'case_recipient',
        entityId: recipientId,
        before: { caseId, ...rows[0] },
      });
    });
  }
}
