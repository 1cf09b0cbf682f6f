import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { CreateEventDto, EventPage, EventQuery, EventView, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @MinRole('caseworker')
  @Post('api/cases/:caseId/events')
  @ApiCreatedResponse({ type: EventView })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateEventDto,
  ): Promise<EventView> {
    return this.events.create(user, caseId, body);
  }

  @Get('api/cases/:caseId/events')
  @ApiOkResponse({ type: EventPage })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Query() query: EventQuery,
  ): Promise<Page<EventView>> {
    return this.events.list(user, caseId, query);
  }

  @Get('api/events/:id')
  @ApiOkResponse({ type: EventView })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<EventView> {
    return this.events.get(user, id);
  }

  @MinRole('caseworker')
  @Patch('api/events/:id')
  @ApiOkResponse({ type: EventView })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateEventDto,
  ): Promise<EventView> {
    return this.events.update(user, id, body);
  }

  @MinRole('caseworker')
  @Delete('api/events/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.events.remove(user, id);
  }
}
