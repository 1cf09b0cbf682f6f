import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ChronologyService } from '../chronology/chronology.service';
import { UuidParam } from '../common/uuid-param';
import { translate } from '../i18n/translate';
import { TimelineService } from '../timeline/timeline.service';
import { visibleTo } from './case-summary';
import { sendExport } from '../chronology/render/send-export';
import { exportChoices, exportQuery } from './chronology-exports';
import { timelinePageRequest, timelinePager } from './timeline-paging';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** A defender's chronology: every case of theirs merged in date order, a page at a time, and its exports. */
@WebPages()
@Controller('defenders/:id/chronology')
export class DefenderChronologyPagesController {
  private readonly logger = new Logger(DefenderChronologyPagesController.name);

  constructor(
    private readonly view: WebView,
    private readonly chronology: ChronologyService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async page(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Query('lang') lang?: unknown,
    @Query('offset') offset?: unknown,
  ) {
    const pageRequest = await timelinePageRequest(offset);
    const visibilities = visibleTo(user);
    // The cases in the order an export of what this reader may see would tell them.
    const { defender, cases } = await this.chronology.defenderCases(
      user,
      id,
      visibilities.includes('confidential') ? 'all' : 'internal',
    );
    const { items, total } = await this.timeline.entries(
      cases.map((owner) => owner.id),
      // Their own story: their own entries and the shared ones, not a co-accused's.
      { visibilities, participant: id },
      pageRequest,
    );
    await this.audit.recordReads(user, 'page', items);
    this.view.render(req, res, 'defender-chronology.njk', {
      title: translate(pageLanguage(req), 'defenderChronology.title', { name: defender.fullName }),
      defender,
      cases: cases.map((owner) => ({ id: owner.id, title: owner.title })),
      caseOf: Object.fromEntries(
        cases.map((owner) => [owner.id, { title: owner.title, timezone: owner.timezone }]),
      ),
      chronologyEntries: items,
      pager: timelinePager(total, pageRequest, items.length),
      ...exportChoices(user, lang, pageLanguage(req)),
    });
  }

  /** The download: the same service and renderers as GET /api/defenders/:id/chronology, audited there. */
  @Get('export')
  async export(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
  ) {
    const options = await exportQuery(query);
    await sendExport(
      res,
      await this.chronology.exportDefender(user, id, options),
      options.format,
      this.logger,
    );
  }
}
