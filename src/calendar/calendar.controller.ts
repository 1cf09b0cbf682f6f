import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { CalendarService } from './calendar.service';
import { CalendarFeedView, CreateCalendarFeedDto, CreatedCalendarFeed } from './dto/calendar-feed.dto';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiBearerAuth()
  @Post('api/calendar/feeds')
  @ApiOperation({
    summary: 'A subscribe URL for upcoming hearings',
    description:
      'Of one case (caseId), or of every case you watch. Paste `url` into Google Calendar ("From URL") or ' +
      'Outlook ("Subscribe from web"), or open `webcalUrl` in Thunderbird or Apple Calendar. The token is shown ' +
      'once; public and internal hearings only, never confidential ones.',
  })
  @ApiCreatedResponse({ type: CreatedCalendarFeed })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCalendarFeedDto): Promise<CreatedCalendarFeed> {
    return this.calendar.create(user, body.caseId);
  }

  @ApiBearerAuth()
  @Get('api/calendar/feeds')
  @ApiOperation({ summary: 'Your calendar feeds (without their tokens)' })
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQuery): Promise<Page<CalendarFeedView>> {
    return this.calendar.list(user, query);
  }

  @ApiBearerAuth()
  @Delete('api/calendar/feeds/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a feed: its URL stops working at once' })
  async revoke(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.calendar.revoke(user, id);
  }

  // Calendar servers cannot sign in: the unguessable token in the path is the credential.
  @Public()
  @Get('calendar/:token.ics')
  @ApiOperation({ summary: 'The iCalendar feed behind a subscribe URL' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'VCALENDAR with one VEVENT per hearing; UID hearing-<id>@vigil' })
  async feed(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const body = await this.calendar.render(token);
    response
      .status(200)
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="vigil-hearings.ics"',
        'Cache-Control': 'private, no-store',
      })
      .send(body);
  }
}
