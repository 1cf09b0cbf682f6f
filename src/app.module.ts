import { Module } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { ChargesModule } from './charges/charges.module';
import { ChronologyModule } from './chronology/chronology.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { CustodyModule } from './custody/custody.module';
import { DatabaseModule } from './database/database.module';
import { DefendersModule } from './defenders/defenders.module';
import { DocumentsModule } from './documents/documents.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { HearingsModule } from './hearings/hearings.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { RemindersModule } from './reminders/reminders.module';
import { TeamsModule } from './teams/teams.module';
import { SearchModule } from './search/search.module';
import { TimelineModule } from './timeline/timeline.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

/** The api role: HTTP API, OpenAPI and web pages. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    CommonModule,
    DatabaseModule,
    AuditModule,
    AccessModule,
    UsersModule,
    TeamsModule,
    AuthModule,
    HealthModule,
    RemindersModule,
    DefendersModule,
    CasesModule,
    ChargesModule,
    HearingsModule,
    CustodyModule,
    EventsModule,
    TimelineModule,
    DocumentsModule,
    SearchModule,
    ChronologyModule,
    CalendarModule,
    WebModule,
    MetricsModule,
  ],
})
export class AppModule {}
