import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { CaseListExportQuery, CaseListExportService, sendCaseList } from './case-list-export';
import { CasesService } from './cases.service';
import { CasePage, CaseView } from './dto/case-view.dto';
import { CaseQuery, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';
import { AddParticipantDto } from './dto/participant.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly participants: ParticipantsService,
    private readonly exports: CaseListExportService,
  ) {}

  @MinRole('caseworker')
  @Post()
  @ApiCreatedResponse({ type: CaseView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCaseDto): Promise<CaseView> {
    return this.cases.create(user, user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Cases, newest first unless sorted; filtered by the query' })
  @ApiOkResponse({ type: CasePage })
  list(@CurrentUser() user: AuthUser, @Query() query: CaseQuery): Promise<Page<CaseView>> {
    return this.cases.list(user, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'The list of cases as CSV or XLSX: the same filters and sort, every page; audited',
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'One row a case' })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: CaseListExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const exported = await this.exports.export(user, query);
    await sendCaseList(response, exported, query.format);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseView> {
    return this.cases.get(user, id);
  }

  @MinRole('caseworker')
  @Patch(':id')
  @ApiOkResponse({ type: CaseView })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseView> {
    return this.cases.update(user, user, id, body);
  }

  @MinRole('caseworker')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the case with its charges, hearings, custody orders and events' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.cases.remove(user, id);
  }

  @MinRole('caseworker')
  @Post(':id/participants')
  @ApiOperation({ summary: 'Adds a co-accused: a defender with a detention story of their own in this case' })
  @ApiCreatedResponse({ type: CaseView })
  addParticipant(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: AddParticipantDto,
  ): Promise<CaseView> {
    return this.participants.add(user, user, id, body.defenderId);
  }

  @MinRole('caseworker')
  @Delete(':id/participants/:defenderId')
  @ApiOperation({ summary: 'Takes a co-accused out of the case; refused while entries belong to them' })
  @ApiOkResponse({ type: CaseView })
  removeParticipant(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('defenderId') defenderId: string,
  ): Promise<CaseView> {
    return this.participants.remove(user, user, id, defenderId);
  }
}
