import { AuditEntry } from '../audit/audit-entry.entity';
import { CalendarFeed } from '../calendar/calendar-feed.entity';
import { Case } from '../cases/case.entity';
import { Charge } from '../charges/charge.entity';
import { ChronologyLink } from '../chronology/chronology-link.entity';
import { ClosingLine } from '../chronology/closing-line.entity';
import { OrganisationSettings } from '../chronology/organisation-settings.entity';
import { CustodyOrder } from '../custody/custody-order.entity';
import { Defender } from '../defenders/defender.entity';
import { EventSource } from '../events/event-source.entity';
import { CaseEvent } from '../events/event.entity';
import { Hearing } from '../hearings/hearing.entity';
import { CaseRecipient } from '../reminders/case-recipient.entity';
import { CaseWatcher } from '../reminders/case-watcher.entity';
import { ReminderDelivery } from '../reminders/reminder-delivery.entity';
import { CaseReminderPolicy, ReminderSettings } from '../reminders/reminder-settings.entity';
import { Reminder } from '../reminders/reminder.entity';
import { StatutoryLimit } from '../statutory-limits/statutory-limit.entity';
import { Team } from '../teams/team.entity';
import { User } from '../users/user.entity';
import { WebSession } from '../web/web-session.entity';

// Listed explicitly (no globs) so the app, the CLI and jest load exactly the same set.
export const ENTITIES = [
  User,
  AuditEntry,
  Defender,
  Case,
  Charge,
  Hearing,
  CustodyOrder,
  CaseEvent,
  EventSource,
  Reminder,
  ReminderDelivery,
  ReminderSettings,
  CaseReminderPolicy,
  CaseWatcher,
  CaseRecipient,
  StatutoryLimit,
  WebSession,
  ClosingLine,
  ChronologyLink,
  CalendarFeed,
  OrganisationSettings,
  Team,
];
