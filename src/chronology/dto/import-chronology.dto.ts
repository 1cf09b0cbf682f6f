import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DATE_PRECISIONS, DatePrecision, VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { EVENT_TYPES, EventType } from '../../events/event.entity';
import { EventSourceDto } from '../../events/dto/event.dto';
import { CHRONOLOGY_LANGUAGES, ChronologyLanguage } from '../date-phrases';

export const MAX_IMPORT_CHARACTERS = 500_000;
/** The fields a page's import form may send: nine per entry choice, the sources and the general choices. */
export const MAX_CHRONOLOGY_FORM_FIELDS = 5000 * 9 + 5000 + 50;

/**
 * A caseworker's choice for one entry of the preview, by its id (or its line, for the first entry
 * of a line); overrides the general choices and corrects what the text was read as.
 */
export class ImportLineChoiceDto {
  @ApiProperty({ example: 24, description: 'The entry’s line, as the preview gave it' })
  @IsInt()
  @Min(1)
  line: number;

  @ApiPropertyOptional({ example: '24.2', description: 'The entry’s id, when a line has several entries' })
  @IsOptional()
  @Matches(/^\d{1,7}(?:\.\d{1,3})?$/, {
    message: '$property must be an entry id from the preview, such as 24 or 24.2',
  })
  entry?: string;

  @ApiPropertyOptional({
    example: '2022-05-03',
    description: 'The date, corrected (YYYY-MM-DD, YYYY-MM or YYYY)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  occurredOn?: string;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  precision?: DatePrecision;

  @ApiPropertyOptional({ example: '2022-05-22', description: 'Lasting entries: the day it ended, corrected' })
  @IsOptional()
  @IsCalendarDate()
  endedOn?: string;

  @ApiPropertyOptional({ enum: EVENT_TYPES, description: 'What happened, corrected' })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ example: 'P5Y', description: 'A sentence’s term, when the type is sentence' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  sentenceTerm?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whom the entry is about: a defender the preview offers. Only the case’s defender is imported here.',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Leave this entry out altogether' })
  @IsOptional()
  @IsBoolean()
  skip?: boolean;

  @ApiPropertyOptional({ description: 'Write the custody order detected in this entry' })
  @IsOptional()
  @IsBoolean()
  custodyOrder?: boolean;

  @ApiPropertyOptional({ description: 'Write the charges detected in this entry' })
  @IsOptional()
  @IsBoolean()
  charges?: boolean;

  @ApiPropertyOptional({ description: 'Write the hearing (and the next hearing) detected in this entry' })
  @IsOptional()
  @IsBoolean()
  hearings?: boolean;
}

export class ImportKeepDto {
  @ApiPropertyOptional({ default: false, description: 'Write the custody orders detected' })
  @IsOptional()
  @IsBoolean()
  custodyOrders?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Write the charges detected' })
  @IsOptional()
  @IsBoolean()
  charges?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Write the hearings detected' })
  @IsOptional()
  @IsBoolean()
  hearings?: boolean;

  @ApiPropertyOptional({ type: [ImportLineChoiceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ImportLineChoiceDto)
  lines?: ImportLineChoiceDto[];
}

/** A source given once for the import, for every entry or for the ones it names. */
export class ImportSourceDto extends EventSourceDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['5', '8.2'],
    description: 'Entry ids; all entries when left out',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @Matches(/^\d{1,7}(?:\.\d{1,3})?$/, {
    each: true,
    message: 'each of $property must be an entry id from the preview',
  })
  entries?: string[];
}

export class ImportChronologyDto {
  @ApiProperty({
    description: 'Chronology text as statements write it ("22 November 2021: …", "In October 2020, …")',
    maxLength: MAX_IMPORT_CHARACTERS,
  })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(MAX_IMPORT_CHARACTERS)
  text: string;

  @ApiPropertyOptional({
    enum: CHRONOLOGY_LANGUAGES,
    default: 'en',
    description: 'Language the problems are written in',
  })
  @IsOptional()
  @IsIn(CHRONOLOGY_LANGUAGES)
  lang?: ChronologyLanguage;

  @ApiPropertyOptional({
    default: false,
    description: 'false (default): preview only; true: write it all, or nothing',
  })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;

  @ApiPropertyOptional({
    enum: VISIBILITIES,
    default: 'public',
    description: 'Visibility of everything written; statement text is public by nature',
  })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ApiPropertyOptional({
    type: ImportKeepDto,
    description: 'Which detected records to write besides the events',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportKeepDto)
  keep?: ImportKeepDto;

  @ApiPropertyOptional({
    type: [ImportSourceDto],
    description: 'Where the text comes from, written on the entries',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ImportSourceDto)
  sources?: ImportSourceDto[];
}

export class ClosingLineDto {
  @ApiProperty({ example: "India is rated 'Repressed' by the CIVICUS Monitor." })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(1000)
  text: string;
}
