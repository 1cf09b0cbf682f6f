import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { SearchQuery, SearchResult } from './search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'Find defenders, cases, charges and entries by words in any order, tolerant of spelling',
    description:
      'Entries the reader may not read are never searched; confidential entries are not searched at all.',
  })
  @ApiOkResponse({ type: SearchResult })
  search(@CurrentUser() user: AuthUser, @Query() query: SearchQuery): Promise<SearchResult> {
    return this.searchService.search(user, query.q, query.limit);
  }
}
