import {
  CASE_STAGE_KINDS,
  CaseStageKind,
  CaseStages,
  STAGE_DECISIONS,
  StageDecision,
  STATUS_OVERRIDES,
  StatusOverride,
} from '../case-stages';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_PRECISIONS, DatePrecision } from '../../common/entry';
import { NextHearing } from '../../hearings/next-hearing';
import { TeamSummary } from '../../teams/dto/team.dto';
import { CASE_STATUSES, CaseStatus, DETENTION_STATUSES, DetentionStatus } from '../case.entity';
import {
  BAIL_CONDITIONS,
  CUSTODY_BASES,
  CustodyBasis,
  DetentionHistory,
  END_REASONS,
  EndReason,
  LASTING_TYPES,
} from '../detention-history';

// Response shapes, for the OpenAPI document.

export class DefenderSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ example: 'IN' }) country: string;
}

export class CurrentCustodyOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'judicial' }) kind: string;
  @ApiProperty({ format: 'date' }) orderedOn: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The earlier of orderedOn + days and the stated until (either alone when only one is given); the end day itself',
  })
  endsOn: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Whole days from today to endsOn; 0 on the last day',
  })
  daysLeft: number | null;
}

export class NextHearingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() scheduledAt: Date;
  @ApiProperty({ example: '2022-07-06T10:30:00', description: "Wall-clock time in the case's zone" })
  scheduledLocal: string;
  @ApiProperty() timeKnown: boolean;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
}

export class CustodyPeriodView {
  @ApiProperty({ format: 'uuid', description: 'The entry that opened it' }) openedBy: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) fromPrecision: DatePrecision | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null while it lasts' })
  to: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) toPrecision: DatePrecision | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy: string | null;
  @ApiProperty({ enum: CUSTODY_BASES }) basis: CustodyBasis;
  @ApiProperty({ enum: END_REASONS, nullable: true }) endReason: EndReason | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'to - from (today - from while open), when both are days',
  })
  days: number | null;
}

export class SentenceView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ example: 'P10Y', description: 'ISO 8601 duration, life or death' }) term: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) imposedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startsOn: string | null;
  @ApiProperty() creditForCustody: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The day the term is complete (P10Y from 20 March 2017: 20 March 2027); null for life or death',
  })
  expectedReleaseOn: string | null;
  @ApiProperty({ type: [String], description: 'Earlier sentence entries it replaces' }) replaces: string[];
}

export class LastingEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LASTING_TYPES }) type: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) fromPrecision: DatePrecision | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
  @ApiProperty() ongoing: boolean;
  @ApiProperty({ type: Number, nullable: true }) days: number | null;
}

export class CurrentBailView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) grantedOn: string | null;
  @ApiProperty({ enum: BAIL_CONDITIONS, isArray: true }) conditions: string[];
  @ApiProperty({ type: String, nullable: true }) conditionsNote: string | null;
}

export class EndOfLibertyView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) on: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) precision: DatePrecision | null;
}

export class CustodyFlagView {
  @ApiProperty({
    enum: [
      'end-date-mismatch',
      'dated-before-arrest',
      'dated-after-release',
      'dated-after-death',
      'no-order-in-force',
    ],
  })
  kind: string;
  @ApiProperty({
    example: 'Custody order of 25 December 2021: 30 days from the order ends on 24 January 2022, ...',
  })
  message: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'end-date-mismatch' }) custodyOrderId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch: the order date' })
  orderedOn?: string;
  @ApiPropertyOptional({ description: 'end-date-mismatch: the days the order gives' }) days?: number;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch' }) statedUntil?: string;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch' }) computedEnd?: string;
  @ApiPropertyOptional({ description: 'end-date-mismatch: computedEnd minus statedUntil' })
  differenceDays?: number;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch: the end used, the earlier' })
  endsOn?: string;
  @ApiPropertyOptional({ enum: ['custody_order', 'hearing', 'charge', 'event'], description: 'dated-*' })
  entity?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'dated-*' }) id?: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'dated-*' })
  date?: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'dated-before-arrest: the first arrest' })
  arrestedOn?: string;
  @ApiPropertyOptional({ format: 'date', description: 'dated-after-release: the release before the order' })
  releasedOn?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'dated-after-death: the death, when its date is known',
  })
  diedOn?: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'no-order-in-force' }) lastOrderEndedOn?: string;
}

/** The detention history (src/cases/detention-history.ts) as a reader may see it, with the next hearing. */
export type CustodyClock = DetentionHistory & { nextHearing: NextHearing | null };

export class CustodyClockView {
  @ApiProperty({ type: [CustodyPeriodView] }) periods: CustodyPeriodView[];
  @ApiProperty({ type: CustodyPeriodView, nullable: true }) currentPeriod: CustodyPeriodView | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Sum of the custody periods known to the day, today counting while one is open; null when none is',
  })
  daysInCustody: number | null;
  @ApiProperty({ description: 'Some period was left out of daysInCustody: an end is known only roughly' })
  daysInCustodyIsPartial: boolean;
  @ApiProperty({ enum: DETENTION_STATUSES }) detentionStatus: DetentionStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstCustodyOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) firstCustodyPrecision: DatePrecision | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastReleasedOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) lastReleasedPrecision: DatePrecision | null;
  @ApiProperty({ type: CurrentCustodyOrderView, nullable: true })
  currentOrder: CurrentCustodyOrderView | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastOrderEndedOn: string | null;
  @ApiProperty({ type: SentenceView, nullable: true }) sentence: SentenceView | null;
  @ApiProperty({ type: CurrentBailView, nullable: true }) currentBail: CurrentBailView | null;
  @ApiProperty({ type: [LastingEventView] }) lastingEvents: LastingEventView[];
  @ApiProperty({ type: EndOfLibertyView, nullable: true }) death: EndOfLibertyView | null;
  @ApiProperty({ type: EndOfLibertyView, nullable: true }) disappearance: EndOfLibertyView | null;
  @ApiProperty({ type: NextHearingView, nullable: true }) nextHearing: NextHearingView | null;
  @ApiProperty({ type: [CustodyFlagView] }) flags: CustodyFlagView[];
}

export class CaseStageView {
  @ApiProperty({ enum: CASE_STAGE_KINDS }) kind: CaseStageKind;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) fromPrecision: DatePrecision | null;
  @ApiProperty({ type: String, nullable: true, description: 'The entry that opened it' }) openedBy:
    string | null;
  @ApiProperty({ enum: STAGE_DECISIONS, nullable: true }) decision: StageDecision | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decidedOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) decidedPrecision: DatePrecision | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) appealDeadline: string | null;
  @ApiProperty({ type: [String], description: 'Hearings and events that belong to it' }) entryIds: string[];
}

export class AppealDeadlineView {
  @ApiProperty() entryId: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty({ enum: CASE_STAGE_KINDS }) stage: CaseStageKind;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The appeal filed after it' }) answeredBy:
    string | null;
}

export class CaseStagesView {
  @ApiProperty({ type: [CaseStageView] }) stages: CaseStageView[];
  @ApiProperty({ type: CaseStageView }) current: CaseStageView;
  @ApiProperty({ enum: ['convicted', 'acquitted', 'dismissed'], nullable: true })
  verdict: CaseStages['verdict'];
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ type: [AppealDeadlineView] }) appealDeadlines: AppealDeadlineView[];
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) defenderId: string;
  @ApiProperty({ type: DefenderSummary }) defender: DefenderSummary;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'IN' }) country: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) timezone: string;
  @ApiProperty({ type: String, nullable: true }) caseNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({
    enum: CASE_STATUSES,
    description:
      "Derived from the stages (stages.status), unless statusOverride says closed or unknown. In a case with co-accused it is the case defender's (defender): each person's own is participants[].status",
  })
  status: CaseStatus;
  @ApiProperty({ enum: STATUS_OVERRIDES, nullable: true }) statusOverride: StatusOverride | null;
  @ApiProperty({
    type: CaseStagesView,
    nullable: true,
    description:
      "Derived from the entries the reader may read: the case's stages and decisions, as the case defender's own entries and the shared ones tell them",
  })
  stages: CaseStages | null;
  @ApiProperty({
    enum: DETENTION_STATUSES,
    description: 'Derived from the entries (custodyClock.detentionStatus)',
  })
  detentionStatus: DetentionStatus;
  @ApiProperty({ type: String, nullable: true }) placeOfDetention: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Derived: the first day of custody',
  })
  arrestedOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS }) arrestedOnPrecision: DatePrecision;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Derived: the end of the last custody period, once it is closed',
  })
  releasedOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS, nullable: true }) releasedOnPrecision: DatePrecision | null;
  @ApiProperty({ type: [String], format: 'uuid' }) coAccusedIds: string[];
  @ApiProperty({ type: [DefenderSummary] }) coAccused: DefenderSummary[];
  @ApiProperty({
    type: [TeamSummary],
    description:
      "The teams this case is restricted to (empty: not restricted; its defenders' restrictions apply too)",
  })
  restrictedTo: TeamSummary[];
  @ApiProperty({ description: 'Co-accused known only as a number ("and seven others")' })
  unnamedCoAccused: number;
  @ApiProperty({ type: () => [ParticipantView], description: 'The main defender first, then the co-accused' })
  participants: ParticipantView[];
  @ApiProperty({ type: CustodyClockView, description: "The main defender's clock" })
  custodyClock: CustodyClock;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** A person in the case, with the clock and status folded from their own entries and the shared ones. */
export class ParticipantView {
  @ApiProperty({ type: DefenderSummary }) defender: DefenderSummary;
  @ApiProperty({ description: 'The defender the case is about; the others are co-accused' }) main: boolean;
  @ApiProperty({
    enum: CASE_STATUSES,
    description:
      "Their own status: the stage fold of their own entries and the shared ones (a co-accused's conviction is theirs alone)",
  })
  status: CaseStatus;
  @ApiProperty({ enum: CASE_STAGE_KINDS, description: 'The stage their own story is at' })
  stage: CaseStageKind;
  @ApiProperty({
    enum: ['convicted', 'acquitted', 'dismissed'],
    nullable: true,
    description: 'Their standing judgment',
  })
  verdict: CaseStages['verdict'];
  @ApiProperty({ enum: DETENTION_STATUSES }) detentionStatus: DetentionStatus;
  @ApiProperty({ type: CustodyClockView }) custodyClock: CustodyClock;
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items: CaseView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
