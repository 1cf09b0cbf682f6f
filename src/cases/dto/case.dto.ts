import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsEmpty,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CASE_STAGE_KINDS, CaseStageKind, STATUS_OVERRIDES, StatusOverride } from '../case-stages';
import { CASE_SORTS, CaseSort, SORT_ORDERS, SortOrder } from '../case-list-sql';
import { DATE_PRECISIONS, DatePrecision } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { IsTimeZone } from '../../common/is-time-zone';
import { PaginationQuery } from '../../common/pagination';
import { IsCountryCode } from '../../defenders/dto/is-country-code';
import { CASE_STATUSES, CaseStatus, DETENTION_STATUSES, DetentionStatus } from '../case.entity';

const NOT_BLANK = { message: '$property must not be blank' };

// Fields a case cannot be without may be left out of a PATCH, but not set to null.
const given = (_: object, value: unknown): boolean => value !== undefined;

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid', description: 'The defender this case is about' })
  @IsUUID()
  defenderId: string;

  @ApiProperty({ example: 'NIA case RC-30/2021/NIA/DLI' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2, upper case' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ example: 'Asia/Kolkata', description: "IANA zone of the case's courts" })
  @IsTimeZone()
  timezone: string;

  @ApiPropertyOptional({ example: 'RC-30/2021/NIA/DLI', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caseNumber?: string | null;

  @ApiPropertyOptional({ example: 'NIA Special Court, New Delhi', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    default: 'under_investigation',
    description:
      'A convenience when the case is created: it writes the undated, internal entry that says so (a charge ' +
      'sheet, a first-instance court appearance, a conviction …); closed and unknown set statusOverride. ' +
      'Afterwards the status is derived from the stages.',
  })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({
    enum: DETENTION_STATUSES,
    description:
      'A convenience when the case is created: it writes the entries that say so (an undated bail, ' +
      'release, death or disappearance when no date is given). Afterwards the status is derived from the entries.',
  })
  @IsOptional()
  @IsIn(DETENTION_STATUSES)
  detentionStatus?: DetentionStatus;

  @ApiPropertyOptional({ example: 'Tihar Jail, New Delhi', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  placeOfDetention?: string | null;

  @ApiPropertyOptional({
    example: '2021-11-22',
    format: 'date',
    nullable: true,
    description:
      'A convenience when the case is created: writes an arrest event. The first day of the month or ' +
      'year when arrestedOnPrecision says so',
  })
  @IsOptional()
  @IsCalendarDate()
  arrestedOn?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, default: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  arrestedOnPrecision?: DatePrecision;

  @ApiPropertyOptional({
    example: '2016-11-30',
    format: 'date',
    nullable: true,
    description:
      'A convenience when the case is created: writes a release (a bail_granted when detentionStatus is on_bail)',
  })
  @IsOptional()
  @IsCalendarDate()
  releasedOn?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, default: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  releasedOnPrecision?: DatePrecision;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Other defenders accused in this case',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coAccusedIds?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100000,
    description: 'How many co-accused are known only as a number ("and seven others")',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  unnamedCoAccused?: number;
}

const DERIVED = {
  message:
    "$property is derived from the case's entries: record an arrest, bail, release or sentence event instead",
};

// The arrest date, release date and detention status cannot be changed here: after creation they are
// derived from the case's entries. They are declared only to say so, field by field.
export class UpdateCaseDto {
  @ApiHideProperty()
  @IsEmpty(DERIVED)
  arrestedOn?: never;

  @ApiHideProperty()
  @IsEmpty(DERIVED)
  arrestedOnPrecision?: never;

  @ApiHideProperty()
  @IsEmpty(DERIVED)
  releasedOn?: never;

  @ApiHideProperty()
  @IsEmpty(DERIVED)
  detentionStatus?: never;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(given)
  @IsUUID()
  defenderId?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'IN' })
  @ValidateIf(given)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({
    example: 'Asia/Kolkata',
    description: "Changing it re-derives every hearing's instant from its local time",
  })
  @ValidateIf(given)
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caseNumber?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiHideProperty()
  // Not even null: the status is never written here.
  @Equals(undefined, {
    message:
      "$property is derived from the case's stages: record a hearing, a conviction, an appeal filed or decided; " +
      'or set statusOverride to closed or unknown',
  })
  status?: never;

  @ApiPropertyOptional({
    enum: STATUS_OVERRIDES,
    nullable: true,
    description: 'What no entry tells: the case is closed, or its status is unknown. null: derived again.',
  })
  @IsOptional()
  @IsIn(STATUS_OVERRIDES)
  statusOverride?: StatusOverride | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  placeOfDetention?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the whole list' })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coAccusedIds?: string[];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100000,
    description: 'How many co-accused are known only as a number ("and seven others")',
  })
  @ValidateIf(given)
  @IsInt()
  @Min(0)
  @Max(100000)
  unnamedCoAccused?: number;
}

export class CaseQuery extends PaginationQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Cases about this defender (not those where co-accused)',
  })
  @IsOptional()
  @IsUUID()
  defenderId?: string;

  @ApiPropertyOptional({ example: 'IN' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: DETENTION_STATUSES })
  @IsOptional()
  @IsIn(DETENTION_STATUSES)
  detentionStatus?: DetentionStatus;

  @ApiPropertyOptional({ enum: CASE_STAGE_KINDS, description: 'The stage under way' })
  @IsOptional()
  @IsIn(CASE_STAGE_KINDS)
  stage?: CaseStageKind;

  @ApiPropertyOptional({
    example: 'me',
    description: 'Cases this user watches: "me" or a user id',
  })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'watcher must be "me" or a user id',
  })
  watcher?: string;

  @ApiPropertyOptional({
    enum: CASE_SORTS,
    default: 'created',
    description:
      'nextHearing and custodyEnd soonest first, daysInCustody and lastChange most first, created newest first; ' +
      'cases without the value last, ties by creation (newest first) then id',
  })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;

  @ApiPropertyOptional({ enum: SORT_ORDERS, description: "Reverses the sort's own order when given" })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}
