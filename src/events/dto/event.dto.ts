import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATE_PRECISIONS, DatePrecision, VISIBILITIES, Visibility } from '../../common/entry';
import { PaginationQuery } from '../../common/pagination';
import { EVENT_TYPES, EventType } from '../event.entity';

const OCCURRED_ON_DESCRIPTION =
  "'YYYY-MM-DD'; for month or year precision also 'YYYY-MM' or 'YYYY', stored as the first day";

const given = (_: object, value: unknown): boolean => value !== undefined;
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

export class CreateEventDto {
  @ApiProperty({ example: '2021-11-22', description: OCCURRED_ON_DESCRIPTION })
  @IsString()
  @MaxLength(10)
  occurredOn: string;

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

  @ApiProperty({ type: [EventSourceDto], description: 'In order; each needs a citation or an http(s) URL' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EventSourceDto)
  sources: EventSourceDto[];
}

export class UpdateEventDto {
  @ApiPropertyOptional({ description: OCCURRED_ON_DESCRIPTION })
  @ValidateIf(given)
  @IsString()
  @MaxLength(10)
  occurredOn?: string;

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
  @ApiProperty({ format: 'date', description: 'The first day of its month or year when less precise' })
  occurredOn: string;
  @ApiProperty({ enum: DATE_PRECISIONS }) precision: DatePrecision;
  @ApiProperty({ enum: EVENT_TYPES }) type: EventType;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
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
