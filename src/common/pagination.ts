import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PaginationQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  // Above 2^53 a number is no longer exact, and PostgreSQL's OFFSET (a bigint) ends at 2^63.
  @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const page = <T>(items: T[], total: number, query: PaginationQuery): Page<T> => ({
  items,
  total,
  limit: query.limit,
  offset: query.offset,
});

/** The same page as JSON text, from items that are JSON texts already (built by PostgreSQL). */
export const pageJson = (itemsJson: string[], total: number, query: PaginationQuery): string =>
  `{"items":[${itemsJson.join(',')}],"total":${total},"limit":${query.limit},"offset":${query.offset}}`;
