import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { translate } from '../i18n/translate';
import { RestrictionDto, TeamMembersDto, TeamNameDto } from '../teams/dto/team.dto';
import { Restricted } from '../teams/restrictions';
import { TeamsService } from '../teams/teams.service';
import { UsersService } from '../users/users.service';
import { submitForm } from './form-submit';
import { readForm, typedValues, validateAs } from './forms';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, formErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** Checkboxes post nothing, one value, or several. */
const checked = (value: unknown): string[] =>
  [value].flat().filter((item): item is string => typeof item === 'string' && item !== '');

const TEAMS_PAGE = '/settings/teams';

/** Admins' team pages: teams and their members, and restricting a case or defender to teams. */
@WebPages()
@MinRole('admin')
@Controller()
export class TeamsPagesController {
  constructor(
    private readonly view: WebView,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
  ) {}

  @Get('settings/teams')
  async list(@Req() req: WebRequest, @Res() res: Response) {
    await this.render(req, res, {});
  }

  @Post('settings/teams')
  async create(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: TeamNameDto,
      form: readForm(body, { name: 'text' }, 'create'),
      save: (input) => this.teams.create(user, input.name),
      redirectTo: `${TEAMS_PAGE}?notice=settings-saved`,
      showAgain: (errors) => this.render(req, res, { values: typedValues(body), errors }),
    });
  }

  @Post('settings/teams/:id')
  async rename(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: TeamNameDto,
      form: readForm(body, { name: 'text' }, 'update'),
      save: (input) => this.teams.rename(user, id, input.name),
      redirectTo: `${TEAMS_PAGE}?notice=settings-saved`,
      showAgain: (errors) => this.render(req, res, { errors }),
    });
  }

  @Post('settings/teams/:id/members')
  async setMembers(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: TeamMembersDto,
      form: { userIds: checked(body.userIds) },
      save: (input) => this.teams.setMembers(user, id, input.userIds),
      redirectTo: `${TEAMS_PAGE}?notice=settings-saved`,
      showAgain: (errors) => this.render(req, res, { errors }),
    });
  }

  @Post('settings/teams/:id/delete')
  async remove(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    try {
      await this.teams.remove(user, id);
    } catch (error) {
      // A team that still restricts something: the page again, saying so.
      const errors = formErrors(error);
      if (!errors) {
        throw error;
      }
      await this.render(req, res, { errors });
      return;
    }
    res.redirect(303, `${TEAMS_PAGE}?notice=settings-saved`);
  }

  @Post('settings/cases/:id/restriction')
  async restrictCase(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.restrict(res, user, 'case', id, body, `/settings/cases/${id}?notice=settings-saved`);
  }

  @Post('defenders/:id/restriction')
  async restrictDefender(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.restrict(res, user, 'defender', id, body, `/defenders/${id}?notice=defender-saved`);
  }

  /**
   * The checkboxes name existing teams; anything else (a team deleted meanwhile) is refused by the
   * DTO or the service, and the error page says why.
   */
  private async restrict(
    res: Response,
    user: AuthUser,
    kind: Restricted,
    id: string,
    body: Record<string, unknown>,
    redirectTo: string,
  ) {
    const input = await validateAs(RestrictionDto, { teamIds: checked(body.teamIds) });
    await this.teams.restrict(user, kind, id, input.teamIds);
    res.redirect(303, redirectTo);
  }

  private async render(
    req: WebRequest,
    res: Response,
    state: { values?: Record<string, string>; errors?: FieldErrors },
  ) {
    const [teams, users] = await Promise.all([
      this.teams.list({ limit: 200, offset: 0 }),
      this.users.list({ limit: 200, offset: 0 }),
    ]);
    this.view.render(
      req,
      res,
      'teams.njk',
      {
        title: translate(pageLanguage(req), 'teams.title'),
        teams: {
          ...teams,
          items: teams.items.map((team) => ({ ...team, memberIds: team.members.map((member) => member.id) })),
        },
        users: users.items,
        values: state.values ?? {},
        errors: state.errors ?? {},
      },
      state.errors ? 400 : 200,
    );
  }
}
