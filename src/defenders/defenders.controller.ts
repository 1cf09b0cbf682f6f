import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CasePage, CaseView } from '../cases/dto/case-view.dto';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { DefendersService } from './defenders.service';
import {
  CreateDefenderDto,
  DefenderPage,
  DefenderQuery,
  DefenderView,
  UpdateDefenderDto,
} from './dto/defender.dto';

@ApiTags('defenders')
@ApiBearerAuth()
@Controller('api/defenders')
export class DefendersController {
  constructor(
    private readonly defenders: DefendersService,
    private readonly casesService: CasesService,
  ) {}

  @MinRole('caseworker')
  @Post()
  @ApiCreatedResponse({ type: DefenderView })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateDefenderDto): Promise<DefenderView> {
    const [view] = await this.defenders.views(user, [await this.defenders.create(user, body)]);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Defenders by name; q matches the full name and other names, any case' })
  @ApiOkResponse({ type: DefenderPage })
  async list(@CurrentUser() user: AuthUser, @Query() query: DefenderQuery): Promise<Page<DefenderView>> {
    const found = await this.defenders.list(user, query);
    return { ...found, items: await this.defenders.views(user, found.items) };
  }

  @Get(':id')
  @ApiOkResponse({ type: DefenderView })
  async get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<DefenderView> {
    const [view] = await this.defenders.views(user, [await this.defenders.get(user, id)]);
    return view;
  }

  @Get(':id/cases')
  @ApiOperation({
    summary: 'Cases about the defender and cases where they are co-accused, latest arrest first',
  })
  @ApiOkResponse({ type: CasePage })
  cases(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: PaginationQuery,
  ): Promise<Page<CaseView>> {
    return this.casesService.listForDefender(user, id, query);
  }

  @MinRole('caseworker')
  @Patch(':id')
  @ApiOkResponse({ type: DefenderView })
  async update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateDefenderDto,
  ): Promise<DefenderView> {
    const [view] = await this.defenders.views(user, [await this.defenders.update(user, id, body)]);
    return view;
  }

  @MinRole('caseworker')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The defender has cases, or is co-accused in one' })
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.defenders.remove(user, id);
  }
}
