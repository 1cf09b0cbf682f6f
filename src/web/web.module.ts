import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DefendersModule } from '../defenders/defenders.module';
import { AssetsController } from './assets.controller';
import { DashboardController } from './dashboard.controller';
import { DefendersPagesController } from './defenders-pages.controller';
import { SessionController } from './session.controller';
import { WebErrorFilter } from './web-error.filter';
import { WebView } from './web-view';
import { WebGuard } from './web.guard';

/** The caseworkers' pages, rendered on the server; they call the feature services, never the HTTP API. */
@Module({
  imports: [DefendersModule, CasesModule],
  controllers: [AssetsController, SessionController, DashboardController, DefendersPagesController],
  providers: [WebView, WebGuard, WebErrorFilter],
})
export class WebModule {}
