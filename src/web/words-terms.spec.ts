import { CASE_STAGE_KINDS, CASE_STATUSES } from '../cases/case-stages';
import {
  BAIL_CONDITIONS,
  CUSTODY_BASES,
  DERIVED_DETENTION_STATUSES,
  END_REASONS,
} from '../cases/detention-model';
import { CHARGE_STATUSES } from '../charges/charge.entity';
import { VISIBILITIES } from '../common/entry';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { EVENT_TYPES } from '../events/event.entity';
import { HEARING_STATUSES } from '../hearings/hearing.entity';
import { CATALOGUES, TERM_GROUPS } from '../i18n/translate';
import { REMINDER_KINDS } from '../reminders/reminder-kinds';
import { REMINDER_STATUSES } from '../reminders/reminder.entity';
import { USER_ROLES } from '../users/user.entity';

// Issue #14 item 3: "every status, type and kind shown to a person is translated". The pages show a
// stored value through the `words` filter (humanize), which finds its term in the catalogues and
// otherwise shows the value itself, in English ("sentence served"). Each vocabulary a page shows
// that way must have a term for every one of its values.

const SHOWN = {
  caseStatus: CASE_STATUSES,
  caseStage: CASE_STAGE_KINDS,
  detentionStatus: DERIVED_DETENTION_STATUSES,
  chargeStatus: CHARGE_STATUSES,
  hearingStatus: HEARING_STATUSES,
  custodyKind: CUSTODY_KINDS,
  // A custody period's basis and how it ended (the case page's detention history).
  custodyBasis: CUSTODY_BASES,
  endReason: END_REASONS,
  eventType: EVENT_TYPES,
  bailCondition: BAIL_CONDITIONS,
  visibility: VISIBILITIES,
  reminderStatus: REMINDER_STATUSES,
  reminderKind: REMINDER_KINDS,
  role: USER_ROLES,
};

const VOCABULARIES = Object.entries(SHOWN);

const hasTerm = (value: string): boolean =>
  TERM_GROUPS.some((group) => `term.${group}.${value}` in CATALOGUES.en);

describe('every value a page shows in words has a term', () => {
  it.each(VOCABULARIES)('%s: every value has a term', (_name, values) => {
    expect(values.filter((value) => !hasTerm(value))).toEqual([]);
  });
});
