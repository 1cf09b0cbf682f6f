import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import { Clock } from '../common/clock';
import { UuidParam } from '../common/uuid-param';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { HearingView, OUTCOME_STATUSES, RecordOutcomeDto } from '../hearings/dto/hearing.dto';
import { todayIn } from '../common/calendar-day';
import { outcomeRefusal } from '../hearings/hearing-rules';
import { HearingsService } from '../hearings/hearings.service';
import { translatorFor } from '../i18n/translate';
import { joinCourtTime } from './case-summary';
import { readForm, typedValues } from './forms';
import { submitForm } from './form-submit';
import { termOptions } from './options';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** What caseworkers most often write, in their language; offered as suggestions, any text is accepted. */
const COMMON_RESULTS = [
  'outcome.common.custodyExtended',
  'outcome.common.adjourned',
  'outcome.common.bailDenied',
  'outcome.common.bailGranted',
  'outcome.common.chargesFramed',
  'outcome.common.chargeSheetFiled',
  'outcome.common.judgmentReserved',
] as const;

/**
 * The one form a caseworker fills in after court: result, notes, custody extended (days or until a
 * date) and the next date. One post, one call to HearingsService.recordOutcome, one transaction:
 * the hearing's outcome, the custody order and the next hearing land together, and the reminders
 * are replanned inside it.
 */
export function readOutcomeForm(body: Record<string, unknown>): Record<string, unknown> {
  const plain = readForm(
    body,
    {
      result: 'text',
      notes: 'optional',
      status: 'optional',
      'custodyExtension.kind': 'optional',
      'custodyExtension.days': 'int',
      'custodyExtension.until': 'date',
      'nextHearing.purpose': 'optional',
    },
    'create',
  );
  const extension = plain.custodyExtension as Record<string, unknown> | undefined;
  // The kind has a default in the form; without days or an end date there is no extension.
  if (!extension || (extension.days === undefined && extension.until === undefined)) {
    delete plain.custodyExtension;
  }
  const nextHearingAt = joinCourtTime(body.nextDate, body.nextTime);
  if (nextHearingAt !== undefined) {
    plain.nextHearingAt = nextHearingAt;
  }
  return plain;
}

@WebPages()
@MinRole('caseworker')
@Controller('hearings/:id/outcome')
export class OutcomePageController {
  constructor(
    private readonly view: WebView,
    private readonly hearings: HearingsService,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async form(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const hearing = await this.hearings.get(user, id);
    const found = await this.cases.get(user, hearing.caseId);
    this.render(req, res, hearing, found, {
      result: hearing.outcome ?? '',
      notes: hearing.outcomeNotes ?? '',
      status: hearing.status === 'adjourned' ? 'adjourned' : 'held',
      'custodyExtension.kind': found.custodyClock.currentOrder?.kind ?? 'judicial',
    });
  }

  @Post()
  async save(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const hearing = await this.hearings.get(user, id);
    const found = await this.cases.get(user, hearing.caseId);
    await submitForm(res, {
      dto: RecordOutcomeDto,
      form: readOutcomeForm(body),
      save: (input) => this.hearings.recordOutcome(user, id, input),
      redirectTo: (saved) =>
        `/cases/${found.id}?notice=${saved.notifiesNobody ? 'outcome-saved-unheard' : 'outcome-saved'}`,
      showAgain: (errors) => this.render(req, res, hearing, found, typedValues(body), errors),
    });
  }

  private render(
    req: WebRequest,
    res: Response,
    hearing: HearingView,
    found: CaseView,
    values: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    const refusal = outcomeRefusal(hearing, todayIn(this.clock.now(), found.timezone));
    const language = pageLanguage(req);
    const words = translatorFor(language);
    this.view.render(
      req,
      res,
      'outcome.njk',
      {
        title: words('outcome.title', { case: found.title }),
        hearing,
        found,
        refusal,
        values,
        errors,
        statuses: termOptions(language, 'hearingStatus', OUTCOME_STATUSES),
        custodyKinds: termOptions(language, 'custodyKind', CUSTODY_KINDS),
        commonResults: COMMON_RESULTS.map((key) => words(key)),
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }
}
