import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Visibility } from '../common/entry';
import { dataKeysOf } from '../crypto/sealed-connection';
import { Reader } from '../common/readers';
import { loadCaseContext } from './case-context';
import { coAccusedOfKey, planPersonReminders } from './participant-reminders';
import { EmailReminder, reminderSubject, SubjectFacts } from './reminder-email';
import { digestKey, nextDigestAt } from './digest-schedule';
import { PlannedReminder, ReminderKind } from './reminder-kinds';
import { cancelReason } from './reminder-plan';
import { caseAsReadBy, reminderVisibility } from './reminder-visibility';
import { digestTitle } from './reminder-title';
import { ReminderEnqueuer, ReminderToEnqueue } from './reminder-enqueuer';

/** Open-ended reminders (milestones) are planned this far ahead; sending one plans the next. */
export const PLAN_HORIZON_DAYS = 400;

const VIEWER: Reader = { role: 'viewer' };

interface Row {
  id: string;
  kind: ReminderKind;
  subject_id: string | null;
  dedupe_key: string;
  status: string;
  title: string;
  details: PlannedReminder['details'];
  visibility: Visibility;
}

/**
 * A reminder's title and details repeat its entry's free text (a court's name): sealed like the
 * entry's own while it is confidential. details is a JSON value (an object, or the sealed text).
 */
function storedText(
  manager: EntityManager,
  visibility: Visibility,
  title: string,
  details: PlannedReminder['details'],
): { title: string; details: unknown } {
  if (visibility !== 'confidential') {
    return { title, details };
  }
  const keys = dataKeysOf(manager);
  return { title: keys.seal(title), details: keys.seal(details) };
}

/**
 * What the case features call, inside their own transaction, after changing anything reminders
 * depend on (a case's arrest date, zone or detention status, its hearings, custody orders or
 * charges, its reminder policy). It brings the case's reminder rows in line with the data in that
 * same transaction: pending rows no longer wanted are cancelled, new ones inserted (as skipped when
 * already past, so entering a historical case mails nothing), and their jobs are queued once the
 * transaction commits.
 */
@Injectable()
export class ReminderScheduler {
  constructor(
    private readonly clock: Clock,
    private readonly enqueuer: ReminderEnqueuer,
  ) {}

  async replanCase(manager: EntityManager, caseId: string): Promise<void> {
    const now = this.clock.now();
    const context = await loadCaseContext(manager, caseId, now, { lock: true });
    if (!context) {
      return; // deleted: its reminders went with it (ON DELETE CASCADE)
    }
    const horizon = DateTime.fromJSDate(now).plus({ days: PLAN_HORIZON_DAYS }).toJSDate();
    // Each person's story plans their own detention reminders, titled with their name.
    const people = [context, ...context.coAccused];
    const titled = people.flatMap((person) =>
      planPersonReminders(person.plan, person.policy, horizon, person.coAccusedId).map((planned) => ({
        planned,
        title: titleOf(planned, person.facts),
      })),
    );
    const desired = titled.map(({ planned }) => planned);
    const storyOfKey = (key: string) =>
      people.find((person) => person.coAccusedId === coAccusedOfKey(key)) ?? context;

    const rows = (await manager.query(
      `SELECT id, kind, subject_id, dedupe_key, status, title, details, visibility FROM reminders WHERE case_id = $1`,
      [caseId],
    )) as Row[];
    const live = rows.filter((row) => row.status !== 'cancelled');
    const liveByKey = new Map(live.map((row) => [row.dedupe_key, row]));
    const wanted = new Set(desired.map((planned) => planned.dedupeKey));
    // A row cancelled only because of entries a viewer may not read (a confidential release or
    // death) would tell viewers of them by its status: the plan drawn from what a viewer may read
    // still wants it, so it is listed to caseworkers and admins only.
    const viewerWants = new Set(
      people.flatMap((person) =>
        planPersonReminders(
          caseAsReadBy(person.plan, VIEWER),
          person.policy,
          horizon,
          person.coAccusedId,
        ).map((p) => p.dedupeKey),
      ),
    );
    const cancelledOutOfSight = (row: Row) =>
      (row.status === 'cancelled' || row.status === 'pending') &&
      !wanted.has(row.dedupe_key) &&
      viewerWants.has(row.dedupe_key);

    // Every row, sent and cancelled ones too, is listed only to who may read its entry as it is now.
    for (const row of rows) {
      const visibility = cancelledOutOfSight(row)
        ? 'confidential'
        : reminderVisibility(storyOfKey(row.dedupe_key).plan, { kind: row.kind, subjectId: row.subject_id });
      if (visibility && visibility !== row.visibility) {
        const stored = storedText(manager, visibility, row.title, row.details);
        await manager.query(
          'UPDATE reminders SET visibility = $2, title = $3, details = $4, updated_at = now() WHERE id = $1',
          [row.id, visibility, stored.title, JSON.stringify(stored.details)],
        );
        row.visibility = visibility;
      }
    }

    const unwanted = live.filter((row) => row.status === 'pending' && !wanted.has(row.dedupe_key));
    if (unwanted.length) {
      // A death or disappearance says so on what it cancels (cancelReason).
      await manager.query(
        `UPDATE reminders r SET status = 'cancelled', cancel_reason = u.reason, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, reason text)
          WHERE r.id = u.id AND r.status = 'pending'`,
        [
          JSON.stringify(
            unwanted.map((row) => ({
              id: row.id,
              reason: cancelReason(storyOfKey(row.dedupe_key).plan, row.kind),
            })),
          ),
        ],
      );
    }

    // A kept pending row follows renames (a defender's name, a court) in its title.
    for (const { planned, title } of titled) {
      const row = liveByKey.get(planned.dedupeKey);
      if (row?.status === 'pending' && row.title !== title) {
        const stored = storedText(manager, row.visibility, title, planned.details);
        await manager.query(
          'UPDATE reminders SET title = $2, details = $3, updated_at = now() WHERE id = $1',
          [row.id, stored.title, JSON.stringify(stored.details)],
        );
      }
    }

    const fresh = titled.filter(({ planned }) => !liveByKey.has(planned.dedupeKey));
    const inserted = await this.insert(manager, { caseId, userId: null }, fresh, now);
    await this.enqueuer.afterCommit(manager, inserted);
  }

  /** Replans every case (a global policy or statutory-limit change), in the caller's transaction. */
  async replanCases(manager: EntityManager, where: { country?: string } = {}): Promise<number> {
    const rows = (await manager.query(
      where.country
        ? 'SELECT id FROM cases WHERE country = $1 ORDER BY id'
        : 'SELECT id FROM cases ORDER BY id',
      where.country ? [where.country] : [],
    )) as { id: string }[];
    for (const row of rows) {
      await this.replanCase(manager, row.id);
    }
    return rows.length;
  }

  /**
   * Makes sure a user who watches a case (muted or not: muting stops reminders, not the digest)
   * has their next weekly digest planned, and one who no longer does has none pending.
   */
  async planDigest(manager: EntityManager, userId: string, after?: Date): Promise<void> {
    const [user] = (await manager.query(
      `SELECT u.timezone, u.active,
              EXISTS (SELECT 1 FROM case_watchers w WHERE w.user_id = u.id) AS watching
         FROM users u WHERE u.id = $1 FOR UPDATE OF u`,
      [userId],
    )) as { timezone: string; active: boolean; watching: boolean }[];
    const now = this.clock.now();
    // After sending one, the next is the following week's, even if the clock reads a little early.
    const from = after && after > now ? after : now;
    const next = user?.active && user.watching ? nextDigestAt(user.timezone, from) : null;
    const key = next ? digestKey(userId, next) : null;
    await manager.query(
      `UPDATE reminders SET status = 'cancelled', updated_at = now()
        WHERE user_id = $1 AND kind = 'weekly_digest' AND status = 'pending' AND dedupe_key IS DISTINCT FROM $2`,
      [userId, key],
    );
    if (!next || !key) {
      return;
    }
    const at = next.toJSDate();
    const inserted = await this.insert(
      manager,
      { caseId: null, userId },
      [
        {
          planned: {
            kind: 'weekly_digest',
            dedupeKey: key,
            dueAt: at,
            subjectId: null,
            subjectAt: at,
            offset: 'P0D',
            details: { zone: user.timezone },
            visibility: 'public',
          },
          title: digestTitle(at, user.timezone, 'en'),
        },
      ],
      now,
    );
    await this.enqueuer.afterCommit(manager, inserted);
  }

  private async insert(
    manager: EntityManager,
    owner: { caseId: string | null; userId: string | null },
    rows: { planned: PlannedReminder; title: string }[],
    now: Date,
  ): Promise<ReminderToEnqueue[]> {
    if (!rows.length) {
      return [];
    }
    const records = rows.map(({ planned, title }) => ({
      ...storedText(manager, planned.visibility, title, planned.details),
      kind: planned.kind,
      subject_id: planned.subjectId,
      subject_at: planned.subjectAt.toISOString(),
      offset: planned.offset,
      due_at: planned.dueAt.toISOString(),
      dedupe_key: planned.dedupeKey,
      visibility: planned.visibility,
      // Already past when planned (a historical case being entered): recorded, never mailed.
      status: planned.dueAt.getTime() <= now.getTime() ? 'skipped' : 'pending',
    }));
    const inserted = (await manager.query(
      `INSERT INTO reminders (kind, case_id, user_id, subject_id, subject_at, "offset", due_at, dedupe_key, title, details,
                              visibility, status)
       SELECT r.kind::reminder_kind, $1, $2, r.subject_id, r.subject_at, r."offset", r.due_at, r.dedupe_key, r.title,
              r.details, r.visibility::visibility, r.status::reminder_status
         FROM jsonb_to_recordset($3::jsonb) AS r(kind text, subject_id uuid, subject_at timestamptz, "offset" text,
              due_at timestamptz, dedupe_key text, title text, details jsonb, visibility text, status text)
       ON CONFLICT (dedupe_key) WHERE status <> 'cancelled' DO NOTHING
       RETURNING id, status, due_at AS "dueAt"`,
      [owner.caseId, owner.userId, JSON.stringify(records)],
    )) as { id: string; status: string; dueAt: Date }[];
    return inserted
      .filter((row) => row.status === 'pending')
      .map((row) => ({ id: row.id, dueAt: row.dueAt }));
  }
}

function titleOf(planned: PlannedReminder, facts: SubjectFacts): string {
  if (planned.kind === 'weekly_digest') {
    return digestTitle(planned.subjectAt, String(planned.details.zone), 'en');
  }
  const reminder: EmailReminder = {
    id: '',
    kind: planned.kind,
    offset: planned.offset,
    subjectId: planned.subjectId,
    subjectAt: planned.subjectAt,
    details: planned.details,
  };
  return reminderSubject(reminder, facts, 'en');
}
