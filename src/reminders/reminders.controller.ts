import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import {
  AddRecipientDto,
  AddWatcherDto,
  CasePolicyView,
  CaseReminderPolicyDto,
  RecipientView,
  ReminderPage,
  ReminderQuery,
  ReminderSettingsDto,
  ReminderSettingsView,
  ReminderView,
  WatcherView,
} from './dto/reminder.dto';
import { RemindersService, SEES_EXTERNAL_RECIPIENTS } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('api/reminders')
  @ApiOkResponse({ type: ReminderPage })
  list(@CurrentUser() user: AuthUser, @Query() query: ReminderQuery): Promise<Page<ReminderView>> {
    return this.reminders.list(user, query);
  }

  @MinRole('caseworker')
  @Post('api/reminders/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReminderView,
    description: 'A failed reminder goes back to pending and out at once',
  })
  retry(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<ReminderView> {
    return this.reminders.retry(user, id);
  }

  @MinRole('admin')
  @Get('api/settings/reminders')
  @ApiOkResponse({ type: ReminderSettingsView })
  settings(): Promise<ReminderSettingsView> {
    return this.reminders.getSettings();
  }

  @MinRole('admin')
  @Put('api/settings/reminders')
  @ApiOkResponse({
    type: ReminderSettingsView,
    description: 'Reschedules every pending reminder it affects; a fallbackEmail left out stays as it is',
  })
  putSettings(
    @CurrentUser() user: AuthUser,
    @Body() body: ReminderSettingsDto,
  ): Promise<ReminderSettingsView> {
    return this.reminders.putSettings(user, body);
  }

  @Get('api/cases/:id/reminder-policy')
  @ApiOkResponse({ type: CasePolicyView })
  casePolicy(@UuidParam() id: string): Promise<CasePolicyView> {
    return this.reminders.getCasePolicy(id);
  }

  @MinRole('caseworker')
  @Put('api/cases/:id/reminder-policy')
  @ApiOkResponse({
    type: CasePolicyView,
    description: 'Overrides; what is left out follows the global policy',
  })
  putCasePolicy(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: CaseReminderPolicyDto,
  ): Promise<CasePolicyView> {
    return this.reminders.putCasePolicy(user, id, body);
  }

  @Get('api/cases/:id/watchers')
  @ApiOkResponse({ type: [WatcherView] })
  watchers(@UuidParam() id: string): Promise<WatcherView[]> {
    return this.reminders.watchers(id);
  }

  @Post('api/cases/:id/watchers')
  @HttpCode(200)
  @ApiOkResponse({ type: [WatcherView], description: 'Watch (yourself by default) or change mute' })
  addWatcher(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: AddWatcherDto,
  ): Promise<WatcherView[]> {
    return this.reminders.addWatcher(user, id, body);
  }

  @Delete('api/cases/:id/watchers/:userId')
  @HttpCode(204)
  removeWatcher(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.reminders.removeWatcher(user, id, userId);
  }

  @MinRole(SEES_EXTERNAL_RECIPIENTS)
  @Get('api/cases/:id/recipients')
  @ApiOkResponse({ type: [RecipientView] })
  recipients(@UuidParam() id: string): Promise<RecipientView[]> {
    return this.reminders.recipients(id);
  }

  @MinRole('caseworker')
  @Post('api/cases/:id/recipients')
  addRecipient(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: AddRecipientDto,
  ): Promise<RecipientView> {
    return this.reminders.addRecipient(user, id, body);
  }

  @MinRole('caseworker')
  @Delete('api/cases/:id/recipients/:recipientId')
  @HttpCode(204)
  removeRecipient(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('recipientId') recipientId: string,
  ): Promise<void> {
    return this.reminders.removeRecipient(user, id, recipientId);
  }
}
