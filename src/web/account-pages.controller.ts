import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { AllowedBeforePasswordChange } from '../auth/auth.decorators';
import { ChangePasswordDto } from '../users/dto/change-password.dto';
import { UsersService } from '../users/users.service';
import { submitForm } from './form-submit';
import { readForm } from './forms';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { WebView } from './web-view';

/** A signed-in user's own password; the one page open while mustChangePassword is set. */
@WebPages()
@AllowedBeforePasswordChange()
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly view: WebView,
    private readonly users: UsersService,
  ) {}

  @Get('password')
  show(@Req() request: WebRequest, @Res() response: Response, @WebUser() user: AuthUser) {
    this.render(request, response, user, {});
  }

  @Post('password')
  async change(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(response, {
      dto: ChangePasswordDto,
      form: readForm(body, { currentPassword: 'text', newPassword: 'text' }, 'create'),
      save: (input) => this.users.changeOwnPassword(user, input.currentPassword, input.newPassword),
      redirectTo: '/?notice=password-changed',
      showAgain: (errors) => this.render(request, response, user, errors, 400),
    });
  }

  private render(request: WebRequest, response: Response, user: AuthUser, errors: FieldErrors, status = 200) {
    this.view.render(
      request,
      response,
      'account-password.njk',
      { title: 'Change your password', mustChange: user.mustChangePassword === true, errors },
      status,
    );
  }
}
