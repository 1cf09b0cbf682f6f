import { CASE_STAGE_KINDS, CaseStageKind } from '../../cases/case-stages';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';
import { CUSTODY_KINDS, CustodyKind } from '../../custody/custody-order.entity';
import { CustodyOrderView } from '../../custody/dto/custody-order.dto';
import { HEARING_STATUSES, HearingStatus } from '../hearing.entity';

const COURT_TIME_DESCRIPTION =
  "A local date-time read in the case's time zone ('2022-07-06T10:30'), a date alone when the time " +
  "is not known ('2022-07-06'), or an instant with an offset ('2022-07-06T05:00:00Z').";

const given = (_: object, value: unknown): boolean => value !== undefined;

export class CreateHearingDto {
  @ApiProperty({ example: '2022-07-06T10:30', description: COURT_TIME_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  scheduledAt: string;

  @ApiPropertyOptional({
    example: 'NIA Special Court, New Delhi',
    nullable: true,
    description: "Defaults to the case's current court",
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  judge?: string | null;

  @ApiPropertyOptional({ example: 'First hearing of the trial', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string | null;

  @ApiPropertyOptional({
    enum: CASE_STAGE_KINDS,
    nullable: true,
    description:
      'The stage it belongs to (first_instance for a trial hearing, appeal …); none: the stage under way on its day',
  })
  @IsOptional()
  @IsIn(CASE_STAGE_KINDS)
  stage?: CaseStageKind | null;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

/** Held and adjourned come only with an outcome (POST /api/hearings/:id/outcome). */
export const SETTABLE_HEARING_STATUSES = ['scheduled', 'cancelled'] as const;

export class UpdateHearingDto {
  @ApiPropertyOptional({ example: '2022-07-20T11:00', description: `Reschedules. ${COURT_TIME_DESCRIPTION}` })
  @ValidateIf(given)
  @IsString()
  @MaxLength(40)
  scheduledAt?: string;

  @ApiPropertyOptional({
    enum: SETTABLE_HEARING_STATUSES,
    description: "'cancelled' cancels; 'scheduled' reinstates a cancelled hearing",
  })
  @ValidateIf(given)
  @IsIn(SETTABLE_HEARING_STATUSES)
  status?: (typeof SETTABLE_HEARING_STATUSES)[number];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  judge?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string | null;

  @ApiPropertyOptional({
    enum: CASE_STAGE_KINDS,
    nullable: true,
    description:
      'The stage it belongs to (first_instance for a trial hearing, appeal …); none: the stage under way on its day',
  })
  @IsOptional()
  @IsIn(CASE_STAGE_KINDS)
  stage?: CaseStageKind | null;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @ValidateIf(given)
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

export class HearingQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: HEARING_STATUSES })
  @IsOptional()
  @IsIn(HEARING_STATUSES)
  status?: HearingStatus;

  @ApiPropertyOptional({ example: '2022-07-01', description: `From (inclusive). ${COURT_TIME_DESCRIPTION}` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({
    example: '2022-07-31',
    description: `Up to (inclusive; a date alone includes that whole local day). ${COURT_TIME_DESCRIPTION}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;
}

export class CustodyExtensionDto {
  @ApiProperty({ enum: CUSTODY_KINDS, example: 'judicial' })
  @IsIn(CUSTODY_KINDS)
  kind: CustodyKind;

  @ApiPropertyOptional({
    example: 50,
    minimum: 1,
    description: 'days or until, or both; no upper limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  days?: number;

  @ApiPropertyOptional({
    example: '2022-07-04',
    format: 'date',
    description: 'The end date as the court stated it',
  })
  @IsOptional()
  @IsCalendarDate()
  until?: string;

  @ApiPropertyOptional({ description: "Defaults to the hearing's court" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string;

  @ApiPropertyOptional({ description: "Defaults to the hearing's judge, who made the order" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  judge?: string;

  @ApiPropertyOptional({ description: "Defaults to the case's place of detention" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;
}

export class NextHearingDto {
  @ApiPropertyOptional({ description: "Defaults to this hearing's court" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  judge?: string;

  @ApiPropertyOptional({ example: 'Framing of charges' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;
}

export const OUTCOME_STATUSES = ['held', 'adjourned'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export class RecordOutcomeDto {
  @ApiProperty({ example: 'Judicial custody extended by 50 days' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(2000)
  result: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;

  @ApiPropertyOptional({ enum: OUTCOME_STATUSES, default: 'held' })
  @IsOptional()
  @IsIn(OUTCOME_STATUSES)
  status?: OutcomeStatus;

  @ApiPropertyOptional({
    type: CustodyExtensionDto,
    description: 'Records a custody order made at this hearing (ordered on its local date)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustodyExtensionDto)
  custodyExtension?: CustodyExtensionDto;

  @ApiPropertyOptional({
    example: '2022-08-24T10:30',
    description: `Schedules the next hearing. ${COURT_TIME_DESCRIPTION}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  nextHearingAt?: string;

  @ApiPropertyOptional({
    type: NextHearingDto,
    description: 'Details of the next hearing; needs nextHearingAt',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NextHearingDto)
  nextHearing?: NextHearingDto;
}

export class HearingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '2022-07-06T05:00:00.000Z', description: 'The UTC instant' })
  scheduledAt: string;
  @ApiProperty({ example: '2022-07-06T10:30:00', description: "Wall-clock time in the case's zone" })
  scheduledLocal: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) timezone: string;
  @ApiProperty({ description: 'false when only the day is known' }) timeKnown: boolean;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({ type: String, nullable: true }) judge: string | null;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty({ enum: CASE_STAGE_KINDS, nullable: true }) stage: CaseStageKind | null;
  @ApiProperty({ enum: HEARING_STATUSES }) status: HearingStatus;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeNotes: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) outcomeRecordedAt: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HearingPage {
  @ApiProperty({ type: [HearingView] }) items: HearingView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class OutcomeView {
  @ApiProperty({ type: HearingView }) hearing: HearingView;
  @ApiProperty({
    type: CustodyOrderView,
    nullable: true,
    description: 'The custody order this hearing made, if any',
  })
  custodyOrder: CustodyOrderView | null;
  @ApiProperty({ type: HearingView, nullable: true, description: 'The next hearing, when one was scheduled' })
  nextHearing: HearingView | null;
  @ApiProperty({
    description:
      "Some of the case's pending reminders (of those you may see) would reach nobody on the case: no unmuted " +
      'watcher who may read them and no external recipient. They go to the fallback address if it may read them, else nowhere.',
  })
  notifiesNobody: boolean;
}
