import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ParticipantIdField, ParticipantIdView } from '../../cases/dto/participant-id';
import {
  BAIL_CONDITIONS,
  BailCondition,
  CUSTODY_BASES,
  CustodyBasis,
  PERIOD_POSITIONS,
  PeriodPosition,
  SENTENCE_TERM,
} from '../../cases/detention-history';
import { DATE_PRECISIONS, DatePrecision, VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';
import { EVENT_TYPES, EventType } from '../event.entity';
import { CASE_STAGE_KINDS, CaseStageKind, STAGE_DECISIONS, StageDecision } from '../../cases/case-stages';

const OCCURRED_ON_DESCRIPTION =
  "'YYYY-MM-DD'; for month or year precision also 'YYYY-MM' or 'YYYY', stored as the first day; " +
  'null when the date is not known (the event sorts last)';
const TERM_MESSAGE = {
  message: '$property must be an ISO 8601 duration such as P15Y or P2Y6M, or life, or death',
};

const given = (_: object, value: unknown): boolean => value !== undefined;
const present = (_: object, value: unknown): boolean => value !== undefined && value !== null;
const absent = (value: unknown): boolean => value === undefined || value === null;

export class EventSourceDto {
  @ApiPropertyOptional({ example: 'Amnesty International, public statement, 22 November 2021' })
  // Checked when there is no URL, or when a citation was given at all: a source needs one or the other.
  @ValidateIf((source: EventSourceDto) => absent(source.url) || !absent(source.citation))
  @IsDefined({ message: 'a source needs a citation or an http(s) URL' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(2000)
  citation?: string | null;

  @ApiPropertyOptional({ example: 'https://www.ohchr.org/en/press-releases/2021/12/india-un-experts' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '$property must be an http(s) URL' },
  )
  @MaxLength(2000)
  url?: string | null;
}

/** Fields some event types carry; the service refuses them on the others. */
export class EventFieldsDto {
  @ApiPropertyOptional({
    enum: CUSTODY_BASES,
    nullable: true,
    description:
      'arrest, detention, bail_revoked: the kind of custody it began (default police for an arrest, else pre_trial)',
  })
  @IsOptional()
  @IsIn(CUSTODY_BASES)
  custodyBasis?: CustodyBasis | null;

  @ApiPropertyOptional({ enum: BAIL_CONDITIONS, isArray: true, nullable: true, description: 'bail_granted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BAIL_CONDITIONS.length)
  @ArrayUnique()
  @IsIn(BAIL_CONDITIONS, { each: true })
  bailConditions?: BailCondition[] | null;

  @ApiPropertyOptional({ nullable: true, description: 'bail_granted: the conditions in words' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  bailConditionsNote?: string | null;

  @ApiPropertyOptional({
    example: 'P15Y',
    nullable: true,
    description: 'sentence (required there): P15Y, P2Y6M, life or death',
  })
  @IsOptional()
  @IsString()
  @Matches(SENTENCE_TERM, TERM_MESSAGE)
  sentenceTerm?: string | null;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    description: 'sentence: default the first day of custody when creditForCustody, else the sentence date',
  })
  @IsOptional()
  @IsCalendarDate()
  sentenceStartsOn?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    default: true,
    description: 'sentence: time already in custody counts',
  })
  @IsOptional()
  @IsBoolean()
  creditForCustody?: boolean | null;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    description: 'hunger_strike, travel_ban, incommunicado: the day it ended; absent while it lasts',
  })
  @IsOptional()
  @IsCalendarDate()
  endedOn?: string | null;

  @ApiPropertyOptional({
    enum: CASE_STAGE_KINDS,
    nullable: true,
    description:
      'court, conviction, acquittal, sentence, appeal_decision: the stage it belongs to; appeal_filed: the stage it ' +
      'opens (appeal by default, cassation or other)',
  })
  @IsOptional()
  @IsIn(CASE_STAGE_KINDS)
  stage?: CaseStageKind | null;

  @ApiPropertyOptional({
    example: 'Court of Appeal of Antananarivo',
    nullable: true,
    description: 'court, conviction, acquittal, appeal_filed, appeal_decision: the court',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiPropertyOptional({
    enum: STAGE_DECISIONS,
    nullable: true,
    description: 'appeal_decision (required there), court: what the court decided',
  })
  @IsOptional()
  @IsIn(STAGE_DECISIONS)
  decision?: StageDecision | null;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    description:
      'conviction, acquittal, appeal_decision, court with a decision: the last day to appeal it (reminders ' +
      'before it until an appeal is filed)',
  })
  @IsOptional()
  @IsCalendarDate()
  appealDeadline?: string | null;

  @ApiPropertyOptional({
    enum: PERIOD_POSITIONS,
    nullable: true,
    description:
      'For a date known to the month or year: place it at the start or the end of that period ' +
      '(by default an arrest, detention or bail revoked at the start, anything else at the end)',
  })
  @IsOptional()
  @IsIn(PERIOD_POSITIONS)
  periodPosition?: PeriodPosition | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: -100,
    maximum: 100,
    description:
      'Among the entries that stand on the same day: lower comes first (none is 0), then the order they were recorded in',
  })
  @IsOptional()
  @IsInt()
  @Min(-100)
  @Max(100)
  dayPosition?: number | null;
}

export class CreateEventDto extends EventFieldsDto {
  @ApiProperty({ example: '2021-11-22', nullable: true, type: String, description: OCCURRED_ON_DESCRIPTION })
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsString()
  @MaxLength(10)
  occurredOn: string | null;

  @ApiProperty({ enum: DATE_PRECISIONS, example: 'day' })
  @IsIn(DATE_PRECISIONS)
  precision: DatePrecision;

  @ApiProperty({ enum: EVENT_TYPES, example: 'arrest' })
  @IsIn(EVENT_TYPES)
  type: EventType;

  @ApiPropertyOptional({ example: 'Arrested by the NIA', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @ApiProperty({ example: 'Arrested in Srinagar after raids on his home and office.' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: VISIBILITIES })
  @IsIn(VISIBILITIES)
  visibility: Visibility;

  @ParticipantIdField()
  participantId?: string | null;

  @ApiProperty({ type: [EventSourceDto], description: 'In order; each needs a citation or an http(s) URL' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EventSourceDto)
  sources: EventSourceDto[];
}

export class UpdateEventDto extends EventFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: OCCURRED_ON_DESCRIPTION })
  @ValidateIf(present)
  @IsString()
  @MaxLength(10)
  occurredOn?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS })
  @ValidateIf(given)
  @IsIn(DATE_PRECISIONS)
  precision?: DatePrecision;

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @ValidateIf(given)
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @ValidateIf(given)
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ParticipantIdField()
  participantId?: string | null;

  @ApiPropertyOptional({ type: [EventSourceDto], description: 'Replaces all of the sources' })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EventSourceDto)
  sources?: EventSourceDto[];
}

export class EventQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

export class EventSourceView {
  @ApiProperty({ type: String, nullable: true }) citation: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
}

export class EventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The first day of its month or year when less precise; null when not known',
  })
  occurredOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS }) precision: DatePrecision;
  @ApiProperty({ enum: EVENT_TYPES }) type: EventType;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ParticipantIdView() participantId: string | null;
  @ApiProperty({ enum: CUSTODY_BASES, nullable: true }) custodyBasis: CustodyBasis | null;
  @ApiProperty({ enum: BAIL_CONDITIONS, isArray: true, nullable: true }) bailConditions:
    BailCondition[] | null;
  @ApiProperty({ type: String, nullable: true }) bailConditionsNote: string | null;
  @ApiProperty({ type: String, nullable: true }) sentenceTerm: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) sentenceStartsOn: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) creditForCustody: boolean | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endedOn: string | null;
  @ApiProperty({ enum: PERIOD_POSITIONS, nullable: true }) periodPosition: PeriodPosition | null;
  @ApiProperty({ type: Number, nullable: true }) dayPosition: number | null;
  @ApiProperty({ enum: CASE_STAGE_KINDS, nullable: true }) stage: CaseStageKind | null;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({ enum: STAGE_DECISIONS, nullable: true }) decision: StageDecision | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) appealDeadline: string | null;
  @ApiProperty({ type: [EventSourceView] }) sources: EventSourceView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class EventPage {
  @ApiProperty({ type: [EventView] }) items: EventView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
