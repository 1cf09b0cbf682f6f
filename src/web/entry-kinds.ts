import { AuthUser } from '../auth/auth-user';
import { CaseView } from '../cases/dto/case-view.dto';
import { BAIL_CONDITIONS } from '../cases/detention-history';
import { Charge } from '../charges/charge.entity';
import { CreateChargeDto, UpdateChargeDto } from '../charges/dto/charge.dto';
import { CustodyOrder } from '../custody/custody-order.entity';
import { CreateCustodyOrderDto, UpdateCustodyOrderDto } from '../custody/dto/custody-order.dto';
import { CreateEventDto, EventView, UpdateEventDto } from '../events/dto/event.dto';
import { CreateHearingDto, HearingView, UpdateHearingDto } from '../hearings/dto/hearing.dto';
import { joinCourtTime, splitCourtTime } from './case-summary';
import { filledRows, FormMode, FormSpec, readForm } from './forms';
import { Language } from '../i18n/languages';
import { dayForForm } from './plain-date';
import { termForForm } from './plain-term';

// What differs between a case's four kinds of entry on the add/edit pages; the pages themselves
// (EntriesPagesController) are the same for all four.

/** The calls each entry's service offers, the same ones the API makes. */
interface EntryService<Entry, Create, Update> {
  get(user: AuthUser, id: string): Promise<Entry>;
  create(user: AuthUser, caseId: string, input: Create): Promise<unknown>;
  update(user: AuthUser, id: string, input: Update): Promise<unknown>;
  remove(user: AuthUser, id: string): Promise<void>;
}

/** What a form's template shows besides values and errors. */
export interface FormExtras {
  sourceRows?: number;
  hearingStatus?: string;
}

export interface EntryKind<Entry extends { caseId: string }, Create extends object, Update extends object> {
  template: string;
  /** The case page's notices after a save and a delete: `${notice}-saved`, `${notice}-deleted`. */
  notice: string;
  service: EntryService<Entry, Create, Update>;
  createDto: new () => Create;
  updateDto: new () => Update;
  read(body: Record<string, unknown>, mode: FormMode, current?: Entry): Record<string, unknown>;
  /** A new entry's form, filled in from its case. */
  defaults(found: CaseView): Record<string, string>;
  /** An existing entry's form, its dates and terms in the reader's words. */
  values(entry: Entry, language: Language): Record<string, string>;
  /** From the entry when editing it, from the post when showing a refused form again. */
  extras?(entry: Entry | undefined, body: Record<string, unknown> | undefined): FormExtras;
}

export interface EntryKinds {
  charge: EntryKind<Charge, CreateChargeDto, UpdateChargeDto>;
  event: EntryKind<EventView, CreateEventDto, UpdateEventDto>;
  custody: EntryKind<CustodyOrder, CreateCustodyOrderDto, UpdateCustodyOrderDto>;
  hearing: EntryKind<HearingView, CreateHearingDto, UpdateHearingDto>;
}

const CHARGE_FORM: FormSpec = {
  law: 'text',
  section: 'optional',
  maximumPenalty: 'term',
  counts: 'int',
  offence: 'optional',
  broughtOn: 'date',
  broughtOnPrecision: 'text',
  status: 'text',
  visibility: 'text',
  participantId: 'optional',
};

const EVENT_FORM: FormSpec = {
  occurredOn: 'dateAsKnown',
  precision: 'text',
  type: 'text',
  title: 'optional',
  description: 'text',
  visibility: 'text',
  custodyBasis: 'optional',
  bailConditionsNote: 'optional',
  sentenceTerm: 'term',
  sentenceStartsOn: 'date',
  creditForCustody: 'choice',
  endedOn: 'date',
  periodPosition: 'optional',
  dayPosition: 'int',
  stage: 'optional',
  court: 'optional',
  decision: 'optional',
  appealDeadline: 'date',
  participantId: 'optional',
};

const CUSTODY_FORM: FormSpec = {
  kind: 'text',
  orderedOn: 'date',
  days: 'int',
  until: 'date',
  court: 'optional',
  judge: 'optional',
  place: 'optional',
  notes: 'optional',
  visibility: 'text',
  participantId: 'optional',
};

const HEARING_FORM: FormSpec = {
  court: 'optional',
  judge: 'optional',
  purpose: 'optional',
  stage: 'optional',
  visibility: 'text',
};

/** Blank source rows offered beneath an event's existing ones. */
export const SPARE_SOURCE_ROWS = 2;

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
  const ticked = BAIL_CONDITIONS.filter((condition) =>
    ['on', 'true', '1'].includes(String(body[`bail.${condition}`])),
  );
  const event = readForm(body, EVENT_FORM, mode);
  return {
    ...event,
    // "Date unknown" ticked: an undated event, which sorts last; else a date left blank is one missing.
    occurredOn: ['on', 'true', '1'].includes(String(body.dateUnknown)) ? null : (event.occurredOn ?? ''),
    ...(ticked.length > 0 ? { bailConditions: ticked } : mode === 'update' ? { bailConditions: null } : {}),
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

export function entryKinds(services: {
  charges: EntryKinds['charge']['service'];
  events: EntryKinds['event']['service'];
  custody: EntryKinds['custody']['service'];
  hearings: EntryKinds['hearing']['service'];
}): EntryKinds {
  return {
    charge: {
      template: 'charge-form.njk',
      notice: 'charge',
      service: services.charges,
      createDto: CreateChargeDto,
      updateDto: UpdateChargeDto,
      read: (body, mode) => readForm(body, CHARGE_FORM, mode),
      defaults: () => ({ status: 'alleged', visibility: 'public', broughtOnPrecision: 'day' }),
      values: (charge, language) => ({
        law: charge.law,
        section: text(charge.section),
        maximumPenalty: termForForm(charge.maximumPenalty, language),
        counts: charge.counts === null ? '' : String(charge.counts),
        offence: text(charge.offence),
        // The precision is chosen beside it: a month's charge shows its first day.
        broughtOn: dayForForm(charge.broughtOn, language),
        broughtOnPrecision: charge.broughtOnPrecision,
        status: charge.status,
        visibility: charge.visibility,
        participantId: text(charge.participantId),
      }),
    },
    event: {
      template: 'event-form.njk',
      notice: 'event',
      service: services.events,
      createDto: CreateEventDto,
      updateDto: UpdateEventDto,
      read: readEventForm,
      defaults: () => ({ precision: 'day', type: 'other', visibility: 'public' }),
      values: (event, language) => {
        const values: Record<string, string> = {
          occurredOn: dayForForm(event.occurredOn, language, event.precision),
          dateUnknown: event.occurredOn === null ? 'on' : '',
          precision: event.precision,
          type: event.type,
          title: text(event.title),
          description: event.description,
          visibility: event.visibility,
          custodyBasis: text(event.custodyBasis),
          bailConditionsNote: text(event.bailConditionsNote),
          sentenceTerm: termForForm(event.sentenceTerm, language),
          sentenceStartsOn: dayForForm(event.sentenceStartsOn, language),
          creditForCustody: event.creditForCustody === null ? '' : String(event.creditForCustody),
          endedOn: dayForForm(event.endedOn, language),
          periodPosition: text(event.periodPosition),
          dayPosition: event.dayPosition === null ? '' : String(event.dayPosition),
          stage: text(event.stage),
          court: text(event.court),
          decision: text(event.decision),
          appealDeadline: dayForForm(event.appealDeadline, language),
          participantId: text(event.participantId),
        };
        for (const condition of event.bailConditions ?? []) {
          values[`bail.${condition}`] = 'on';
        }
        event.sources.forEach((source, row) => {
          values[`sources.${row}.citation`] = text(source.citation);
          values[`sources.${row}.url`] = text(source.url);
        });
        return values;
      },
      extras: (event, body) => {
        if (body) {
          return { sourceRows: sourceRowsIn(body) };
        }
        return event ? { sourceRows: event.sources.length + SPARE_SOURCE_ROWS } : {};
      },
    },
    custody: {
      template: 'custody-form.njk',
      notice: 'custody',
      service: services.custody,
      createDto: CreateCustodyOrderDto,
      updateDto: UpdateCustodyOrderDto,
      read: (body, mode) => readForm(body, CUSTODY_FORM, mode),
      defaults: (found) => ({
        kind: found.custodyClock.currentOrder?.kind ?? 'judicial',
        place: text(found.placeOfDetention),
        court: text(found.court),
        visibility: 'public',
      }),
      values: (order, language) => ({
        kind: order.kind,
        orderedOn: dayForForm(order.orderedOn, language),
        days: order.days === null ? '' : String(order.days),
        until: dayForForm(order.until, language),
        court: text(order.court),
        judge: text(order.judge),
        place: text(order.place),
        notes: text(order.notes),
        visibility: order.visibility,
        participantId: text(order.participantId),
      }),
    },
    hearing: {
      template: 'hearing-form.njk',
      notice: 'hearing',
      service: services.hearings,
      createDto: CreateHearingDto,
      updateDto: UpdateHearingDto,
      read: readHearingForm,
      defaults: (found) => ({ court: text(found.court), visibility: 'public' }),
      values: (hearing, language) => {
        const when = splitCourtTime(hearing.scheduledLocal, hearing.timeKnown);
        return {
          scheduledDate: dayForForm(when.date, language),
          scheduledTime: when.time,
          court: text(hearing.court),
          judge: text(hearing.judge),
          purpose: text(hearing.purpose),
          stage: text(hearing.stage),
          visibility: hearing.visibility,
          status: hearing.status,
        };
      },
      extras: (hearing) => ({ hearingStatus: hearing?.status }),
    },
  };
}
