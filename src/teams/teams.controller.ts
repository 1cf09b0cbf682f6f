import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import {
  RestrictionDto,
  RestrictionView,
  TeamMembersDto,
  TeamNameDto,
  TeamPage,
  TeamView,
} from './dto/team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@MinRole('admin')
@Controller()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get('api/teams')
  @ApiOkResponse({ type: TeamPage })
  list(@Query() query: PaginationQuery): Promise<Page<TeamView>> {
    return this.teams.list(query);
  }

  @Post('api/teams')
  @ApiCreatedResponse({ type: TeamView })
  @ApiConflictResponse({ description: 'Another team has this name' })
  create(@CurrentUser() user: AuthUser, @Body() body: TeamNameDto): Promise<TeamView> {
    return this.teams.create(user, body.name);
  }

  @Get('api/teams/:id')
  @ApiOkResponse({ type: TeamView })
  get(@UuidParam() id: string): Promise<TeamView> {
    return this.teams.get(id);
  }

  @Patch('api/teams/:id')
  @ApiOperation({ summary: 'Renames the team' })
  @ApiOkResponse({ type: TeamView })
  rename(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: TeamNameDto,
  ): Promise<TeamView> {
    return this.teams.rename(user, id, body.name);
  }

  @Delete('api/teams/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The team restricts defenders or cases' })
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.teams.remove(user, id);
  }

  @Put('api/teams/:id/members')
  @ApiOperation({ summary: 'Sets the whole membership: users listed are in the team, all others out' })
  @ApiOkResponse({ type: TeamView })
  setMembers(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: TeamMembersDto,
  ): Promise<TeamView> {
    return this.teams.setMembers(user, id, body.userIds);
  }

  @Put('api/defenders/:id/restriction')
  @ApiTags('defenders')
  @ApiOperation({
    summary:
      'Restricts the defender, and with them every case they are in, to these teams; [] lifts it. Others get 404.',
  })
  @ApiOkResponse({ type: RestrictionView })
  async restrictDefender(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: RestrictionDto,
  ): Promise<RestrictionView> {
    return { restrictedTo: await this.teams.restrict(user, 'defender', id, body.teamIds) };
  }

  @Put('api/cases/:id/restriction')
  @ApiTags('cases')
  @ApiOperation({ summary: 'Restricts the case to these teams; [] lifts it. Others get 404.' })
  @ApiOkResponse({ type: RestrictionView })
  async restrictCase(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: RestrictionDto,
  ): Promise<RestrictionView> {
    return { restrictedTo: await this.teams.restrict(user, 'case', id, body.teamIds) };
  }
}
