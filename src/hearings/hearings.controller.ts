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
import {
  CreateHearingDto,
  HearingPage,
  HearingQuery,
  HearingView,
  OutcomeView,
  RecordOutcomeDto,
  UpdateHearingDto,
} from './dto/hearing.dto';
import { HearingsService } from './hearings.service';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller()
export class HearingsController {
  constructor(private readonly hearings: HearingsService) {}

  @MinRole('caseworker')
  @Post('api/cases/:caseId/hearings')
  @ApiCreatedResponse({ type: HearingView })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateHearingDto,
  ): Promise<HearingView> {
    return this.hearings.create(user, caseId, body);
  }

  @Get('api/cases/:caseId/hearings')
  @ApiOkResponse({ type: HearingPage })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Query() query: HearingQuery,
  ): Promise<Page<HearingView>> {
    return this.hearings.list(user, caseId, query);
  }

  @Get('api/hearings/:id')
  @ApiOkResponse({ type: HearingView })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<HearingView> {
    return this.hearings.get(user, id);
  }

  @MinRole('caseworker')
  @Patch('api/hearings/:id')
  @ApiOkResponse({
    type: HearingView,
    description: 'Reschedule (scheduledAt), cancel (status), or edit details',
  })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateHearingDto,
  ): Promise<HearingView> {
    return this.hearings.update(user, id, body);
  }

  @MinRole('caseworker')
  @Delete('api/hearings/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.hearings.remove(user, id);
  }

  @MinRole('caseworker')
  @Post('api/hearings/:id/outcome')
  @HttpCode(200)
  @ApiOkResponse({
    type: OutcomeView,
    description: 'Records the outcome, the custody order it made and the next hearing, all or nothing',
  })
  recordOutcome(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: RecordOutcomeDto,
  ): Promise<OutcomeView> {
    return this.hearings.recordOutcome(user, id, body);
  }
}
