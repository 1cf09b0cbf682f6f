import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { DATE_PRECISIONS, DatePrecision, VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';

export class TimelineQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: VISIBILITIES,
    isArray: true,
    description: 'Comma-separated; by default everything the reader may see (viewers: public and internal)',
    example: 'public,internal',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value,
  )
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(VISIBILITIES, { each: true })
  visibility?: Visibility[];

  @ApiPropertyOptional({ format: 'date', description: 'Entries dated on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Entries dated on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class TimelineSourceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: String, nullable: true }) citation: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
}

export class TimelineEntryView {
  @ApiProperty({ enum: ['event', 'charge', 'hearing', 'custody_order'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'Events: occurredOn; charges: broughtOn (null when unknown); hearings: the local day; custody orders: orderedOn',
  })
  date: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS }) precision: DatePrecision;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ example: '2026-01-15T09:00:00.123456Z' }) createdAt: string;

  @ApiPropertyOptional({ description: 'event' }) type?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'event' }) title?: string | null;
  @ApiPropertyOptional({ description: 'event' }) description?: string;
  @ApiPropertyOptional({ type: [TimelineSourceView], description: 'event' }) sources?: TimelineSourceView[];

  @ApiPropertyOptional({ description: 'charge' }) law?: string;
  @ApiPropertyOptional({ description: 'charge' }) section?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'charge' }) offence?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'charge' })
  broughtOn?: string | null;
  @ApiPropertyOptional({ description: 'charge, hearing' }) status?: string;

  @ApiPropertyOptional({ description: 'hearing: the instant, UTC' }) scheduledAt?: string;
  @ApiPropertyOptional({ description: "hearing: wall-clock time in the case's zone" })
  scheduledLocal?: string;
  @ApiPropertyOptional({ description: 'hearing' }) timeKnown?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing, custody_order, event' })
  court?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing, custody_order' })
  judge?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing' }) purpose?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'event, hearing: the stage it belongs to (an appeal filed: the stage it opens)',
  })
  stage?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'event: what the court decided' })
  decision?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'event: last day to appeal',
  })
  appealDeadline?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing' }) outcome?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing' }) outcomeNotes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'hearing' })
  outcomeRecordedAt?: string | null;
  @ApiPropertyOptional({ description: 'hearing: when it last changed, UTC' }) updatedAt?: string;

  @ApiPropertyOptional({ description: "custody_order: the order's own kind (judicial, police...)" })
  custodyKind?: string;
  @ApiPropertyOptional({ format: 'date', description: 'custody_order' }) orderedOn?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'custody_order' }) days?: number | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'custody_order: as stated',
  })
  until?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'custody_order: orderedOn + days when days is given, else until',
  })
  endsOn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'custody_order' }) place?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'custody_order' }) hearingId?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'custody_order' }) notes?: string | null;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineEntryView] }) items: TimelineEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
