import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-request';
import { WebView } from './web-view';

@WebPages()
@Controller()
export class DashboardController {
  constructor(private readonly view: WebView) {}

  @Get()
  dashboard(@Req() request: WebRequest, @Res() response: Response): void {
    this.view.render(request, response, 'dashboard.njk', { title: 'Dashboard' });
  }
}
