import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOptional } from 'class-validator';
import { SEARCH_KINDS, SearchKind } from './search-sql';

export class SearchQuery {
  @ApiProperty({
    description: 'Words to find in any order, any case, with or without accents; near spellings match',
    example: 'khuram parvez',
  })
  @IsString()
  @MaxLength(200)
  @Matches(/\S\S/u, { message: 'Type at least two letters to search' })
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 50;
}

export class SearchHit {
  @ApiProperty({ enum: SEARCH_KINDS })
  kind: SearchKind;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, type: String, description: "The name, case title, charge or entry's title" })
  title: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Other names, case number and court, offence or text',
  })
  detail: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  day: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Event type, charge status or hearing status' })
  entryType: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  caseId: string | null;

  @ApiProperty({ nullable: true, type: String })
  caseTitle: string | null;

  @ApiProperty({ format: 'uuid' })
  defenderId: string;

  @ApiProperty()
  defenderName: string;

  @ApiProperty({ description: 'Higher is closer; the list is sorted by it' })
  score: number;
}

export class SearchResult {
  @ApiProperty()
  q: string;

  @ApiProperty({ type: [String], description: 'The words searched for' })
  terms: string[];

  @ApiProperty({
    type: [String],
    description:
      'When the page is not full: the indexed words near the typed ones that are held by so many rows of some kind ' +
      '(over 5,000) that they only narrow what the other words find, rows holding none of the other words not being listed. ' +
      'Given to admins only: the words are counted over rows other readers may not read',
  })
  tooCommon: string[];

  @ApiProperty({ type: [SearchHit] })
  hits: SearchHit[];
}
