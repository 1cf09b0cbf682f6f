import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, hasRole } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { UuidParam } from '../common/uuid-param';
import { DefendersService } from '../defenders/defenders.service';
import { Defender } from '../defenders/defender.entity';
import { CreateDefenderDto, DefenderQuery, UpdateDefenderDto } from '../defenders/dto/defender.dto';
import { TeamsService } from '../teams/teams.service';
import { filledRows, FormMode, FormSpec, readForm, typedValues } from './forms';
import { listFiltered, submitForm } from './form-submit';
import { countryOptions } from './options';
import { translate } from '../i18n/translate';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { withOthers } from './case-summary';
import { pageLanguage, WebView } from './web-view';

const DEFENDER_FORM: FormSpec = {
  fullName: 'text',
  otherNames: 'lines',
  country: 'text',
  profession: 'optional',
  affiliations: 'lines',
  bio: 'optional',
};

const CONTACT_FIELDS = ['name', 'relation', 'phone', 'email', 'notes'] as const;
/** Blank contact rows offered beneath the existing ones. */
const SPARE_CONTACT_ROWS = 2;

const contactSpec = (rows: number): FormSpec =>
  Object.fromEntries(
    Array.from({ length: rows }, (_, row) =>
      CONTACT_FIELDS.map((field) => [`contacts.${row}.${field}`, 'optional']),
    ).flat(),
  ) as FormSpec;

const countContactRows = (body: Record<string, unknown>): number =>
  Object.keys(body).reduce((rows, name) => {
    const match = /^contacts\.(\d+)\./.exec(name);
    return match ? Math.max(rows, Number(match[1]) + 1) : rows;
  }, 0);

function readDefenderForm(body: Record<string, unknown>, mode: FormMode, withContacts: boolean) {
  const plain = readForm(body, DEFENDER_FORM, mode);
  if (withContacts) {
    const rows = Math.min(countContactRows(body), 60);
    plain.contacts = filledRows(readForm(body, contactSpec(rows), 'create').contacts);
  }
  return plain;
}

/** The form's values for an existing defender: lists one per line, contacts as numbered rows. */
function defenderValues(defender: Defender, withContacts: boolean): Record<string, string> {
  const values: Record<string, string> = {
    fullName: defender.fullName,
    otherNames: defender.otherNames.join('\n'),
    country: defender.country,
    profession: defender.profession ?? '',
    affiliations: defender.affiliations.join('\n'),
    bio: defender.bio ?? '',
  };
  if (withContacts) {
    defender.contacts.forEach((contact, row) => {
      for (const field of CONTACT_FIELDS) {
        values[`contacts.${row}.${field}`] = contact[field] ?? '';
      }
    });
  }
  return values;
}

@WebPages()
@Controller('defenders')
export class DefendersPagesController {
  constructor(
    private readonly view: WebView,
    private readonly defenders: DefendersService,
    private readonly cases: CasesService,
    private readonly teams: TeamsService,
  ) {}

  @Get()
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ) {
    const filters = readForm(query, { q: 'optional', country: 'optional', offset: 'int' }, 'create');
    const { result, errors } = await listFiltered(DefenderQuery, filters, (input) =>
      this.defenders.list(user, input),
    );
    const language = pageLanguage(request);
    this.view.render(request, response, 'defenders.njk', {
      title: translate(language, 'nav.defenders'),
      result,
      values: typedValues(query),
      errors,
      countries: countryOptions(language),
      filters,
    });
  }

  @MinRole('caseworker')
  @Get('new')
  newDefender(@Req() request: WebRequest, @Res() response: Response) {
    this.renderForm(request, response, undefined, { contactRows: SPARE_CONTACT_ROWS });
  }

  @MinRole('caseworker')
  @Post()
  async create(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(response, {
      dto: CreateDefenderDto,
      form: readDefenderForm(body, 'create', true),
      save: (input) => this.defenders.create(user, input),
      redirectTo: (created) => `/defenders/${created.id}?notice=defender-created`,
      showAgain: (errors) => this.showFormAgain(request, response, undefined, body, errors),
    });
  }

  @Get(':id')
  async show(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const [defender] = await this.defenders.views(user, [await this.defenders.get(user, id)]);
    const cases = await this.cases.listForDefender(user, id, { limit: 100, offset: 0 });
    const teams = hasRole(user, 'admin') ? (await this.teams.list({ limit: 200, offset: 0 })).items : [];
    this.view.render(request, response, 'defender.njk', {
      title: defender.fullName,
      defender,
      // In each case, this defender's own story: their status, stage and clock, and who was with them.
      cases: {
        ...cases,
        items: cases.items.map((found) => {
          const mine = found.participants.find((person) => person.defender.id === id);
          return {
            ...found,
            status: mine?.status ?? found.status,
            stage: mine?.stage ?? found.stages?.current.kind,
            detentionStatus: mine?.detentionStatus ?? found.detentionStatus,
            arrestedOn: mine ? mine.custodyClock.firstCustodyOn : found.arrestedOn,
            arrestedOnPrecision: mine?.custodyClock.firstCustodyPrecision ?? found.arrestedOnPrecision,
            custodyClock: mine?.custodyClock ?? found.custodyClock,
            withOthers: withOthers(found, id, pageLanguage(request)),
          };
        }),
      },
      subject: defender,
      subjectName: 'defender',
      teams,
      restrictedIds: defender.restrictedTo.map((team) => team.id),
      restrictionAction: `/defenders/${id}/restriction`,
    });
  }

  @MinRole('caseworker')
  @Get(':id/edit')
  async edit(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const defender = await this.defenders.get(user, id);
    this.renderForm(request, response, defender, {
      values: defenderValues(defender, true),
      contactRows: defender.contacts.length + SPARE_CONTACT_ROWS,
    });
  }

  @MinRole('caseworker')
  @Post(':id')
  async update(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const defender = await this.defenders.get(user, id);
    await submitForm(response, {
      dto: UpdateDefenderDto,
      form: readDefenderForm(body, 'update', true),
      save: (input) => this.defenders.update(user, id, input),
      redirectTo: `/defenders/${id}?notice=defender-saved`,
      showAgain: (errors) => this.showFormAgain(request, response, defender, body, errors),
    });
  }

  private showFormAgain(
    request: WebRequest,
    response: Response,
    defender: Defender | undefined,
    body: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    this.renderForm(request, response, defender, {
      values: typedValues(body),
      errors,
      contactRows: countContactRows(body),
      status: 400,
    });
  }

  private renderForm(
    request: WebRequest,
    response: Response,
    defender: Defender | undefined,
    options: { values?: Record<string, string>; errors?: FieldErrors; contactRows: number; status?: number },
  ) {
    const language = pageLanguage(request);
    this.view.render(
      request,
      response,
      'defender-form.njk',
      {
        title: defender
          ? translate(language, 'defenderForm.editTitle', { name: defender.fullName })
          : translate(language, 'defenderForm.newTitle'),
        defender,
        values: options.values ?? {},
        errors: options.errors ?? {},
        countries: countryOptions(language),
        contactRows: Array.from({ length: Math.max(options.contactRows, 1) }, (_, row) => row),
      },
      options.status,
    );
  }
}
