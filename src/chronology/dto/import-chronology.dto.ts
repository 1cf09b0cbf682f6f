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
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { VISIBILITIES, Visibility } from '../../common/entry';
import { CHRONOLOGY_LANGUAGES, ChronologyLanguage } from '../date-phrases';

export const MAX_IMPORT_CHARACTERS = 500_000;

/** A caseworker's choice for one entry of the preview, by its line; overrides the general choices. */
export class ImportLineChoiceDto {
  @ApiProperty({ example: 24, description: 'The entry’s line, as the preview gave it' })
  @IsInt()
  @Min(1)
  line: number;

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
}

export class ClosingLineDto {
  @ApiProperty({ example: "India is rated 'Repressed' by the CIVICUS Monitor." })
  @IsString()
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(1000)
  text: string;
}
