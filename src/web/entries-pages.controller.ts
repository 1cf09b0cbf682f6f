import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import { CHARGE_STATUSES } from '../charges/charge.entity';
import { ChargesService } from '../charges/charges.service';
import { CreateChargeDto, UpdateChargeDto } from '../charges/dto/charge.dto';
import { DATE_PRECISIONS, VISIBILITIES } from '../common/entry';
import { UuidParam } from '../common/uuid-param';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { CustodyService } from '../custody/custody.service';
import { CreateCustodyOrderDto, UpdateCustodyOrderDto } from '../custody/dto/custody-order.dto';
import { CreateEventDto, UpdateEventDto } from '../events/dto/event.dto';
import { EVENT_TYPES } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import {
  CreateHearingDto,
  HearingView,
  SETTABLE_HEARING_STATUSES,
  UpdateHearingDto,
} from '../hearings/dto/hearing.dto';
import { HearingsService } from '../hearings/hearings.service';
import { joinCourtTime, splitCourtTime } from './case-summary';
import { filledRows, FormMode, FormSpec, readForm, typedValues, validateAs } from './forms';
import { submitForm } from './form-submit';
import { enumOptions } from './options';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { WebView } from './web-view';

// The add/edit forms for a case's entries: charges, events, custody orders and hearings. Each posts
// to its service (the same one the API calls) and shows that service's problems beside the fields.

type Kind = 'charge' | 'event' | 'custody' | 'hearing';

const TEMPLATES: Record<Kind, string> = {
  charge: 'charge-form.njk',
  event: 'event-form.njk',
  custody: 'custody-form.njk',
  hearing: 'hearing-form.njk',
};

const NOUNS: Record<Kind, string> = {
  charge: 'charge',
  event: 'event',
  custody: 'custody order',
  hearing: 'hearing',
};

const CHARGE_FORM: FormSpec = {
  law: 'text',
  section: 'text',
  offence: 'optional',
  broughtOn: 'optional',
  status: 'text',
  visibility: 'text',
};

const EVENT_FORM: FormSpec = {
  occurredOn: 'text',
  precision: 'text',
  type: 'text',
  title: 'optional',
  description: 'text',
  visibility: 'text',
};

const CUSTODY_FORM: FormSpec = {
  kind: 'text',
  orderedOn: 'text',
  days: 'int',
  until: 'optional',
  court: 'optional',
  judge: 'optional',
  place: 'optional',
  notes: 'optional',
  visibility: 'text',
};

const HEARING_FORM: FormSpec = {
  court: 'optional',
  judge: 'optional',
  purpose: 'optional',
  visibility: 'text',
};

const SPARE_SOURCE_ROWS = 2;

const CHOICES = {
  visibilities: enumOptions(VISIBILITIES),
  chargeStatuses: enumOptions(CHARGE_STATUSES),
  precisions: enumOptions(DATE_PRECISIONS),
  eventTypes: enumOptions(EVENT_TYPES),
  custodyKinds: enumOptions(CUSTODY_KINDS),
  hearingStatuses: enumOptions(SETTABLE_HEARING_STATUSES),
};

const sourceRowsIn = (body: Record<string, unknown>): number =>
  Object.keys(body).reduce((rows, name) => {
    const match = /^sources\.(\d+)\./.exec(name);
    return match ? Math.max(rows, Number(match[1]) + 1) : rows;
  }, 0);

function readEventForm(body: Record<string, unknown>, mode: FormMode) {
  const rows = Math.min(sourceRowsIn(body), 50);
  const sourceSpec = Object.fromEntries(
    Array.from({ length: rows }, (_, row) => [
      [`sources.${row}.citation`, 'optional'],
      [`sources.${row}.url`, 'optional'],
    ]).flat(),
  ) as FormSpec;
  return {
    ...readForm(body, EVENT_FORM, mode),
    sources: filledRows(readForm(body, sourceSpec, 'create').sources),
  };
}

/** On an edit, an unchanged date and time are left out, so saving other fields never reschedules. */
function readHearingForm(body: Record<string, unknown>, mode: FormMode, current?: HearingView) {
  const typed = joinCourtTime(body.scheduledDate, body.scheduledTime);
  const before = current && splitCourtTime(current.scheduledLocal, current.timeKnown);
  const unchanged = before !== undefined && typed === joinCourtTime(before.date, before.time);
  const scheduledAt = unchanged ? undefined : typed;
  const status = typeof body.status === 'string' && body.status !== '' ? body.status : undefined;
  return {
    ...readForm(body, HEARING_FORM, mode),
    ...(scheduledAt !== undefined || mode === 'create' ? { scheduledAt: scheduledAt ?? '' } : {}),
    ...(mode === 'update' && status ? { status } : {}),
  };
}

const text = (value: string | null | undefined): string => value ?? '';

@WebPages()
@MinRole('caseworker')
@Controller()
export class EntriesPagesController {
  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly charges: ChargesService,
    private readonly events: EventsService,
    private readonly custody: CustodyService,
    private readonly hearings: HearingsService,
  ) {}

  // Charges

  @Get('cases/:id/charges/new')
  async newCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    this.renderForm(req, res, 'charge', await this.cases.get(user, id), {
      status: 'alleged',
      visibility: 'public',
    });
  }

  @Post('cases/:id/charges')
  async createCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(
      res,
      async () => {
        await this.charges.create(
          user,
          id,
          await validateAs(CreateChargeDto, readForm(body, CHARGE_FORM, 'create')),
        );
        return `/cases/${id}?notice=charge-saved`;
      },
      (errors) => this.renderForm(req, res, 'charge', found, typedValues(body), { errors }),
    );
  }

  @Get('charges/:id/edit')
  async editCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const charge = await this.charges.get(user, id);
    const found = await this.cases.get(user, charge.caseId);
    this.renderForm(
      req,
      res,
      'charge',
      found,
      {
        law: charge.law,
        section: charge.section,
        offence: text(charge.offence),
        broughtOn: text(charge.broughtOn),
        status: charge.status,
        visibility: charge.visibility,
      },
      { entryId: id },
    );
  }

  @Post('charges/:id')
  async updateCharge(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const charge = await this.charges.get(user, id);
    const found = await this.cases.get(user, charge.caseId);
    await submitForm(
      res,
      async () => {
        await this.charges.update(
          user,
          id,
          await validateAs(UpdateChargeDto, readForm(body, CHARGE_FORM, 'update')),
        );
        return `/cases/${found.id}?notice=charge-saved`;
      },
      (errors) => this.renderForm(req, res, 'charge', found, typedValues(body), { errors, entryId: id }),
    );
  }

  @Post('charges/:id/delete')
  async deleteCharge(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    const charge = await this.charges.get(user, id);
    await this.charges.remove(user, id);
    res.redirect(303, `/cases/${charge.caseId}?notice=charge-deleted`);
  }

  // Events

  @Get('cases/:id/events/new')
  async newEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    this.renderForm(req, res, 'event', await this.cases.get(user, id), {
      precision: 'day',
      type: 'other',
      visibility: 'public',
    });
  }

  @Post('cases/:id/events')
  async createEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(
      res,
      async () => {
        await this.events.create(user, id, await validateAs(CreateEventDto, readEventForm(body, 'create')));
        return `/cases/${id}?notice=event-saved`;
      },
      (errors) =>
        this.renderForm(req, res, 'event', found, typedValues(body), {
          errors,
          sourceRows: sourceRowsIn(body),
        }),
    );
  }

  @Get('events/:id/edit')
  async editEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const event = await this.events.get(user, id);
    const found = await this.cases.get(user, event.caseId);
    const values: Record<string, string> = {
      occurredOn: event.occurredOn,
      precision: event.precision,
      type: event.type,
      title: text(event.title),
      description: event.description,
      visibility: event.visibility,
    };
    event.sources.forEach((source, row) => {
      values[`sources.${row}.citation`] = text(source.citation);
      values[`sources.${row}.url`] = text(source.url);
    });
    this.renderForm(req, res, 'event', found, values, {
      entryId: id,
      sourceRows: event.sources.length + SPARE_SOURCE_ROWS,
    });
  }

  @Post('events/:id')
  async updateEvent(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const event = await this.events.get(user, id);
    const found = await this.cases.get(user, event.caseId);
    await submitForm(
      res,
      async () => {
        await this.events.update(user, id, await validateAs(UpdateEventDto, readEventForm(body, 'update')));
        return `/cases/${found.id}?notice=event-saved`;
      },
      (errors) =>
        this.renderForm(req, res, 'event', found, typedValues(body), {
          errors,
          entryId: id,
          sourceRows: sourceRowsIn(body),
        }),
    );
  }

  @Post('events/:id/delete')
  async deleteEvent(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    const event = await this.events.get(user, id);
    await this.events.remove(user, id);
    res.redirect(303, `/cases/${event.caseId}?notice=event-deleted`);
  }

  // Custody orders

  @Get('cases/:id/custody-orders/new')
  async newCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const found = await this.cases.get(user, id);
    this.renderForm(req, res, 'custody', found, {
      kind: found.custodyClock.currentOrder?.kind ?? 'judicial',
      place: text(found.placeOfDetention),
      court: text(found.court),
      visibility: 'public',
    });
  }

  @Post('cases/:id/custody-orders')
  async createCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(
      res,
      async () => {
        await this.custody.create(
          user,
          id,
          await validateAs(CreateCustodyOrderDto, readForm(body, CUSTODY_FORM, 'create')),
        );
        return `/cases/${id}?notice=custody-saved`;
      },
      (errors) => this.renderForm(req, res, 'custody', found, typedValues(body), { errors }),
    );
  }

  @Get('custody-orders/:id/edit')
  async editCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const order = await this.custody.get(user, id);
    const found = await this.cases.get(user, order.caseId);
    this.renderForm(
      req,
      res,
      'custody',
      found,
      {
        kind: order.kind,
        orderedOn: order.orderedOn,
        days: order.days === null ? '' : String(order.days),
        until: text(order.until),
        court: text(order.court),
        judge: text(order.judge),
        place: text(order.place),
        notes: text(order.notes),
        visibility: order.visibility,
      },
      { entryId: id },
    );
  }

  @Post('custody-orders/:id')
  async updateCustodyOrder(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const order = await this.custody.get(user, id);
    const found = await this.cases.get(user, order.caseId);
    await submitForm(
      res,
      async () => {
        await this.custody.update(
          user,
          id,
          await validateAs(UpdateCustodyOrderDto, readForm(body, CUSTODY_FORM, 'update')),
        );
        return `/cases/${found.id}?notice=custody-saved`;
      },
      (errors) => this.renderForm(req, res, 'custody', found, typedValues(body), { errors, entryId: id }),
    );
  }

  @Post('custody-orders/:id/delete')
  async deleteCustodyOrder(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    const order = await this.custody.get(user, id);
    await this.custody.remove(user, id);
    res.redirect(303, `/cases/${order.caseId}?notice=custody-deleted`);
  }

  // Hearings

  @Get('cases/:id/hearings/new')
  async newHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const found = await this.cases.get(user, id);
    this.renderForm(req, res, 'hearing', found, { court: text(found.court), visibility: 'public' });
  }

  @Post('cases/:id/hearings')
  async createHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(
      res,
      async () => {
        await this.hearings.create(
          user,
          id,
          await validateAs(CreateHearingDto, readHearingForm(body, 'create')),
        );
        return `/cases/${id}?notice=hearing-saved`;
      },
      (errors) => this.renderForm(req, res, 'hearing', found, typedValues(body), { errors }),
    );
  }

  @Get('hearings/:id/edit')
  async editHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const hearing = await this.hearings.get(user, id);
    const found = await this.cases.get(user, hearing.caseId);
    const when = splitCourtTime(hearing.scheduledLocal, hearing.timeKnown);
    this.renderForm(
      req,
      res,
      'hearing',
      found,
      {
        scheduledDate: when.date,
        scheduledTime: when.time,
        court: text(hearing.court),
        judge: text(hearing.judge),
        purpose: text(hearing.purpose),
        visibility: hearing.visibility,
        status: hearing.status,
      },
      { entryId: id, hearingStatus: hearing.status },
    );
  }

  @Post('hearings/:id')
  async updateHearing(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const hearing = await this.hearings.get(user, id);
    const found = await this.cases.get(user, hearing.caseId);
    await submitForm(
      res,
      async () => {
        await this.hearings.update(
          user,
          id,
          await validateAs(UpdateHearingDto, readHearingForm(body, 'update', hearing)),
        );
        return `/cases/${found.id}?notice=hearing-saved`;
      },
      (errors) =>
        this.renderForm(req, res, 'hearing', found, typedValues(body), {
          errors,
          entryId: id,
          hearingStatus: hearing.status,
        }),
    );
  }

  @Post('hearings/:id/delete')
  async deleteHearing(@Res() res: Response, @WebUser() user: AuthUser, @UuidParam() id: string) {
    const hearing = await this.hearings.get(user, id);
    await this.hearings.remove(user, id);
    res.redirect(303, `/cases/${hearing.caseId}?notice=hearing-deleted`);
  }

  private renderForm(
    req: WebRequest,
    res: Response,
    kind: Kind,
    found: CaseView,
    values: Record<string, string>,
    options: { errors?: FieldErrors; entryId?: string; sourceRows?: number; hearingStatus?: string } = {},
  ) {
    const errors = options.errors ?? {};
    this.view.render(
      req,
      res,
      TEMPLATES[kind],
      {
        title: `${options.entryId ? 'Edit' : 'Add'} ${NOUNS[kind]}: ${found.title}`,
        heading: `${options.entryId ? 'Edit' : 'Add'} ${NOUNS[kind]}`,
        found,
        entryId: options.entryId,
        hearingStatus: options.hearingStatus,
        values,
        errors,
        sourceRows: Array.from(
          { length: Math.max(options.sourceRows ?? SPARE_SOURCE_ROWS, 1) },
          (_, row) => row,
        ),
        ...CHOICES,
      },
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }
}
