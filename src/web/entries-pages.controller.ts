import { CASE_STAGE_KINDS, STAGE_DECISIONS } from '../cases/case-stages';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import { MovableKind } from '../cases/dto/move-entry.dto';
import { EntryMoveService } from '../cases/entry-move.service';
import { BAIL_CONDITIONS, CUSTODY_BASES } from '../cases/detention-history';
import { CHARGE_STATUSES } from '../charges/charge.entity';
import { ChargesService } from '../charges/charges.service';
import { DATE_PRECISIONS, VISIBILITIES } from '../common/entry';
import { invalid } from '../common/domain-error';
import { UuidParam } from '../common/uuid-param';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { CustodyService } from '../custody/custody.service';
import { EVENT_TYPES } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { SETTABLE_HEARING_STATUSES } from '../hearings/dto/hearing.dto';
import { HearingsService } from '../hearings/hearings.service';
import { Language } from '../i18n/languages';
import { translatorFor } from '../i18n/translate';
import { EntryKind, entryKinds, EntryKinds, FormExtras, SPARE_SOURCE_ROWS } from './entry-kinds';
import { typedValues } from './forms';
import { submitForm } from './form-submit';
import { messageOptions, termOptions } from './options';
import { termExamples } from './plain-term';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

// The add/edit forms for a case's entries: charges, events, custody orders and hearings. Each posts
// to its service (the same one the API calls) and shows that service's problems beside the fields.
// The four kinds differ only in what entry-kinds.ts describes; every route below hands its kind to
// the one handler for that step.

/** Any of the four kinds, as the handlers see it. */
type SomeKind = EntryKind<{ caseId: string }, object, object>;

/** The forms' choices, in the reader's words. */
const choicesIn = (language: Language) => ({
  visibilities: termOptions(language, 'visibility', VISIBILITIES),
  chargeStatuses: termOptions(language, 'chargeStatus', CHARGE_STATUSES),
  precisions: messageOptions(language, 'entryForm.precision.', DATE_PRECISIONS),
  eventTypes: termOptions(language, 'eventType', EVENT_TYPES),
  // A custody basis names the same kinds of custody as an order does.
  custodyBases: termOptions(
    language,
    'custodyKind',
    CUSTODY_BASES.filter((basis) => basis !== 'sentence'),
  ),
  bailConditions: termOptions(language, 'bailCondition', BAIL_CONDITIONS),
  custodyKinds: termOptions(language, 'custodyKind', CUSTODY_KINDS),
  hearingStatuses: termOptions(language, 'hearingStatus', SETTABLE_HEARING_STATUSES),
  stages: messageOptions(language, 'stage.kind.', CASE_STAGE_KINDS),
  decisions: messageOptions(language, 'stage.decision.', STAGE_DECISIONS),
  // A term's examples for the hints, and life and death offered under the field.
  termExamples: termExamples(language),
});

/** A form's kind (its notice) → the kind the move takes. */
const MOVE_KINDS: Record<string, MovableKind> = {
  charge: 'charge',
  event: 'event',
  custody: 'custody_order',
  hearing: 'hearing',
};

@WebPages()
@MinRole('caseworker')
@Controller()
export class EntriesPagesController {
  private readonly kinds: EntryKinds;

  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly moves: EntryMoveService,
    charges: ChargesService,
    events: EventsService,
    custody: CustodyService,
    hearings: HearingsService,
  ) {
    this.kinds = entryKinds({ charges, events, custody, hearings });
  }

  // Charges

  @Get('cases/:id/charges/new')
  newCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.newEntry(this.kinds.charge, req, res, user, id);
  }

  @Post('cases/:id/charges')
  createCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.createEntry(this.kinds.charge, req, res, user, id, body);
  }

  @Get('charges/:id/edit')
  editCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.editEntry(this.kinds.charge, req, res, user, id);
  }

  @Post('charges/:id')
  updateCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.updateEntry(this.kinds.charge, req, res, user, id, body);
  }

  @Post('charges/:id/delete')
  deleteCharge(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    return this.deleteEntry(this.kinds.charge, res, user, id);
  }

  // Events

  @Get('cases/:id/events/new')
  newEvent(@Req() req: WebRequest, @Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    return this.newEntry(this.kinds.event, req, res, user, id);
  }

  @Post('cases/:id/events')
  createEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.createEntry(this.kinds.event, req, res, user, id, body);
  }

  @Get('events/:id/edit')
  editEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.editEntry(this.kinds.event, req, res, user, id);
  }

  @Post('events/:id')
  updateEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.updateEntry(this.kinds.event, req, res, user, id, body);
  }

  @Post('events/:id/delete')
  deleteEvent(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    return this.deleteEntry(this.kinds.event, res, user, id);
  }

  // Custody orders

  @Get('cases/:id/custody-orders/new')
  newCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.newEntry(this.kinds.custody, req, res, user, id);
  }

  @Post('cases/:id/custody-orders')
  createCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.createEntry(this.kinds.custody, req, res, user, id, body);
  }

  @Get('custody-orders/:id/edit')
  editCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.editEntry(this.kinds.custody, req, res, user, id);
  }

  @Post('custody-orders/:id')
  updateCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.updateEntry(this.kinds.custody, req, res, user, id, body);
  }

  @Post('custody-orders/:id/delete')
  deleteCustodyOrder(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    return this.deleteEntry(this.kinds.custody, res, user, id);
  }

  // Hearings

  @Get('cases/:id/hearings/new')
  newHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.newEntry(this.kinds.hearing, req, res, user, id);
  }

  @Post('cases/:id/hearings')
  createHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.createEntry(this.kinds.hearing, req, res, user, id, body);
  }

  @Get('hearings/:id/edit')
  editHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    return this.editEntry(this.kinds.hearing, req, res, user, id);
  }

  @Post('hearings/:id')
  updateHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.updateEntry(this.kinds.hearing, req, res, user, id, body);
  }

  @Post('hearings/:id/delete')
  deleteHearing(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    return this.deleteEntry(this.kinds.hearing, res, user, id);
  }

  /** An entry entered in the wrong case goes to another case of the same defender. */
  @Post('entries/:kind/:id/move')
  async move(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Param('kind') kind: string,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const movable = (Object.values(MOVE_KINDS) as string[]).includes(kind)
      ? (kind as MovableKind)
      : undefined;
    if (!movable) {
      throw invalid('kind', `must be one of ${Object.values(MOVE_KINDS).join(', ')}`);
    }
    const toCaseId = typeof body.toCaseId === 'string' ? body.toCaseId : '';
    if (!isUUID(toCaseId)) {
      throw invalid('toCaseId', 'must be a case');
    }
    await this.moves.move(user, user, movable, id, toCaseId);
    res.redirect(303, `/cases/${toCaseId}?notice=entry-moved`);
  }

  // The steps, the same for every kind

  private async newEntry(kind: SomeKind, req: WebRequest, res: Response, user: AuthUser, caseId: string) {
    const found = await this.cases.get(user, caseId);
    this.renderForm(req, res, kind, found, kind.defaults(found), kind.extras?.(undefined, undefined));
  }

  private async createEntry(
    kind: SomeKind,
    req: WebRequest,
    res: Response,
    user: AuthUser,
    caseId: string,
    body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, caseId);
    await submitForm(res, {
      dto: kind.createDto,
      form: kind.read(body, 'create'),
      save: (input) => kind.service.create(user, caseId, input),
      redirectTo: `/cases/${caseId}?notice=${kind.notice}-saved`,
      showAgain: (errors) =>
        this.renderForm(req, res, kind, found, typedValues(body), kind.extras?.(undefined, body), errors),
    });
  }

  private async editEntry(kind: SomeKind, req: WebRequest, res: Response, user: AuthUser, id: string) {
    const entry = await kind.service.get(user, id);
    const found = await this.cases.get(user, entry.caseId);
    // Another case of the person whose entry it is (its participant, else the case's defender).
    const whose = (entry as { participantId?: string | null }).participantId ?? found.defender.id;
    const theirs = await this.cases.listForDefender(user, whose, { limit: 100, offset: 0 });
    this.renderForm(
      req,
      res,
      kind,
      found,
      kind.values(entry, pageLanguage(req)),
      kind.extras?.(entry, undefined),
      {},
      id,
      {
        moveTargets: theirs.items.filter((other) => other.id !== found.id),
      },
    );
  }

  private async updateEntry(
    kind: SomeKind,
    req: WebRequest,
    res: Response,
    user: AuthUser,
    id: string,
    body: Record<string, unknown>,
  ) {
    const entry = await kind.service.get(user, id);
    const found = await this.cases.get(user, entry.caseId);
    await submitForm(res, {
      dto: kind.updateDto,
      form: kind.read(body, 'update', entry),
      save: (input) => kind.service.update(user, id, input),
      redirectTo: `/cases/${found.id}?notice=${kind.notice}-saved`,
      showAgain: (errors) =>
        this.renderForm(req, res, kind, found, typedValues(body), kind.extras?.(entry, body), errors, id),
    });
  }

  private async deleteEntry(kind: SomeKind, res: Response, user: AuthUser, id: string) {
    const entry = await kind.service.get(user, id);
    await kind.service.remove(user, id);
    res.redirect(303, `/cases/${entry.caseId}?notice=${kind.notice}-deleted`);
  }

  private renderForm(
    req: WebRequest,
    res: Response,
    kind: { template: string; notice: string },
    found: CaseView,
    values: Record<string, string>,
    extras: FormExtras = {},
    errors: FieldErrors = {},
    entryId?: string,
    more: { moveTargets?: CaseView[] } = {},
  ) {
    const language = pageLanguage(req);
    const words = translatorFor(language);
    const moveKind = MOVE_KINDS[kind.notice];
    const heading = words(entryId ? 'entryForm.edit' : 'entryForm.add', { kind: moveKind });
    this.view.render(
      req,
      res,
      kind.template,
      {
        title: words('entryForm.pageTitle', { heading, case: found.title }),
        heading,
        found,
        entryId,
        hearingStatus: extras.hearingStatus,
        participantOptions: found.participants.map((person) => ({
          value: person.defender.id,
          label: person.defender.fullName,
        })),
        moveKind,
        moveTargets: more.moveTargets ?? [],
        values,
        errors,
        sourceRows: Array.from(
          { length: Math.max(extras.sourceRows ?? SPARE_SOURCE_ROWS, 1) },
          (_, row) => row,
        ),
        ...choicesIn(language),
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }
}
