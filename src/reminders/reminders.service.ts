import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { caseIdVisibleSql, userColumnsReader } from '../access/access-policy';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import { Page, page } from '../common/pagination';
import { Language } from '../i18n/languages';
import { UserRole } from '../users/user.entity';
import { loadGlobalPolicy } from './case-context';
import {
  AddRecipientDto,
  AddWatcherDto,
  CasePolicyView,
  CaseReminderPolicyDto,
  RecipientView,
  ReminderQuery,
  ReminderSettingsDto,
  ReminderSettingsView,
  ReminderView,
  WatcherView,
} from './dto/reminder.dto';
import { ReminderEnqueuer } from './reminder-enqueuer';
import {
  conditions,
  countReminders,
  onlyReadable,
  recipientsOf,
  reminderTitlesIn,
  reminderView,
  selectReminders,
} from './reminder-listing';
import { effectivePolicy, ReminderPolicy, ReminderPolicyOverride } from './reminder-policy';
import { ReminderScheduler } from './reminder-scheduler';
import { Reminder } from './reminder.entity';

// The reminders API's use cases: the list and retry (reads in reminder-listing.ts), the global and
// per-case policies, and who a case's reminders go to (watchers, external recipients).

/**
 * Who may see a case's external recipients (names, addresses, ids): in GET /api/cases/:id/recipients,
 * on the settings page and among the recipients of a listed reminder alike.
 */
export const SEES_EXTERNAL_RECIPIENTS: UserRole = 'caseworker';

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
    const rows = await selectReminders(this.dataSource.manager, where, params);
    const [recipients, titles] = await Promise.all([
      recipientsOf(this.dataSource.manager, rows, {
        email: hasRole(user, 'caseworker'),
        external: hasRole(user, SEES_EXTERNAL_RECIPIENTS),
      }),
      language ? reminderTitlesIn(this.dataSource.manager, rows, language) : undefined,
    ]);
    const items = rows.map((row) =>
      reminderView(row, titles?.get(row.id) ?? row.title, recipients.get(row.id) ?? [], {
        external: hasRole(user, SEES_EXTERNAL_RECIPIENTS),
      }),
    );
    const total = rows.length
      ? Number(rows[0].total)
      : await countReminders(this.dataSource.manager, where, params.slice(0, -2));
    return page(items, total, query);
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
