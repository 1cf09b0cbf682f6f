import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { Clock } from '../common/clock';
import { HealthService } from '../health/health.service';
import { ReminderView } from '../reminders/dto/reminder.dto';
import { RemindersService } from '../reminders/reminders.service';
import { clockSentence } from './case-summary';
import { DashboardService } from './dashboard.service';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { WebView } from './web-view';

const MILESTONE_DAYS = 30;

@WebPages()
@Controller()
export class DashboardController {
  constructor(
    private readonly view: WebView,
    private readonly dashboard: DashboardService,
    private readonly clock: Clock,
    private readonly reminders: RemindersService,
    private readonly health: HealthService,
  ) {}

  @Get()
  async show(@Req() request: WebRequest, @Res() response: Response, @WebUser() user: AuthUser) {
    const now = this.clock.now();
    const [upcoming, awaitingOutcome, custodyEnding, byCountry, milestones, failed, worker] =
      await Promise.all([
        this.dashboard.upcomingHearings(user),
        this.dashboard.hearingsAwaitingOutcome(user),
        this.dashboard.custodyEndingSoon(user),
        this.dashboard.inCustodyByCountry(),
        this.upcomingReminders(user, now),
        this.failedReminders(user),
        this.health.worker(),
      ]);
    this.view.render(request, response, 'dashboard.njk', {
      title: 'Dashboard',
      upcoming,
      awaitingOutcome,
      custodyEnding,
      clocks: Object.fromEntries(custodyEnding.map((found) => [found.id, clockSentence(found)])),
      byCountry,
      milestones,
      failed,
      worker,
    });
  }

  @MinRole('caseworker')
  @Post('reminders/:id/retry')
  async retry(@Res() response: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    await this.reminders.retry(user, id);
    response.redirect(303, '/?notice=retried');
  }

  private async upcomingReminders(user: AuthUser, now: Date): Promise<ReminderView[]> {
    const to = new Date(now.getTime() + MILESTONE_DAYS * 86_400_000).toISOString();
    const from = now.toISOString();
    const [milestones, limits] = await Promise.all([
      this.reminders.list(user, {
        kind: 'detention_milestone',
        status: 'pending',
        from,
        to,
        limit: 50,
        offset: 0,
      }),
      this.reminders.list(user, {
        kind: 'statutory_limit',
        status: 'pending',
        from,
        to,
        limit: 50,
        offset: 0,
      }),
    ]);
    return [...milestones.items, ...limits.items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  private async failedReminders(user: AuthUser): Promise<ReminderView[]> {
    return (await this.reminders.list(user, { status: 'failed', limit: 50, offset: 0 })).items;
  }
}
