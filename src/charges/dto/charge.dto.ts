import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { VISIBILITIES, Visibility } from '../../common/entry';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PaginationQuery } from '../../common/pagination';
import { CHARGE_STATUSES, ChargeStatus } from '../charge.entity';

export class CreateChargeDto {
  @ApiProperty({ example: 'Unlawful Activities (Prevention) Act 1967' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(300)
  law: string;

  @ApiProperty({ example: '18B' })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(50)
  section: string;

  @ApiPropertyOptional({
    example: 'Recruiting any person for the commission of a terrorist act',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  offence?: string | null;

  @ApiPropertyOptional({ example: '2021-11-22', format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  broughtOn?: string | null;

  @ApiProperty({ enum: CHARGE_STATUSES })
  @IsIn(CHARGE_STATUSES)
  status: ChargeStatus;

  @ApiPropertyOptional({ enum: VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
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

  @ApiPropertyOptional({ example: '120B' })
  @ValidateIf(given)
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(50)
  section?: string;

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
  @ApiProperty() section: string;
  @ApiProperty({ type: String, nullable: true }) offence: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) broughtOn: string | null;
  @ApiProperty({ enum: CHARGE_STATUSES }) status: ChargeStatus;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ChargePage {
  @ApiProperty({ type: [ChargeView] }) items: ChargeView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
