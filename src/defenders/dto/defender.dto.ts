import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PaginationQuery } from '../../common/pagination';
import { IsCountryCode } from './is-country-code';
import { TeamSummary } from '../../teams/dto/team.dto';

const NOT_BLANK = { message: '$property must not be blank' };
const EACH_NOT_BLANK = { each: true, message: 'each of $property must not be blank' };

// Fields a defender cannot be without may be left out of a PATCH, but not set to null.
const given = (_: object, value: unknown): boolean => value !== undefined;

export class DefenderContactDto {
  @ApiProperty({ example: 'Family member' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'wife' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(100)
  relation: string;

  @ApiPropertyOptional({ example: '+91 00000 00000' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ example: 'family@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class CreateDefenderDto {
  @ApiProperty({ example: 'Khurram Parvez' })
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Khurram Pervez'],
    description: 'Other names and transliterations',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/\S/, EACH_NOT_BLANK)
  @MaxLength(200, { each: true })
  otherNames?: string[];

  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2, upper case' })
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional({ example: 'human rights defender', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  profession?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['JKCCS', 'AFAD'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/\S/, EACH_NOT_BLANK)
  @MaxLength(300, { each: true })
  affiliations?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  bio?: string | null;

  @ApiPropertyOptional({
    type: [DefenderContactDto],
    description: 'Family and lawyer contacts: confidential, never shown to viewers',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DefenderContactDto)
  contacts?: DefenderContactDto[];
}

export class UpdateDefenderDto {
  @ApiPropertyOptional({ example: 'Khurram Parvez' })
  @ValidateIf(given)
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/\S/, EACH_NOT_BLANK)
  @MaxLength(200, { each: true })
  otherNames?: string[];

  @ApiPropertyOptional({ example: 'IN' })
  @ValidateIf(given)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  profession?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/\S/, EACH_NOT_BLANK)
  @MaxLength(300, { each: true })
  affiliations?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  bio?: string | null;

  @ApiPropertyOptional({ type: [DefenderContactDto], description: 'Replaces the whole list' })
  @ValidateIf(given)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DefenderContactDto)
  contacts?: DefenderContactDto[];
}

export class DefenderQuery extends PaginationQuery {
  @ApiPropertyOptional({
    description: 'Part of the full name or of another name, any case',
    example: 'pervez',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, NOT_BLANK)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'IN' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class DefenderContactView {
  @ApiProperty() name: string;
  @ApiProperty() relation: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() notes?: string;
}

export class DefenderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: [String] }) otherNames: string[];
  @ApiProperty({ example: 'IN' }) country: string;
  @ApiProperty({ type: String, nullable: true }) profession: string | null;
  @ApiProperty({ type: [String] }) affiliations: string[];
  @ApiProperty({ type: String, nullable: true }) bio: string | null;
  @ApiPropertyOptional({
    type: [DefenderContactView],
    description: 'Only for caseworkers and admins; left out for viewers',
  })
  contacts?: DefenderContactView[];
  @ApiProperty({
    type: [TeamSummary],
    description:
      'The teams this defender (and so every case they are in) is restricted to; empty: not restricted',
  })
  restrictedTo: TeamSummary[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DefenderPage {
  @ApiProperty({ type: [DefenderView] }) items: DefenderView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
