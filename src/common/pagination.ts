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

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
