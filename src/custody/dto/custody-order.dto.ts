import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { ParticipantIdField, ParticipantIdView } from '../../cases/dto/participant-id';
import { VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';
import { CUSTODY_KINDS, CustodyKind } from '../custody-order.entity';

export class CreateCustodyOrderDto {
  @ApiProperty({ enum: CUSTODY_KINDS })
  @IsIn(CUSTODY_KINDS)
  kind: CustodyKind;

  @ApiProperty({ example: '2021-12-04', format: 'date' })
  @IsCalendarDate()
  orderedOn: string;

  @ApiPropertyOptional({ example: 20, minimum: 1, nullable: true, description: 'No upper limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  days?: number | null;

  @ApiPropertyOptional({
    example: '2021-12-24',
    format: 'date',
    nullable: true,
    description: 'The end date as the court stated it; kept even when it disagrees with orderedOn + days',
  })
  @IsOptional()
  @IsCalendarDate()
  until?: string | null;

  @ApiPropertyOptional({ example: 'NIA Special Court, New Delhi', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  court?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  judge?: string | null;

  @ApiPropertyOptional({ example: 'Tihar Jail, New Delhi', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ParticipantIdField()
  participantId?: string | null;
}

const given = (_: object, value: unknown): boolean => value !== undefined;

export class UpdateCustodyOrderDto {
  @ApiPropertyOptional({ enum: CUSTODY_KINDS })
  @ValidateIf(given)
  @IsIn(CUSTODY_KINDS)
  kind?: CustodyKind;

  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf(given)
  @IsCalendarDate()
  orderedOn?: string;

  @ApiPropertyOptional({ minimum: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  days?: number | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  until?: string | null;

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
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @ValidateIf(given)
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ParticipantIdField()
  participantId?: string | null;
}

export class CustodyOrderQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: CUSTODY_KINDS })
  @IsOptional()
  @IsIn(CUSTODY_KINDS)
  kind?: CustodyKind;
}

export class CustodyOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CUSTODY_KINDS }) kind: CustodyKind;
  @ApiProperty({ format: 'date' }) orderedOn: string;
  @ApiProperty({ type: Number, nullable: true }) days: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) until: string | null;
  @ApiProperty({ type: String, nullable: true }) court: string | null;
  @ApiProperty({ type: String, nullable: true }) judge: string | null;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The hearing whose outcome made this order',
  })
  hearingId: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ParticipantIdView() participantId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CustodyOrderPage {
  @ApiProperty({ type: [CustodyOrderView] }) items: CustodyOrderView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
