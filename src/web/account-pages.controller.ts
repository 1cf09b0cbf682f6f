import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { AllowedBeforePasswordChange } from '../auth/auth.decorators';
import { LANGUAGE_NAMES, LANGUAGES, textDirection } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { ChangePasswordDto } from '../users/dto/change-password.dto';
import { ChooseLanguageDto } from '../users/dto/choose-language.dto';
import { UsersService } from '../users/users.service';
import { submitForm } from './form-submit';
import { readForm } from './forms';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

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

  @Get('language')
  showLanguage(@Req() request: WebRequest, @Res() response: Response) {
    this.renderLanguage(request, response, {});
  }

  @Post('language')
  async chooseLanguage(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(response, {
      dto: ChooseLanguageDto,
      form: readForm(body, { language: 'text' }, 'create'),
      save: (input) => this.users.setOwnLanguage(user, input.language),
      redirectTo: '/account/language?notice=language-saved',
      showAgain: (errors) => this.renderLanguage(request, response, errors, 400),
    });
  }

  // Each language is named in itself (and marked as such, so a screen reader pronounces it right).
  private renderLanguage(request: WebRequest, response: Response, errors: FieldErrors, status = 200) {
    const current = pageLanguage(request);
    this.view.render(
      request,
      response,
      'account-language.njk',
      {
        title: translate(current, 'account.language.title'),
        languages: LANGUAGES.map((value) => ({
          value,
          name: LANGUAGE_NAMES[value],
          dir: textDirection(value),
          checked: value === current,
        })),
        errors,
      },
      status,
    );
  }

  private render(request: WebRequest, response: Response, user: AuthUser, errors: FieldErrors, status = 200) {
    this.view.render(
      request,
      response,
      'account-password.njk',
      {
        title: translate(pageLanguage(request), 'password.title'),
        mustChange: user.mustChangePassword === true,
        errors,
      },
      status,
    );
  }
}
