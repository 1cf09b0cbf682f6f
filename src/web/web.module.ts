import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ChargesModule } from '../charges/charges.module';
import { ChronologyModule } from '../chronology/chronology.module';
import { CustodyModule } from '../custody/custody.module';
import { DefendersModule } from '../defenders/defenders.module';
import { EventsModule } from '../events/events.module';
import { HealthModule } from '../health/health.module';
import { HearingsModule } from '../hearings/hearings.module';
import { TeamsModule } from '../teams/teams.module';
import { TimelineModule } from '../timeline/timeline.module';
import { UsersModule } from '../users/users.module';
import { CalendarModule } from '../calendar/calendar.module';
import { AccountPagesController } from './account-pages.controller';
import { DefenderChronologyPagesController } from './defender-chronology-pages.controller';
import { DeletionPagesController } from './deletion-pages.controller';
import { FeedsPagesController } from './feeds-pages.controller';
import { AssetsController } from './assets.controller';
import { CaseListPagesController } from './case-list-pages.controller';
import { CasesPagesController } from './cases-pages.controller';
import { ChronologyPagesController } from './chronology-pages.controller';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { DefendersPagesController } from './defenders-pages.controller';
import { EntriesPagesController } from './entries-pages.controller';
import { OutcomePageController } from './outcome-page.controller';
import { SessionController } from './session.controller';
import { SettingsPagesController } from './settings-pages.controller';
import { TeamsPagesController } from './teams-pages.controller';
import { StatutoryLimitsPagesController } from './statutory-limits-pages.controller';
import { TwoFactorPagesController } from './two-factor-pages.controller';
import { WebErrorFilter } from './web-error.filter';
import { WatchedCalendar } from './watched-calendar';
import { WebView } from './web-view';
import { SearchModule } from '../search/search.module';
import { SearchPagesController } from './search-pages.controller';
import { DocumentsModule } from '../documents/documents.module';
import { DocumentsPagesController } from './documents-pages.controller';
import { WebGuard } from './web.guard';

/** The caseworkers' pages, rendered on the server; they call the feature services, never the HTTP API. */
@Module({
  imports: [
    DefendersModule,
    CasesModule,
    ChargesModule,
    EventsModule,
    CustodyModule,
    HearingsModule,
    TimelineModule,
    ChronologyModule,
    UsersModule,
    HealthModule,
    TeamsModule,
    SearchModule,
    DocumentsModule,
    CalendarModule,
  ],
  controllers: [
    AssetsController,
    SessionController,
    AccountPagesController,
    DashboardController,
    DefendersPagesController,
    // Before CasesPagesController: /cases/export must not be read as a case's id.
    CaseListPagesController,
    CasesPagesController,
    EntriesPagesController,
    OutcomePageController,
    ChronologyPagesController,
    SettingsPagesController,
    StatutoryLimitsPagesController,
    TwoFactorPagesController,
    TeamsPagesController,
    SearchPagesController,
    DocumentsPagesController,
    DefenderChronologyPagesController,
    DeletionPagesController,
    FeedsPagesController,
  ],
  providers: [WebView, WebGuard, WebErrorFilter, DashboardService, WatchedCalendar],
})
export class WebModule {}
