import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { CalendarService } from '../calendar/calendar.service';
import { CreateCalendarFeedDto, CreatedCalendarFeed } from '../calendar/dto/calendar-feed.dto';
import { CasesService } from '../cases/cases.service';
import { UuidParam } from '../common/uuid-param';
import { translate } from '../i18n/translate';
import { readForm, validateAs } from './forms';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, formErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

const FEEDS_SHOWN = 200;

/** The case a feed form is for (?caseId= from a case's page, or the form's field), as the API reads it. */
const feedInput = (caseId: unknown): Promise<CreateCalendarFeedDto> =>
  validateAs(CreateCalendarFeedDto, readForm({ caseId }, { caseId: 'optional' }, 'create'));

/**
 * A user's calendar feeds, the pages' side of /api/calendar/feeds: the same service, so the same
 * checks and audit entries. A new feed's address is shown once, in the answer to the post that
 * made it, and never stored: only its hash is.
 */
@WebPages()
@Controller('account/feeds')
export class FeedsPagesController {
  constructor(
    private readonly view: WebView,
    private readonly calendar: CalendarService,
    private readonly cases: CasesService,
    private readonly access: AccessService,
  ) {}

  @Get()
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query('caseId') caseId?: unknown,
  ) {
    const input = await feedInput(caseId);
    // The case is named in the query, not the path, so the access check on case routes does not
    // see it: a case the reader may not see is not found here either, nor its title shown.
    if (input.caseId) {
      await this.access.require(user, { kind: 'case', id: input.caseId }, { via: 'GET /account/feeds' });
    }
    await this.render(request, response, user, { caseId: input.caseId });
  }

  @Post()
  async create(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    const oneCase = body.scope === 'case';
    let created: CreatedCalendarFeed;
    try {
      created = await this.calendar.create(user, (await feedInput(oneCase ? body.caseId : undefined)).caseId);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) {
        throw error;
      }
      await this.render(request, response, user, { errors }, 400);
      return;
    }
    // Answered here rather than redirected: the address exists in this answer alone.
    await this.render(request, response, user, { created, caseId: created.caseId ?? undefined });
  }

  @Post(':id/revoke')
  async revoke(@Res() response: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    await this.calendar.revoke(user, id);
    response.redirect(303, '/account/feeds?notice=feed-revoked');
  }

  private async render(
    request: WebRequest,
    response: Response,
    user: AuthUser,
    options: { caseId?: string; created?: CreatedCalendarFeed; errors?: FieldErrors },
    status = 200,
  ) {
    const chosenCase = options.caseId ? await this.cases.get(user, options.caseId) : undefined;
    const feeds = await this.calendar.listWithCases(user, { limit: FEEDS_SHOWN, offset: 0 });
    this.view.render(
      request,
      response,
      'feeds.njk',
      {
        title: translate(pageLanguage(request), 'feeds.title'),
        chosenCase,
        created: options.created,
        feeds: feeds.items.map((feed) => ({
          ...feed,
          createdOn: feed.createdAt.toISOString().slice(0, 10),
          revokedOn: feed.revokedAt?.toISOString().slice(0, 10) ?? null,
        })),
        errors: options.errors ?? {},
      },
      status,
    );
  }
}
