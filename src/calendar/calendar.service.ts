import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import {
  caseIdVisibleSql,
  caseVisibleSql,
  knownReader,
  mayRead,
  userColumnsReader,
} from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { Case } from '../cases/case.entity';
import { DocumentHearing } from '../chronology/chronology-document';
import { LABELS } from '../chronology/labels';
import { calendarText, hearingsCalendar } from '../chronology/render/ics';
import { Clock } from '../common/clock';
import { notFound } from '../common/domain-error';
import { Visibility } from '../common/entry';
import { Page, PaginationQuery, page } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { User } from '../users/user.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedView, CreatedCalendarFeed } from './dto/calendar-feed.dto';
import { feedUrls, hashFeedToken, looksLikeFeedToken, newFeedToken } from './feed-token';

// A feed leaves Vigil for someone else's calendar server, so it carries public and internal
// hearings only, never confidential ones, whoever subscribes.
const FEED_VISIBILITIES = ['public', 'internal'];
const FEED_VISIBILITY_LABEL = 'internal';
// Hearings stay in the calendar for a while after they pass, so a subscriber sees what just happened.
const KEEP_PAST_DAYS = 30;
const REFRESH_SECONDS = 3600;

interface FeedHearingRow {
  id: string;
  case_id: string;
  case_title: string;
  timezone: string;
  defender_name: string;
  scheduled_local: string;
  scheduled_at: Date;
  time_known: boolean;
  court: string | null;
  judge: string | null;
  purpose: string | null;
  status: string;
  outcome: string | null;
  updated_at: Date;
  visibility: Visibility;
}

// One query for the whole feed: the hearings of one case, or of every case the user watches; only
// of cases the feed's owner ($4, of role $5) may see now, whenever the feed was made.
const FEED_HEARINGS_SQL = `
  SELECT hearing.id, hearing.case_id, owner.title AS case_title, owner.timezone, defender.full_name AS defender_name,
         to_char(hearing.scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS scheduled_local, hearing.scheduled_at,
         hearing.time_known, hearing.court, hearing.judge, hearing.purpose, hearing.status, hearing.outcome,
         hearing.updated_at, hearing.visibility
    FROM hearings hearing
    JOIN cases owner ON owner.id = hearing.case_id
    JOIN defenders defender ON defender.id = owner.defender_id
   WHERE hearing.status <> 'cancelled'
     AND hearing.visibility = ANY($1::visibility[])
     AND hearing.scheduled_at >= $2
     AND CASE WHEN $3::uuid IS NOT NULL THEN hearing.case_id = $3::uuid
              ELSE hearing.case_id IN (SELECT watcher.case_id FROM case_watchers watcher WHERE watcher.user_id = $4::uuid)
         END
     AND ${caseIdVisibleSql('hearing.case_id', userColumnsReader('$4::uuid', '$5::user_role'))}
   ORDER BY hearing.scheduled_at, hearing.id`;

const toView = (feed: CalendarFeed): CalendarFeedView => ({
  id: feed.id,
  caseId: feed.caseId,
  createdAt: feed.createdAt,
  revokedAt: feed.revokedAt,
});

@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
  ) {}

  async create(user: AuthUser, caseId: string | undefined): Promise<CreatedCalendarFeed> {
    const token = newFeedToken();
    return this.dataSource.transaction(async (manager) => {
      if (caseId !== undefined) {
        await this.access.requireCaseIn(manager, user, caseId);
      }
      const saved = await manager.save(
        manager.create(CalendarFeed, {
          userId: user.id,
          caseId: caseId ?? null,
          tokenHash: hashFeedToken(token),
          revokedAt: null,
        }),
      );
      const feed = await manager.findOneByOrFail(CalendarFeed, { id: saved.id });
      await this.audit.record(manager, {
        actor: user,
        action: 'create',
        entity: 'calendar_feed',
        entityId: feed.id,
        after: toView(feed),
      });
      return { ...toView(feed), token, ...feedUrls(this.config.publicUrl, token) };
    });
  }

  async list(user: AuthUser, query: PaginationQuery): Promise<Page<CalendarFeedView>> {
    const [feeds, total] = await this.dataSource.manager.findAndCount(CalendarFeed, {
      where: { userId: user.id },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(feeds.map(toView), total, query);
  }

  /**
   * The user's feeds, newest first, each with the title of its case while they may still see it
   * (null: every watched case, or a case hidden from them since).
   */
  async listWithCases(
    user: AuthUser,
    query: PaginationQuery,
  ): Promise<Page<CalendarFeedView & { caseTitle: string | null }>> {
    const feeds = await this.list(user, query);
    const caseIds = [...new Set(feeds.items.flatMap((feed) => (feed.caseId ? [feed.caseId] : [])))];
    const titles = new Map(
      (
        (await this.dataSource.query(
          `SELECT c.id, c.title FROM cases c
            WHERE c.id = ANY($1::uuid[]) AND ${caseVisibleSql('c', knownReader(user, '$2::uuid'))}`,
          [caseIds, user.id],
        )) as { id: string; title: string }[]
      ).map((row) => [row.id, row.title]),
    );
    return {
      ...feeds,
      items: feeds.items.map((feed) => ({
        ...feed,
        caseTitle: feed.caseId ? (titles.get(feed.caseId) ?? null) : null,
      })),
    };
  }

  /** Revoking is final: the URL stops working at once. Admins may revoke anyone's feed. */
  async revoke(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const feed = await manager.findOne(CalendarFeed, {
        where: { id, revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!feed || (feed.userId !== user.id && !hasRole(user, 'admin'))) {
        throw notFound('Calendar feed', id);
      }
      await manager.update(CalendarFeed, { id }, { revokedAt: this.clock.now() });
      const after = await manager.findOneByOrFail(CalendarFeed, { id });
      await this.audit.record(manager, {
        actor: user,
        action: 'delete',
        entity: 'calendar_feed',
        entityId: id,
        before: toView(feed),
        after: toView(after),
      });
    });
  }

  /** The iCalendar text behind a subscribe URL, or not-found for anything but a live token. */
  async render(token: string): Promise<string> {
    if (!looksLikeFeedToken(token)) {
      throw notFound('Calendar feed', 'for this address');
    }
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, {
      tokenHash: hashFeedToken(token),
      revokedAt: IsNull(),
    });
    const owner = feed
      ? await this.dataSource.manager.findOneBy(User, { id: feed.userId, active: true })
      : null;
    if (!feed || !owner) {
      throw notFound('Calendar feed', 'for this address');
    }
    // A feed of one case stops when its owner may no longer see the case (restricted since).
    if (feed.caseId) {
      const access = await this.access.caseAccess(owner, feed.caseId);
      if (access === null || !mayRead(access)) {
        throw notFound('Calendar feed', 'for this address');
      }
    }
    const now = this.clock.now();
    const rows = (await this.dataSource.query(FEED_HEARINGS_SQL, [
      FEED_VISIBILITIES,
      new Date(now.getTime() - KEEP_PAST_DAYS * 86_400_000),
      feed.caseId,
      owner.id,
      owner.role,
    ])) as FeedHearingRow[];
    const hearings: DocumentHearing[] = rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      caseTitle: row.case_title,
      defenderName: row.defender_name,
      local: row.scheduled_local,
      instant: new Date(row.scheduled_at),
      timeKnown: row.time_known,
      timezone: row.timezone,
      court: row.court,
      judge: row.judge,
      purpose: row.purpose,
      status: row.status,
      outcome: row.outcome,
      updatedAt: new Date(row.updated_at),
      visibility: row.visibility,
    }));
    const labels = LABELS[owner.language];
    const name = feed.caseId
      ? labels.calendarName(
          hearings[0]
            ? `${hearings[0].defenderName} (${hearings[0].caseTitle})`
            : ((await this.dataSource.manager.findOneBy(Case, { id: feed.caseId }))?.title ?? 'Vigil'),
        )
      : labels.calendarName('Vigil');
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: { id: owner.id, email: owner.email },
        action: 'feed',
        entity: feed.caseId ? 'case' : 'user',
        entityId: feed.caseId ?? owner.id,
        context: {
          format: 'ics',
          visibility: FEED_VISIBILITY_LABEL,
          lang: owner.language,
          feedId: feed.id,
          hearings: hearings.length,
        },
      }),
    );
    return calendarText(
      hearingsCalendar(hearings, {
        name,
        lang: owner.language,
        generatedAt: now,
        refreshSeconds: REFRESH_SECONDS,
      }),
    );
  }
}
