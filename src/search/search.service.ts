import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { invalid } from '../common/domain-error';
import { readableBy } from '../common/readers';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SearchRunner } from './search-runner';
import { SearchResult } from './search.dto';
import { searchTerms } from './search-terms';

@Injectable()
export class SearchService implements OnModuleDestroy {
  private readonly runner: SearchRunner;

  constructor(@Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    this.runner = new SearchRunner(SearchRunner.poolFor(config.databaseUrl), () => clock.now());
  }

  async search(user: Pick<AuthUser, 'id' | 'role'>, q: string, limit: number): Promise<SearchResult> {
    const terms = searchTerms(q);
    if (terms.length === 0) {
      throw invalid('q', 'Type at least one word of two letters or more');
    }
    const { hits, tooCommon } = await this.runner.search(terms, readableBy(user), limit, user);
    return {
      q,
      terms,
      tooCommon,
      hits: hits.map((row) => ({ ...row, score: Number(row.score) })),
    };
  }

  onModuleDestroy(): Promise<void> {
    return this.runner.end();
  }
}
