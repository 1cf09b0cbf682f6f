import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SENTENCE_TERM } from '../cases/detention-model';
import {
  LIMIT_BASES,
  LIMIT_STARTS,
  LIMIT_STATES,
  LIMIT_STOPS,
  LimitBasis,
  LimitStart,
  LimitStop,
  MAX_PERIOD_LENGTH,
  PERIOD_UNITS,
  PeriodUnit,
} from './limit-model';

const TERM_MESSAGE = { message: '$property must be an ISO 8601 term (P10Y, P6M1D), life or death' };
const NOT_BLANK = { message: '$property must not be blank' };

export class LimitPeriodDto {
  @ApiProperty({ example: 90 })
  @IsInt()
  @Min(1)
  @Max(MAX_PERIOD_LENGTH)
  length: number;

  @ApiProperty({ enum: PERIOD_UNITS })
  @IsIn(PERIOD_UNITS)
  unit: PeriodUnit;

  @ApiProperty({ description: 'True when the period is allowed only if a court orders it' })
  @IsBoolean()
  renewedByCourt: boolean;
}

export class CreateStatutoryLimitDto {
  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2 country the law is in force in' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be two capital letters (ISO 3166-1 alpha-2)' })
  country: string;

  @ApiProperty({ example: 'Unlawful Activities (Prevention) Act 1967' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(300)
  law: string;

  @ApiProperty({ example: 's.43D(2)(b)' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(100)
  section: string;

  @ApiProperty({ example: 'UAPA s.43D(2)', description: 'Short name for lists and emails' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(100)
  reference: string;

  @ApiProperty({ description: 'The text of the article it encodes, quoted or closely paraphrased' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(4000)
  citation: string;

  @ApiPropertyOptional({ nullable: true, example: 'https://www.indiacode.nic.in/' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'citationUrl must be an http(s) URL' },
  )
  @MaxLength(2000)
  citationUrl?: string | null;

  @ApiProperty({ example: 'Charge sheet due within 90 days; 180 when the court extends it' })
  @IsString()
  @MinLength(1)
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'IN CrPC s.167(2) default bail',
    description: 'Rows sharing a rule are alternatives: the first by priority whose scope matches applies',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(200)
  rule?: string | null;

  @ApiPropertyOptional({ default: 0, description: 'Lower is tried first among the alternatives of a rule' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({
    enum: LIMIT_BASES,
    isArray: true,
    description: 'Empty (the default) for every basis',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(LIMIT_BASES, { each: true })
  bases?: LimitBasis[];

  @ApiPropertyOptional({
    example: 'Unlawful Activities (Prevention) Act',
    description:
      "Text a charge's law must contain (case-insensitive); empty when the statute does not matter",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lawPattern?: string;

  @ApiPropertyOptional({ example: '8(1)(a)(ii)', description: "A charge's section must begin with it" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sectionPattern?: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'P10Y',
    description: 'The gravest charge is punishable by at least',
  })
  @IsOptional()
  @Matches(SENTENCE_TERM, TERM_MESSAGE)
  penaltyFrom?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'P10Y', description: '… and by less than' })
  @IsOptional()
  @Matches(SENTENCE_TERM, TERM_MESSAGE)
  penaltyBelow?: string | null;

  @ApiPropertyOptional({ enum: LIMIT_STARTS, default: 'arrest' })
  @IsOptional()
  @IsIn(LIMIT_STARTS)
  startsOn?: LimitStart;

  @ApiProperty({ enum: LIMIT_STOPS, isArray: true, example: ['charge_sheet', 'release'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(LIMIT_STOPS, { each: true })
  stoppedBy: LimitStop[];

  @ApiProperty({ type: [LimitPeriodDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => LimitPeriodDto)
  periods: LimitPeriodDto[];

  @ApiProperty({ example: 'A right to default bail' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(2000)
  exceeding: string;

  @ApiPropertyOptional({ description: 'What the reviewers were unsure of' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateStatutoryLimitDto extends PartialType(CreateStatutoryLimitDto) {}

export class PeriodEndView {
  @ApiProperty() days: number;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty() renewedByCourt: boolean;
}

export class StatutoryLimitStateView {
  @ApiProperty() limitId: string;
  @ApiProperty() reference: string;
  @ApiProperty() law: string;
  @ApiProperty() section: string;
  @ApiProperty() citation: string;
  @ApiProperty({ type: String, nullable: true }) citationUrl: string | null;
  @ApiProperty() description: string;
  @ApiProperty() exceeding: string;
  @ApiProperty({ enum: LIMIT_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) startedOn: string | null;
  @ApiProperty({ type: [PeriodEndView] }) periodEnds: PeriodEndView[];
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'running: the next period end' })
  dueOn: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) lastDay: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) stoppedOn: string | null;
  @ApiProperty({ enum: LIMIT_STOPS, nullable: true }) stoppedBy: string | null;
  @ApiProperty({ type: Number, nullable: true }) exceededByDays: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The entry the clock counts from' })
  startedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The entry that stopped it' })
  stoppedByEntry: string | null;
  @ApiProperty({ type: [String], description: 'The charges that put the case in its scope' })
  chargeIds: string[];
}
