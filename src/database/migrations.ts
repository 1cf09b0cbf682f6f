import { InitialSchema1795943584904 } from '../../migrations/1795943584904-InitialSchema';
import { WebSessions1795944225826 } from '../../migrations/1795944225826-WebSessions';
import { Reminders1795944381265 } from '../../migrations/1795944381265-Reminders';
import { ChronologyExportsAndFeeds1795944902512 } from '../../migrations/1795944902512-ChronologyExportsAndFeeds';
import { DashboardCustodyEndIndex1795945760239 } from '../../migrations/1795945760239-DashboardCustodyEndIndex';
import { CreationTimesInWriteOrder1795946656006 } from '../../migrations/1795946656006-CreationTimesInWriteOrder';
import { FailedRemindersIndex1795947922496 } from '../../migrations/1795947922496-FailedRemindersIndex';
import { ReminderVisibility1796100000000 } from '../../migrations/1796100000000-ReminderVisibility';
import { OneClockForRowTimes1796110000000 } from '../../migrations/1796110000000-OneClockForRowTimes';
import { SessionVersions1796120000000 } from '../../migrations/1796120000000-SessionVersions';
import { AuditReadsAndFailedSignIns1796120000001 } from '../../migrations/1796120000001-AuditReadsAndFailedSignIns';
import { WorkerHeartbeats1796140000000 } from '../../migrations/1796140000000-WorkerHeartbeats';
import { MustChangePassword1796140000001 } from '../../migrations/1796140000001-MustChangePassword';
import { WorkerHeartbeatCounters1796140000002 } from '../../migrations/1796140000002-WorkerHeartbeatCounters';
import { DetentionEntryFields1796150000000 } from '../../migrations/1796150000000-DetentionEntryFields';
import { DetentionHistoryFromCaseDates1796150000001 } from '../../migrations/1796150000001-DetentionHistoryFromCaseDates';
import { DayOnlyHearingReminders1796160000000 } from '../../migrations/1796160000000-DayOnlyHearingReminders';
import { DetentionReminderKinds1796160000001 } from '../../migrations/1796160000001-DetentionReminderKinds';
import { SignInFailures1796170000000 } from '../../migrations/1796170000000-SignInFailures';
import { FallbackReminderAddress1796180000000 } from '../../migrations/1796180000000-FallbackReminderAddress';
import { PendingRemindersByCase1796180000001 } from '../../migrations/1796180000001-PendingRemindersByCase';
import { OrganisationSettings1796190000000 } from '../../migrations/1796190000000-OrganisationSettings';
import { TwoFactor1796200000000 } from '../../migrations/1796200000000-TwoFactor';
import { DerivedReminderVisibility1796210000000 } from '../../migrations/1796210000000-DerivedReminderVisibility';
import { Teams1796300000000 } from '../../migrations/1796300000000-Teams';
import { SealConfidentialFields1796400000000 } from '../../migrations/1796400000000-SealConfidentialFields';
import { CaseStages1796500000000 } from '../../migrations/1796500000000-CaseStages';
import { StagesFromCaseStatus1796500000001 } from '../../migrations/1796500000001-StagesFromCaseStatus';
import { StatutoryLimitsAsData1796600000000 } from '../../migrations/1796600000000-StatutoryLimitsAsData';
import { ArabicLanguage1796900000000 } from '../../migrations/1796900000000-ArabicLanguage';
import { Search1797000000000 } from '../../migrations/1797000000000-Search';
import { EntryDocuments1797010000000 } from '../../migrations/1797010000000-EntryDocuments';
import { CaseParticipants1797020000000 } from '../../migrations/1797020000000-CaseParticipants';
import { CaseListSortKeys1797200000000 } from '../../migrations/1797200000000-CaseListSortKeys';
import { SearchWords1797400000000 } from '../../migrations/1797400000000-SearchWords';
import { SealedEventCourt1797500000000 } from '../../migrations/1797500000000-SealedEventCourt';
import { ParticipantStatus1797620000000 } from '../../migrations/1797620000000-ParticipantStatus';
import { SearchWordsTrigramGin1797660000000 } from '../../migrations/1797660000000-SearchWordsTrigramGin';

// Listed explicitly, oldest first: a new migration is added here and never edited once landed.
export const MIGRATIONS = [
  InitialSchema1795943584904,
  WebSessions1795944225826,
  Reminders1795944381265,
  ChronologyExportsAndFeeds1795944902512,
  DashboardCustodyEndIndex1795945760239,
  CreationTimesInWriteOrder1795946656006,
  FailedRemindersIndex1795947922496,
  ReminderVisibility1796100000000,
  OneClockForRowTimes1796110000000,
  SessionVersions1796120000000,
  AuditReadsAndFailedSignIns1796120000001,
  WorkerHeartbeats1796140000000,
  MustChangePassword1796140000001,
  WorkerHeartbeatCounters1796140000002,
  DetentionEntryFields1796150000000,
  DetentionHistoryFromCaseDates1796150000001,
  DayOnlyHearingReminders1796160000000,
  DetentionReminderKinds1796160000001,
  SignInFailures1796170000000,
  FallbackReminderAddress1796180000000,
  PendingRemindersByCase1796180000001,
  OrganisationSettings1796190000000,
  TwoFactor1796200000000,
  DerivedReminderVisibility1796210000000,
  Teams1796300000000,
  SealConfidentialFields1796400000000,
  CaseStages1796500000000,
  StagesFromCaseStatus1796500000001,
  StatutoryLimitsAsData1796600000000,
  ArabicLanguage1796900000000,
  Search1797000000000,
  EntryDocuments1797010000000,
  CaseParticipants1797020000000,
  CaseListSortKeys1797200000000,
  SearchWords1797400000000,
  SealedEventCourt1797500000000,
  ParticipantStatus1797620000000,
  SearchWordsTrigramGin1797660000000,
];
