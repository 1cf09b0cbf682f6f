import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { MessageKey, translatorFor } from '../i18n/translate';
import { SEARCH_KINDS } from '../search/search-sql';
import { SearchService } from '../search/search.service';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

const HEADINGS: Record<(typeof SEARCH_KINDS)[number], MessageKey> = {
  defender: 'nav.defenders',
  case: 'nav.cases',
  charge: 'export.charges',
  event: 'search.events',
  hearing: 'search.hearings',
};

/** The search box's page: the same search as GET /api/search, its hits grouped by kind, best first. */
@WebPages()
@Controller('search')
export class SearchPagesController {
  constructor(
    private readonly view: WebView,
    private readonly searchService: SearchService,
  ) {}

  @Get()
  async search(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query('q') query: unknown,
  ) {
    const t = translatorFor(pageLanguage(request));
    const q = typeof query === 'string' ? query.trim().slice(0, 200) : '';
    let groups: { kind: string; heading: string; hits: unknown[] }[] = [];
    let error: string | null = null;
    let tooCommon: string[] = [];
    if (q) {
      try {
        const result = await this.searchService.search(user, q, 50);
        const hits = result.hits;
        tooCommon = result.tooCommon;
        groups = SEARCH_KINDS.map((kind) => ({
          kind,
          heading: t(HEADINGS[kind]),
          hits: hits.filter((hit) => hit.kind === kind),
        })).filter((group) => group.hits.length);
      } catch (problem) {
        if (!(problem instanceof DomainError)) {
          throw problem;
        }
        error = t('search.tooShort');
      }
    }
    this.view.render(request, response, 'search.njk', {
      title: q ? t('search.titleFor', { q }) : t('search.title'),
      q,
      groups,
      tooCommon,
      errors: error ? { q: [error] } : {},
      values: { q },
    });
  }
}
