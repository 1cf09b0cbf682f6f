import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_PRECISIONS, DatePrecision } from '../../common/entry';
import { CASE_STATUSES, CaseStatus, DETENTION_STATUSES, DetentionStatus } from '../case.entity';

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
    description: 'orderedOn + days when days is given, else the stated until (the end day itself)',
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

export class CustodyFlagView {
  @ApiProperty({ enum: ['end-date-mismatch', 'dated-before-arrest', 'dated-after-release'] })
  kind: string;
  @ApiProperty({
    example: 'Custody order of 25 December 2021: 30 days from the order ends on 24 January 2022, ...',
  })
  message: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'end-date-mismatch' }) custodyOrderId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch' }) statedUntil?: string;
  @ApiPropertyOptional({ format: 'date', description: 'end-date-mismatch' }) computedEnd?: string;
  @ApiPropertyOptional({ description: 'end-date-mismatch: computedEnd minus statedUntil' })
  differenceDays?: number;
  @ApiPropertyOptional({ enum: ['custody_order', 'hearing', 'charge'], description: 'dated-before/after-*' })
  entity?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'dated-before/after-*' }) id?: string;
  @ApiPropertyOptional({ format: 'date', description: 'dated-before/after-*' }) date?: string;
}

export class CustodyClockView {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Whole days from arrest to today in the case zone (or to release); null without a day-precise arrest',
  })
  daysInCustody: number | null;
  @ApiProperty({ type: CurrentCustodyOrderView, nullable: true })
  currentOrder: CurrentCustodyOrderView | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastOrderEndedOn: string | null;
  @ApiProperty({ type: NextHearingView, nullable: true }) nextHearing: NextHearingView | null;
  @ApiProperty({ type: [CustodyFlagView] }) flags: CustodyFlagView[];
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
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ enum: DETENTION_STATUSES }) detentionStatus: DetentionStatus;
  @ApiProperty({ type: String, nullable: true }) placeOfDetention: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) arrestedOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS }) arrestedOnPrecision: DatePrecision;
  @ApiProperty({ type: String, format: 'date', nullable: true }) releasedOn: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) coAccusedIds: string[];
  @ApiProperty({ type: [DefenderSummary] }) coAccused: DefenderSummary[];
  @ApiProperty({ type: CustodyClockView }) custodyClock: CustodyClockView;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items: CaseView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
