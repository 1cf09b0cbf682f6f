import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { invalid } from '../common/domain-error';
import { readableBy } from '../common/readers';
import { SearchHitRow, searchSql } from './search-sql';
import { SearchResult } from './search.dto';
import { searchTerms } from './search-terms';

@Injectable()
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(user: Pick<AuthUser, 'id' | 'role'>, q: string, limit: number): Promise<SearchResult> {
    const terms = searchTerms(q);
    if (terms.length === 0) {
      throw invalid('q', 'Type at least one word of two letters or more');
    }
    const { sql, params } = searchSql(terms, readableBy(user), limit, user);
    const rows: SearchHitRow[] = await this.dataSource.query(sql, params);
    return { q, terms, hits: rows.map((row) => ({ ...row, score: Number(row.score) })) };
  }
}
