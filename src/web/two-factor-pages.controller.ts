import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { translate } from '../i18n/translate';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { UsersService } from '../users/users.service';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** Setting up one's own second factor from the settings page; the admins' requirement and reset. */
@WebPages()
@Controller('settings')
export class TwoFactorPagesController {
  constructor(
    private readonly view: WebView,
    private readonly twoFactor: TwoFactorService,
    private readonly users: UsersService,
  ) {}

  @Get('two-factor')
  async page(@Req() req: WebRequest, @Res() res: Response, @WebUser() user: AuthUser) {
    await this.render(req, res, user, {}, 200);
  }

  @Post('two-factor')
  async confirm(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    const checked = code ? await this.twoFactor.checkCode(user, code, 'enrolment') : undefined;
    if (!checked?.ok) {
      const problem = translate(pageLanguage(req), code ? 'twoFactor.wrongCode' : 'twoFactor.enterCode');
      await this.render(req, res, user, { code: [problem] }, 400);
      return;
    }
    this.view.render(req, res, 'recovery-codes.njk', {
      recoveryCodes: checked.recoveryCodes,
      next: '/settings/two-factor',
    });
  }

  @MinRole('admin')
  @Post('two-factor/requirement')
  async requirement(@Res() res: Response, @WebUser() user: AuthUser, @Body() body: Record<string, unknown>) {
    await this.twoFactor.setOrganisationRequirement(user, body.requireTwoFactor === 'true');
    res.redirect(303, '/settings?notice=settings-saved#two-factor-heading');
  }

  @MinRole('admin')
  @Post('users/:id/two-factor/required')
  async requireOfUser(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.users.update(user, id, { requireTwoFactor: body.requireTwoFactor === 'true' });
    res.redirect(303, '/settings?notice=user-saved#users-heading');
  }

  @MinRole('admin')
  @Post('users/:id/two-factor/reset')
  async reset(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    await this.twoFactor.reset(user, id);
    res.redirect(303, '/settings?notice=user-saved#users-heading');
  }

  private async render(req: WebRequest, res: Response, user: AuthUser, errors: FieldErrors, status: number) {
    const current = await this.twoFactor.status(user.id);
    const enrolment = current.enrolled
      ? undefined
      : await this.twoFactor.startEnrolment(user, { fresh: false });
    this.view.render(
      req,
      res,
      'two-factor.njk',
      { title: translate(pageLanguage(req), 'twoFactor.title'), twoFactor: current, enrolment, errors },
      status,
    );
  }
}
