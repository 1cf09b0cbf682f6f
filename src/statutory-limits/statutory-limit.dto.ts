import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CreateStatutoryLimitDto {
  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2 country the law is in force in' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be two capital letters (ISO 3166-1 alpha-2)' })
  country: string;

  @ApiProperty({
    example: 'Unlawful Activities (Prevention) Act',
    description: "Text a charge's law must contain (case-insensitive); empty applies to every charge",
  })
  @IsString()
  @MaxLength(200)
  lawPattern: string;

  @ApiProperty({ example: 'UAPA s.43D(2)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference: string;

  @ApiProperty({ example: 'Charge sheet due within 90 days of arrest; extendable to 180' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiProperty({ example: 90, description: 'Days after arrest' })
  @IsInt()
  @Min(1)
  @Max(3650)
  days: number;

  @ApiPropertyOptional({
    example: 180,
    nullable: true,
    description: 'Days after arrest if a court extends it',
  })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(3650)
  extendedDays?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateStatutoryLimitDto extends PartialType(CreateStatutoryLimitDto) {}

export class StatutoryLimitStateView {
  @ApiProperty() limitId: string;
  @ApiProperty() reference: string;
  @ApiProperty() description: string;
  @ApiProperty() days: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) extendedDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2022-02-20' }) deadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Negative once passed' }) daysLeft:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) extendedDeadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) extendedDaysLeft: number | null;
  @ApiProperty({ enum: ['running', 'met', 'passed', 'not_detained', 'arrest_date_unknown'] }) status: string;
}
