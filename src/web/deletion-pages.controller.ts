import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { UuidParam } from '../common/uuid-param';
import { DefendersService } from '../defenders/defenders.service';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { WebView } from './web-view';

/**
 * Deleting a case or a defender: a page that says what goes, then the post that deletes it through
 * the API's own service (its rules, its audit entry). A defender with cases is refused, on the page
 * and on the post, so no case is left without its defender.
 */
@WebPages()
@MinRole('caseworker')
@Controller()
export class DeletionPagesController {
  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly defenders: DefendersService,
  ) {}

  @Get('cases/:id/delete')
  async confirmCase(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const found = await this.cases.get(user, id);
    this.view.render(request, response, 'case-delete.njk', {
      title: found.title,
      found,
      deletedWith: await this.cases.deletedWith(id),
    });
  }

  @Post('cases/:id/delete')
  async deleteCase(@Res() response: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    const found = await this.cases.get(user, id);
    await this.cases.remove(user, id);
    response.redirect(303, `/defenders/${found.defender.id}?notice=case-deleted`);
  }

  @Get('defenders/:id/delete')
  async confirmDefender(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    await this.renderDefender(request, response, user, id, 200);
  }

  @Post('defenders/:id/delete')
  async deleteDefender(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const blocking = await this.defenders.casesBlockingRemoval(user, id);
    if (blocking.own + blocking.coAccused + blocking.hidden > 0) {
      await this.renderDefender(request, response, user, id, 409);
      return;
    }
    // Checked again under the row lock: a case added since is refused there, with the API's words.
    await this.defenders.remove(user, id);
    response.redirect(303, '/defenders?notice=defender-deleted');
  }

  private async renderDefender(
    request: WebRequest,
    response: Response,
    user: AuthUser,
    id: string,
    status: number,
  ) {
    const defender = await this.defenders.get(user, id);
    const blocking = await this.defenders.casesBlockingRemoval(user, id);
    this.view.render(
      request,
      response,
      'defender-delete.njk',
      {
        title: defender.fullName,
        defender,
        blocking,
        refused: blocking.own + blocking.coAccused + blocking.hidden > 0,
      },
      status,
    );
  }
}
