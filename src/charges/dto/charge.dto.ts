import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ParticipantIdField, ParticipantIdView } from '../../cases/dto/participant-id';
import { DATE_PRECISIONS, DatePrecision, VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';
import { SENTENCE_TERM } from '../../cases/detention-model';
import { CHARGE_STATUSES, ChargeStatus } from '../charge.entity';

const PENALTY_MESSAGE = {
  message: '$property must be an ISO 8601 term of years, months, weeks or days (P7Y, P6M), life or death',
};

export class CreateChargeDto {
  @ApiProperty({ example: 'Unlawful Activities (Prevention) Act 1967' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(300)
  law: string;

  @ApiPropertyOptional({ example: '18B', nullable: true, description: 'Left out when the sources name none' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(50)
  section?: string | null;

  @ApiPropertyOptional({
    example: 'life',
    nullable: true,
    description:
      'The maximum penalty the law sets for it (P7Y, life, death); statutory limits read the gravity from it',
  })
  @IsOptional()
  @Matches(SENTENCE_TERM, PENALTY_MESSAGE)
  maximumPenalty?: string | null;

  @ApiPropertyOptional({ example: 2, minimum: 1, nullable: true, description: 'How many counts, when known' })
  @IsOptional()
  @IsInt()
  @Min(1)
  counts?: number | null;

  @ApiPropertyOptional({
    example: 'Recruiting any person for the commission of a terrorist act',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  offence?: string | null;

  @ApiPropertyOptional({
    example: '2021-11-22',
    format: 'date',
    nullable: true,
    description: 'The first day of its month or year when broughtOnPrecision says so',
  })
  @IsOptional()
  @IsCalendarDate()
  broughtOn?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, default: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  broughtOnPrecision?: DatePrecision;

  @ApiProperty({ enum: CHARGE_STATUSES })
  @IsIn(CHARGE_STATUSES)
  status: ChargeStatus;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ParticipantIdField()
  participantId?: string | null;
}

// Fields the charge cannot be without may be left out of a PATCH, but not set to null.
const given = (_: object, value: unknown): boolean => value !== undefined;

export class UpdateChargeDto {
  @ApiPropertyOptional({ example: 'Indian Penal Code 1860' })
  @ValidateIf(given)
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(300)
  law?: string;

  @ApiPropertyOptional({ example: '120B', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(50)
  section?: string | null;

  @ApiPropertyOptional({
    example: 'P10Y',
    nullable: true,
    description:
      'The maximum penalty the law sets for it (P7Y, life, death); statutory limits read the gravity from it',
  })
  @IsOptional()
  @Matches(SENTENCE_TERM, PENALTY_MESSAGE)
  maximumPenalty?: string | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  counts?: number | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS })
  @ValidateIf(given)
  @IsIn(DATE_PRECISIONS)
  broughtOnPrecision?: DatePrecision;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  offence?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  broughtOn?: string | null;

  @ApiPropertyOptional({ enum: CHARGE_STATUSES })
  @ValidateIf(given)
  @IsIn(CHARGE_STATUSES)
  status?: ChargeStatus;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @ValidateIf(given)
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ParticipantIdField()
  participantId?: string | null;
}

export class ChargeQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: CHARGE_STATUSES })
  @IsOptional()
  @IsIn(CHARGE_STATUSES)
  status?: ChargeStatus;
}

export class ChargeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() law: string;
  @ApiProperty({ type: String, nullable: true }) section: string | null;
  @ApiProperty({ type: String, nullable: true }) maximumPenalty: string | null;
  @ApiProperty({ type: Number, nullable: true }) counts: number | null;
  @ApiProperty({ type: String, nullable: true }) offence: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) broughtOn: string | null;
  @ApiProperty({ enum: DATE_PRECISIONS }) broughtOnPrecision: DatePrecision;
  @ApiProperty({ enum: CHARGE_STATUSES }) status: ChargeStatus;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ParticipantIdView() participantId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ChargePage {
  @ApiProperty({ type: [ChargeView] }) items: ChargeView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
