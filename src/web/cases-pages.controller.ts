import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CASE_STATUSES, DETENTION_STATUSES, STATUS_OVERRIDES } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import { CreateCaseDto, UpdateCaseDto } from '../cases/dto/case.dto';
import { Clock } from '../common/clock';
import { DATE_PRECISIONS } from '../common/entry';
import { UuidParam } from '../common/uuid-param';
import { todayIn } from '../common/calendar-day';
import { DefendersService } from '../defenders/defenders.service';
import { UnheardCases } from '../reminders/unheard-cases';
import { StatutoryLimitsService } from '../statutory-limits/statutory-limits.service';
import { limitsPanel } from '../statutory-limits/limit-words';
import { TimelineService } from '../timeline/timeline.service';
import { DocumentsService } from '../documents/documents.service';
import { DOCUMENTS_SEGMENT } from './documents-pages.controller';
import { distinctEntries, timelinePageRequest, timelinePager } from './timeline-paging';
import { clockSentence, custodyEndsSoon, stageLine, visibleTo, withOthers } from './case-summary';
import { countryZones } from './country-zones';
import { FormSpec, readForm, typedValues } from './forms';
import { submitForm } from './form-submit';
import { countryOptions, messageOptions, termOptions, TIMEZONE_NAMES } from './options';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';
import { Language } from '../i18n/languages';
import { translatorFor } from '../i18n/translate';

const CASE_EDIT_FORM: FormSpec = {
  title: 'text',
  country: 'text',
  timezone: 'zone',
  caseNumber: 'optional',
  court: 'optional',
  statusOverride: 'optional',
  placeOfDetention: 'optional',
};

// A new case may say how the detention and the case stand; afterwards the entries say it (an
// arrest, bail or release event; a hearing, a conviction, an appeal), so the edit form has only the
// status override.
const { statusOverride: _override, ...CASE_SHARED_FIELDS } = CASE_EDIT_FORM;
const CASE_FORM: FormSpec = {
  ...CASE_SHARED_FIELDS,
  status: 'text',
  detentionStatus: 'text',
  arrestedOn: 'date',
  arrestedOnPrecision: 'text',
  releasedOn: 'date',
  releasedOnPrecision: 'text',
};

/** "And seven others": left blank, the number stays as it is (none on a new case). */
const unnamedCoAccused = (body: Record<string, unknown>): { unnamedCoAccused?: number | string } => {
  const text = typeof body.unnamedCoAccused === 'string' ? body.unnamedCoAccused.trim() : '';
  return text === '' ? {} : { unnamedCoAccused: /^\d+$/.test(text) ? Number(text) : text };
};

const caseValues = (found: CaseView): Record<string, string> => ({
  title: found.title,
  country: found.country,
  timezone: found.timezone,
  caseNumber: found.caseNumber ?? '',
  court: found.court ?? '',
  statusOverride: found.statusOverride ?? '',
  placeOfDetention: found.placeOfDetention ?? '',
  unnamedCoAccused: String(found.unnamedCoAccused),
});

/** The case form's choices, in the reader's words. */
const caseChoicesIn = (language: Language) => ({
  countries: countryOptions(language),
  timezones: TIMEZONE_NAMES,
  statuses: termOptions(language, 'caseStatus', CASE_STATUSES),
  statusOverrides: termOptions(language, 'caseStatus', STATUS_OVERRIDES),
  detentionStatuses: termOptions(language, 'detentionStatus', DETENTION_STATUSES),
  precisions: messageOptions(language, 'entryForm.precision.', DATE_PRECISIONS),
});

@WebPages()
@Controller()
export class CasesPagesController {
  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly defenders: DefendersService,
    private readonly timeline: TimelineService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly statutoryLimits: StatutoryLimitsService,
    private readonly audit: AuditService,
    private readonly unheard: UnheardCases,
  ) {}

  @MinRole('caseworker')
  @Get('defenders/:id/cases/new')
  async newCase(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() defenderId: string,
  ) {
    const defender = await this.defenders.get(user, defenderId);
    this.renderCaseForm(request, response, {
      defender,
      values: {
        defenderId,
        country: defender.country,
        timezone: countryZones(defender.country)[0] ?? '',
        status: 'under_investigation',
        detentionStatus: 'in_custody',
        arrestedOnPrecision: 'day',
        releasedOnPrecision: 'day',
      },
    });
  }

  @MinRole('caseworker')
  @Post('cases')
  async create(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    const defenderId = typeof body.defenderId === 'string' ? body.defenderId : '';
    const defender = await this.defenders.get(user, defenderId);
    await submitForm(response, {
      dto: CreateCaseDto,
      form: { ...readForm(body, CASE_FORM, 'create'), ...unnamedCoAccused(body), defenderId: defender.id },
      save: (input) => this.cases.create(user, user, input),
      redirectTo: (created) => `/cases/${created.id}?notice=case-created`,
      showAgain: (errors) =>
        this.renderCaseForm(request, response, { defender, values: typedValues(body), errors, status: 400 }),
    });
  }

  @Get('cases/:id')
  async show(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Query('offset') offset?: unknown,
  ) {
    const found = await this.cases.get(user, id);
    const pageRequest = await timelinePageRequest(offset);
    const visibilities = visibleTo(user);
    // The timeline comes a page at a time; the charges panel and the outcomes still to log are
    // about the whole case, so they read all its charges and hearings (the clock is the case's own).
    const [{ items, total }, { items: chargesAndHearings }, limits, notifiesNobody] = await Promise.all([
      this.timeline.entries([id], { visibilities }, pageRequest),
      this.timeline.entries([id], { visibilities, kinds: ['charge', 'hearing'] }),
      this.statutoryLimits.forCase(id, user),
      this.unheard.notifiesNobody(user, id),
    ]);
    const now = this.clock.now().getTime();
    const today = todayIn(this.clock.now(), found.timezone);
    const charges = chargesAndHearings.filter((entry) => entry.kind === 'charge');
    const awaitingOutcome = chargesAndHearings.filter(
      (entry) =>
        entry.kind === 'hearing' && entry.status === 'scheduled' && Date.parse(entry.scheduledAt) < now,
    );
    await this.audit.recordReads(user, 'page', distinctEntries([...items, ...charges, ...awaitingOutcome]));
    const documents = await this.documents.forEntries(items);
    const statusesDiffer = new Set(found.participants.map((person) => person.status)).size > 1;
    this.view.render(request, response, 'case.njk', {
      title: found.title,
      found,
      clock: clockSentence(found, pageLanguage(request)),
      stage: stageLine(found, pageLanguage(request)),
      withOthers: withOthers(found, found.defender.id, pageLanguage(request)),
      // Each person's own clock, when the case has more than one, and their own status when the
      // people's differ (the case's is its defender's: one person's verdict is not everyone's).
      people:
        found.participants.length > 1
          ? found.participants.map((person) => ({
              ...person,
              clock: clockSentence(person, pageLanguage(request)),
              ownStatus: statusesDiffer ? person.status : null,
            }))
          : [],
      statusesDiffer,
      urgent: custodyEndsSoon(found.custodyClock),
      timeline: items,
      pager: timelinePager(total, pageRequest, items.length),
      documents: Object.fromEntries(documents),
      documentsSegment: DOCUMENTS_SEGMENT,
      charges,
      ...limitsPanel(limits),
      notifiesNobody,
      // An outcome can be logged from the hearing's own day on (in the court's zone).
      today,
      awaitingOutcome,
    });
  }

  @MinRole('caseworker')
  @Get('cases/:id/edit')
  async edit(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const found = await this.cases.get(user, id);
    this.renderCaseForm(request, response, { found, values: caseValues(found) });
  }

  @MinRole('caseworker')
  @Post('cases/:id')
  async update(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(response, {
      dto: UpdateCaseDto,
      form: { ...readForm(body, CASE_EDIT_FORM, 'update'), ...unnamedCoAccused(body) },
      save: (input) => this.cases.update(user, user, id, input),
      redirectTo: `/cases/${id}?notice=case-saved`,
      showAgain: (errors) =>
        this.renderCaseForm(request, response, { found, values: typedValues(body), errors, status: 400 }),
    });
  }

  private renderCaseForm(
    request: WebRequest,
    response: Response,
    options: {
      found?: CaseView;
      defender?: { id: string; fullName: string };
      values: Record<string, string>;
      errors?: FieldErrors;
      status?: number;
    },
  ) {
    const language = pageLanguage(request);
    const words = translatorFor(language);
    this.view.render(
      request,
      response,
      'case-form.njk',
      {
        title: options.found
          ? words('caseForm.editTitle', { case: options.found.title })
          : words('caseForm.newTitle', { name: options.defender?.fullName ?? '' }),
        found: options.found,
        defender: options.found?.defender ?? options.defender,
        values: options.values,
        errors: options.errors ?? {},
        ...caseChoicesIn(language),
      },
      options.status,
    );
  }
}
