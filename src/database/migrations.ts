import { InitialSchema1795943584904 } from '../../migrations/1795943584904-InitialSchema';
import { Reminders1795944381265 } from '../../migrations/1795944381265-Reminders';
import { WebSessions1795944225826 } from '../../migrations/1795944225826-WebSessions';
import { ChronologyExportsAndFeeds1795944902512 } from '../../migrations/1795944902512-ChronologyExportsAndFeeds';
import { DashboardCustodyEndIndex1795945760239 } from '../../migrations/1795945760239-DashboardCustodyEndIndex';
import { CreationTimesInWriteOrder1795946656006 } from '../../migrations/1795946656006-CreationTimesInWriteOrder';
import { FailedRemindersIndex1795947922496 } from '../../migrations/1795947922496-FailedRemindersIndex';
import { DetentionEntryFields1796150000000 } from '../../migrations/1796150000000-DetentionEntryFields';
import { DetentionHistoryFromCaseDates1796150000001 } from '../../migrations/1796150000001-DetentionHistoryFromCaseDates';
import { DayOnlyHearingReminders1796160000000 } from '../../migrations/1796160000000-DayOnlyHearingReminders';
import { DetentionReminderKinds1796160000001 } from '../../migrations/1796160000001-DetentionReminderKinds';

// Listed explicitly, oldest first: a new migration is added here and never edited once landed.
export const MIGRATIONS = [
  InitialSchema1795943584904,
  WebSessions1795944225826,
  Reminders1795944381265,
  ChronologyExportsAndFeeds1795944902512,
  DashboardCustodyEndIndex1795945760239,
  CreationTimesInWriteOrder1795946656006,
  FailedRemindersIndex1795947922496,
  DetentionEntryFields1796150000000,
  DetentionHistoryFromCaseDates1796150000001,
  DayOnlyHearingReminders1796160000000,
  DetentionReminderKinds1796160000001,
];
