import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CASE_STATUSES, DETENTION_STATUSES } from '../cases/case.entity';
import { CASE_STAGE_KINDS } from '../cases/case-stages';
import { CaseListExportQuery, CaseListExportService, sendCaseList } from '../cases/case-list-export';
import { CASE_SORTS, CaseSort, lastChanges, NATURAL_ORDER, SortOrder } from '../cases/case-list-sql';
import { CasesService } from '../cases/cases.service';
import { CaseQuery } from '../cases/dto/case.dto';
import { Page } from '../common/pagination';
import { CaseView } from '../cases/dto/case-view.dto';
import { DataSource } from 'typeorm';
import { INTL_LOCALE, Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { clockSentence } from './case-summary';
import { validateAs } from './forms';
import { humanize } from './format';
import { countryOptions, Option } from './options';
import { CalendarPageQuery, monthWeeks, shiftMonth, WatchedCalendar } from './watched-calendar';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, formErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

const PAGE_SIZE = 25;

const inWords = (values: readonly string[], language: Language): Option[] =>
  values.map((value) => ({ value, label: humanize(value, language) }));

/** The list's query as the form sends it: a blank field is no filter. Unknown names are kept, to be refused. */
const givenParams = (query: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );

const withParams = (path: string, params: Record<string, string | undefined>): string => {
  const given = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return given.length > 0 ? `${path}?${new URLSearchParams(given).toString()}` : path;
};

/** Monday to Sunday in the reader's language. */
const weekdayNames = (language: Language): string[] => {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[language], { weekday: 'long', timeZone: 'UTC' });
  // 5 January 1970 was a Monday.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(1970, 0, 5 + day))));
};

/** The columns a reader can sort by, each header's link and aria-sort. */
function sortHeaders(params: Record<string, string>, sort: CaseSort, order: SortOrder) {
  const { offset: _offset, sort: _sort, order: _order, ...filters } = params;
  return Object.fromEntries(
    CASE_SORTS.filter((key) => key !== 'created').map((key) => {
      const current = key === sort;
      // A second click on the sorted column reverses it.
      const next = current ? (order === 'asc' ? 'desc' : 'asc') : NATURAL_ORDER[key];
      return [
        key,
        {
          href: withParams('/cases', { ...filters, sort: key, order: next }),
          ariaSort: current ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
        },
      ];
    }),
  );
}

/** The case list with its sorting, filters and export, and the calendar of watched cases. */
@WebPages()
@Controller()
export class CaseListPagesController {
  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly exports: CaseListExportService,
    private readonly calendar: WatchedCalendar,
    private readonly dataSource: DataSource,
  ) {}

  @Get('cases')
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ) {
    const params = givenParams(query);
    let input: CaseQuery;
    try {
      input = await validateAs(CaseQuery, { ...params, limit: PAGE_SIZE });
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) {
        throw error;
      }
      // The list is not shown: a list under other filters than those asked for would mislead.
      this.render(request, response, params, { items: [], total: 0, limit: PAGE_SIZE, offset: 0 }, errors);
      return;
    }
    const result = await this.cases.list(user, input);
    const changed = await lastChanges(
      this.dataSource,
      user,
      result.items.map((found) => found.id),
    );
    this.render(request, response, params, result, {}, input, changed);
  }

  /** The current list, every page of it, as CSV or XLSX: the API's export, audited there. */
  @Get('cases/export')
  async export(
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ) {
    const input = await validateAs(CaseListExportQuery, givenParams(query));
    await sendCaseList(response, await this.exports.export(user, input), input.format);
  }

  @Get('calendar')
  async showCalendar(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ) {
    const input = await validateAs(CalendarPageQuery, givenParams(query));
    const today = await this.calendar.today(user);
    const month = input.month ?? today.slice(0, 7);
    const view = input.view ?? 'month';
    const items = await this.calendar.items(user, month);
    const byDay = new Map<string, typeof items>();
    for (const item of items) {
      byDay.set(item.day, [...(byDay.get(item.day) ?? []), item]);
    }
    this.view.render(request, response, 'calendar.njk', {
      title: translate(pageLanguage(request), 'nav.calendar'),
      weekdays: weekdayNames(pageLanguage(request)),
      month,
      monthStart: `${month}-01`,
      view,
      today,
      weeks: monthWeeks(month),
      byDay: Object.fromEntries(byDay),
      days: [...byDay.keys()],
      links: {
        previous: withParams('/calendar', { month: shiftMonth(month, -1), view }),
        next: withParams('/calendar', { month: shiftMonth(month, 1), view }),
        today: withParams('/calendar', { view }),
        month: withParams('/calendar', { month, view: 'month' }),
        agenda: withParams('/calendar', { month, view: 'agenda' }),
      },
    });
  }

  private render(
    request: WebRequest,
    response: Response,
    params: Record<string, string>,
    result: Page<CaseView>,
    errors: FieldErrors,
    input?: CaseQuery,
    changed = new Map<string, Date>(),
  ) {
    const sort = input?.sort ?? 'created';
    const order = input?.order ?? NATURAL_ORDER[sort];
    const { offset: _offset, ...current } = params;
    const previous = Math.max(0, result.offset - result.limit);
    const language = pageLanguage(request);
    this.view.render(
      request,
      response,
      'cases.njk',
      {
        title: translate(language, 'nav.cases'),
        result,
        errors,
        values: params,
        clocks: Object.fromEntries(result.items.map((found) => [found.id, clockSentence(found, language)])),
        changed: Object.fromEntries(changed),
        headers: sortHeaders(params, sort, order),
        exportLinks: {
          csv: withParams('/cases/export', { ...current, format: 'csv' }),
          xlsx: withParams('/cases/export', { ...current, format: 'xlsx' }),
        },
        pages: {
          previous: result.offset > 0 ? withParams('/cases', { ...current, offset: String(previous) }) : null,
          next:
            result.offset + result.limit < result.total
              ? withParams('/cases', { ...current, offset: String(result.offset + result.limit) })
              : null,
        },
        countries: countryOptions(language),
        statuses: inWords(CASE_STATUSES, language),
        detentionStatuses: inWords(DETENTION_STATUSES, language),
        stages: inWords(CASE_STAGE_KINDS, language),
        sorts: CASE_SORTS.filter((key) => key !== 'created').map((key) => ({
          value: key,
          label: translate(language, `caseList.sort.${key}`),
        })),
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }
}
