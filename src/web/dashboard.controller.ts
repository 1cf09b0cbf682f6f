import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { Clock } from '../common/clock';
import { HealthService } from '../health/health.service';
import { Language } from '../i18n/languages';
import { ReminderView } from '../reminders/dto/reminder.dto';
import { ReminderKind } from '../reminders/reminder-kinds';
import { RemindersService } from '../reminders/reminders.service';
import { UnheardCases } from '../reminders/unheard-cases';
import { clockSentence } from './case-summary';
import { DashboardService, UPCOMING_WINDOWS, UpcomingWindow } from './dashboard.service';
import { validateAs } from './forms';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { translate } from '../i18n/translate';
import { pageLanguage, WebView } from './web-view';

const MILESTONE_DAYS = 30;
/** Unheard cases listed; one more is read to tell "more than" from "exactly". */
const UNHEARD_LIMIT = 50;

class DashboardQuery {
  @IsOptional()
  @Type(() => Number)
  @IsIn(UPCOMING_WINDOWS, { message: `days must be one of ${UPCOMING_WINDOWS.join(', ')}` })
  days?: UpcomingWindow;
}

@WebPages()
@Controller()
export class DashboardController {
  constructor(
    private readonly view: WebView,
    private readonly dashboard: DashboardService,
    private readonly clock: Clock,
    private readonly reminders: RemindersService,
    private readonly health: HealthService,
    private readonly unheard: UnheardCases,
  ) {}

  @Get()
  async show(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ) {
    const { days = 14 } = await validateAs(DashboardQuery, query);
    const now = this.clock.now();
    const language = pageLanguage(request);
    const [upcoming, awaitingOutcome, custodyEnding, byCountry, milestones, failed, worker, unheard] =
      await Promise.all([
        this.dashboard.upcomingHearings(user, days),
        this.dashboard.hearingsAwaitingOutcome(user),
        this.dashboard.custodyEndingSoon(user),
        this.dashboard.inCustodyByCountry(user),
        this.upcomingReminders(user, now, language),
        this.failedReminders(user, language),
        this.health.worker(),
        this.unheard.list(user, { limit: UNHEARD_LIMIT + 1 }),
      ]);
    this.view.render(request, response, 'dashboard.njk', {
      title: translate(language, 'nav.dashboard'),
      upcoming,
      days,
      windows: UPCOMING_WINDOWS,
      awaitingOutcome,
      custodyEnding,
      clocks: Object.fromEntries(custodyEnding.map((found) => [found.id, clockSentence(found, language)])),
      byCountry,
      milestones,
      failed,
      worker,
      unheard: unheard.slice(0, UNHEARD_LIMIT),
      unheardMore: unheard.length > UNHEARD_LIMIT,
    });
  }

  @MinRole('caseworker')
  @Post('reminders/:id/retry')
  async retry(@Res() response: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    await this.reminders.retry(user, id);
    response.redirect(303, '/?notice=retried');
  }

  private async upcomingReminders(user: AuthUser, now: Date, language: Language): Promise<ReminderView[]> {
    const to = new Date(now.getTime() + MILESTONE_DAYS * 86_400_000).toISOString();
    const from = now.toISOString();
    const pending = (kind: ReminderKind) =>
      this.reminders.list(user, { kind, status: 'pending', from, to, limit: 50, offset: 0 }, language);
    const [milestones, limits] = await Promise.all([
      pending('detention_milestone'),
      pending('statutory_limit'),
    ]);
    return [...milestones.items, ...limits.items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  private async failedReminders(user: AuthUser, language: Language): Promise<ReminderView[]> {
    return (await this.reminders.list(user, { status: 'failed', limit: 50, offset: 0 }, language)).items;
  }
}
