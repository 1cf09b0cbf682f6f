import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { Language } from '../i18n/languages';
import { listOf, term, translate, translatorFor } from '../i18n/translate';
import { MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { LIMIT_BASES, LIMIT_STARTS, LIMIT_STOPS } from '../statutory-limits/limit-model';
import { CreateStatutoryLimitDto, UpdateStatutoryLimitDto } from '../statutory-limits/statutory-limit.dto';
import { StatutoryLimit } from '../statutory-limits/statutory-limit.entity';
import { StatutoryLimitsService } from '../statutory-limits/statutory-limits.service';
import { FormSpec, readForm, typedValues } from './forms';
import {
  periodExamples,
  periodProblemsByLine,
  periodsInWords,
  readPeriods,
  UNREADABLE_PERIOD,
} from './limit-periods';
import { submitForm } from './form-submit';
import { countryOptions } from './options';
import { termExamples, termForForm } from './plain-term';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

const LIMIT_FORM: FormSpec = {
  country: 'text',
  law: 'text',
  section: 'text',
  reference: 'text',
  citation: 'text',
  description: 'text',
  exceeding: 'text',
  note: 'text',
  priority: 'int',
  // Ticked boxes, posted as one value each under the same name.
  bases: 'list',
  lawPattern: 'text',
  sectionPattern: 'text',
  startsOn: 'text',
  stoppedBy: 'list',
  active: 'flag',
};

/** The fields a row may be without: blank leaves them out of a new row and clears them on an edit. */
const CLEARABLE_FIELDS: FormSpec = {
  citationUrl: 'optional',
  rule: 'optional',
  penaltyFrom: 'term',
  penaltyBelow: 'term',
};

const formValues = (row: StatutoryLimit, language: Language): Record<string, string> => ({
  country: row.country,
  law: row.law,
  section: row.section,
  reference: row.reference,
  citation: row.citation,
  citationUrl: row.citationUrl ?? '',
  description: row.description,
  exceeding: row.exceeding,
  note: row.note,
  rule: row.rule ?? '',
  priority: String(row.priority),
  bases: row.bases.join(', '),
  lawPattern: row.lawPattern,
  sectionPattern: row.sectionPattern,
  penaltyFrom: termForForm(row.penaltyFrom, language),
  penaltyBelow: termForForm(row.penaltyBelow, language),
  startsOn: row.startsOn,
  stoppedBy: row.stoppedBy.join(', '),
  periods: periodsInWords(row.periods, language, '\n'),
  active: row.active ? 'on' : '',
});

/** The codes a list field holds: "police, judicial" as stored or shown again after a refused post. */
const codesIn = (value: string | undefined): string[] => (value ?? '').split(/[\s,;]+/);

/** The form's choices and hints in the reader's language, the boxes ticked as `values` say. */
const choices = (
  language: Language,
  t: ReturnType<typeof translatorFor>,
  values: Record<string, string>,
) => ({
  countries: countryOptions(language),
  periodsHint: t('limits.form.periodsHint', periodExamples(language)),
  starts: LIMIT_STARTS.map((value) => ({ value, label: t(`limits.start.${value}`) })),
  // A limit's bases name the same kinds of custody as an order does.
  bases: LIMIT_BASES.map((value) => ({
    value,
    label: term(language, 'custodyKind', value),
    ticked: codesIn(values.bases).includes(value),
  })),
  stops: LIMIT_STOPS.map((value) => ({
    value,
    label: t(`limits.stop.${value}`),
    ticked: codesIn(values.stoppedBy).includes(value),
  })),
  termExamples: termExamples(language),
});

/** The statutory-limits table: every user reads it, admins add and edit rows with the API's validation. */
@WebPages()
@Controller('settings/statutory-limits')
export class StatutoryLimitsPagesController {
  constructor(
    private readonly view: WebView,
    private readonly limits: StatutoryLimitsService,
  ) {}

  @Get()
  async list(@Req() req: WebRequest, @Res() res: Response) {
    const language = pageLanguage(req);
    this.view.render(req, res, 'statutory-limits.njk', {
      title: translate(language, 'export.statutoryLimits'),
      rows: (await this.limits.list()).map((row) => ({
        ...row,
        periodsText: periodsInWords(row.periods, language),
        stopsText: listOf(
          language,
          row.stoppedBy.map((stop) => translate(language, `limits.stop.${stop}`)),
        ),
      })),
    });
  }

  @MinRole('admin')
  @Get('new')
  showNew(@Req() req: WebRequest, @Res() res: Response) {
    this.renderForm(
      req,
      res,
      null,
      { active: 'on', startsOn: 'arrest', stoppedBy: 'charge_sheet, release' },
      {},
    );
  }

  @MinRole('admin')
  @Get(':id')
  async showEdit(@Req() req: WebRequest, @Res() res: Response, @UuidParam() id: string) {
    this.renderForm(req, res, id, formValues(await this.limits.find(id), pageLanguage(req)), {});
  }

  @MinRole('admin')
  @Post()
  async create(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await this.submit(req, res, null, body, (input) =>
      this.limits.create(user, input as CreateStatutoryLimitDto),
    );
  }

  @MinRole('admin')
  @Post(':id')
  async update(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.submit(req, res, id, body, (input) => this.limits.update(user, id, input));
  }

  private async submit(
    req: WebRequest,
    res: Response,
    id: string | null,
    body: Record<string, unknown>,
    save: (input: UpdateStatutoryLimitDto) => Promise<StatutoryLimit>,
  ) {
    const showAgain = (errors: FieldErrors) => this.renderForm(req, res, id, typedValues(body), errors, 400);
    const reading = readPeriods(body.periods);
    if ('unread' in reading) {
      showAgain({ periods: reading.unread.map((line) => `${UNREADABLE_PERIOD}${line}`) });
      return;
    }
    // No basis ticked means every basis, so an edit can widen a limit again; no stop ticked is refused.
    const form = {
      bases: [],
      stoppedBy: [],
      ...readForm(body, LIMIT_FORM, 'create'),
      ...readForm(body, CLEARABLE_FIELDS, id === null ? 'create' : 'update'),
      periods: reading.periods,
    };
    await submitForm(res, {
      dto: id === null ? CreateStatutoryLimitDto : UpdateStatutoryLimitDto,
      form,
      save,
      redirectTo: '/settings/statutory-limits?notice=settings-saved',
      showAgain: (errors) => showAgain(periodProblemsByLine(errors, body.periods)),
    });
  }

  private renderForm(
    req: WebRequest,
    res: Response,
    id: string | null,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const language = pageLanguage(req);
    const t = translatorFor(language);
    this.view.render(
      req,
      res,
      'statutory-limit-form.njk',
      {
        title: t(id ? 'limits.titleEdit' : 'limits.titleNew'),
        limitId: id,
        values,
        errors,
        ...choices(language, t, values),
      },
      status,
    );
  }
}
