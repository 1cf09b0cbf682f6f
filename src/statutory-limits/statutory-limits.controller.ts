import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import {
  CreateStatutoryLimitDto,
  StatutoryLimitStateView,
  UpdateStatutoryLimitDto,
} from './statutory-limit.dto';
import { StatutoryLimit } from './statutory-limit.entity';
import { StatutoryLimitsService } from './statutory-limits.service';
import { CaseLimitState } from './case-limits';

@ApiTags('statutory limits')
@ApiBearerAuth()
@Controller()
export class StatutoryLimitsController {
  constructor(private readonly limits: StatutoryLimitsService) {}

  @Get('api/statutory-limits')
  list(): Promise<StatutoryLimit[]> {
    return this.limits.list();
  }

  @MinRole('admin')
  @Post('api/statutory-limits')
  create(@CurrentUser() user: AuthUser, @Body() body: CreateStatutoryLimitDto): Promise<StatutoryLimit> {
    return this.limits.create(user, body);
  }

  @MinRole('admin')
  @Patch('api/statutory-limits/:id')
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateStatutoryLimitDto,
  ): Promise<StatutoryLimit> {
    return this.limits.update(user, id, body);
  }

  @MinRole('admin')
  @Delete('api/statutory-limits/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.limits.remove(user, id);
  }

  @Get('api/cases/:id/statutory-limits')
  @ApiOkResponse({ type: [StatutoryLimitStateView] })
  async forCase(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseLimitState[]> {
    return (await this.limits.forCase(id, user)).states;
  }
}
