import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Logger,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { invalid } from '../common/domain-error';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { LANGUAGES, Language } from '../users/user.entity';
import { ImportPreview, ImportResult, ChronologyImportService } from './chronology-import.service';
import { ChronologyService } from './chronology.service';
import { ClosingLine } from './closing-line.entity';
import { ChronologyQuery } from './dto/chronology-query.dto';
import { ClosingLineDto, ImportChronologyDto } from './dto/import-chronology.dto';
import { OrganisationDto, OrganisationView } from './dto/organisation.dto';
import { RENDERERS } from './render/renderers';
import { sendExport } from './render/send-export';

const EXPORT_DESCRIPTION =
  'Formats: md, html, pdf, docx, csv, xlsx, json, ics (hearings) and timelinejs. `public` (the default) carries public ' +
  'entries only; `internal` and `all` need a caseworker or admin. Every export is written to the audit log.';

const PRODUCES = [...new Set(Object.values(RENDERERS).map((renderer) => renderer.contentType.split(';')[0]))];

@ApiTags('chronology')
@ApiBearerAuth()
@Controller()
export class ChronologyController {
  private readonly logger = new Logger(ChronologyController.name);

  constructor(
    private readonly chronology: ChronologyService,
    private readonly importer: ChronologyImportService,
  ) {}

  @Get('api/cases/:id/chronology')
  @ApiOperation({ summary: "Download a case's chronology", description: EXPORT_DESCRIPTION })
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file, with a download name in Content-Disposition' })
  @ApiForbiddenResponse({ description: 'internal or all asked for by a viewer' })
  async exportCase(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: ChronologyQuery,
    @Res() response: Response,
  ): Promise<void> {
    await sendExport(response, await this.chronology.exportCase(user, id, query), query.format, this.logger);
  }

  @Get('api/defenders/:id/chronology')
  @ApiOperation({
    summary: "Download a defender's chronology, all their cases merged",
    description: EXPORT_DESCRIPTION,
  })
  @ApiProduces(...PRODUCES)
  @ApiOkResponse({ description: 'The file, with a download name in Content-Disposition' })
  @ApiForbiddenResponse({ description: 'internal or all asked for by a viewer' })
  async exportDefender(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: ChronologyQuery,
    @Res() response: Response,
  ): Promise<void> {
    await sendExport(
      response,
      await this.chronology.exportDefender(user, id, query),
      query.format,
      this.logger,
    );
  }

  @MinRole('caseworker')
  @Post('api/cases/:id/chronology/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview, then import, chronology text into a case',
    description:
      'Without `confirm`: the entries read from the text and the warnings (out of date order, impossible dates, ' +
      'custody arithmetic), nothing written; each warning has a `kind`, its `problem` in English and the `params` ' +
      'it names (dates as `{ on, precision }`), to say it in another language. With `confirm: true`: the events, and the custody orders, charges and ' +
      'hearings detected where `keep` says so, written in one transaction and audited; refused (400) while a line ' +
      'cannot be read as a date.',
  })
  importText(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: ImportChronologyDto,
  ): Promise<ImportPreview | ImportResult> {
    return this.importer.importText(user, id, body);
  }

  @Get('api/settings/organisation')
  @ApiOperation({ summary: 'The organisation whose name and contact line every PDF and DOCX export carries' })
  organisation(): Promise<OrganisationView> {
    return this.chronology.organisation();
  }

  @MinRole('admin')
  @Put('api/settings/organisation')
  @ApiOperation({ summary: 'Set the organisation name and contact line of exports (blank clears); audited' })
  setOrganisation(@CurrentUser() user: AuthUser, @Body() body: OrganisationDto): Promise<OrganisationView> {
    return this.chronology.setOrganisation(user, body);
  }

  @Get('api/chronology/closing-lines')
  @ApiOperation({ summary: 'The closing line each country’s exports end with, per language' })
  closingLines(@Query() query: PaginationQuery): Promise<Page<ClosingLine>> {
    return this.chronology.closingLines(query);
  }

  @MinRole('admin')
  @Put('api/chronology/closing-lines/:country/:lang')
  @ApiParam({ name: 'country', example: 'IN', description: 'ISO 3166-1 alpha-2' })
  @ApiParam({ name: 'lang', enum: LANGUAGES })
  setClosingLine(
    @CurrentUser() user: AuthUser,
    @Param('country') country: string,
    @Param('lang') lang: string,
    @Body() body: ClosingLineDto,
  ): Promise<ClosingLine> {
    return this.chronology.setClosingLine(user, countryParam(country), languageParam(lang), body.text);
  }

  @MinRole('admin')
  @Delete('api/chronology/closing-lines/:country/:lang')
  @HttpCode(204)
  @ApiParam({ name: 'country', example: 'IN' })
  @ApiParam({ name: 'lang', enum: LANGUAGES })
  async removeClosingLine(
    @CurrentUser() user: AuthUser,
    @Param('country') country: string,
    @Param('lang') lang: string,
  ): Promise<void> {
    await this.chronology.removeClosingLine(user, countryParam(country), languageParam(lang));
  }
}

function countryParam(country: string): string {
  if (!/^[A-Za-z]{2}$/.test(country)) {
    throw invalid('country', 'must be an ISO 3166-1 alpha-2 code such as IN');
  }
  return country.toUpperCase();
}

function languageParam(lang: string): Language {
  if (!(LANGUAGES as readonly string[]).includes(lang)) {
    throw invalid('lang', `must be one of ${LANGUAGES.join(', ')}`);
  }
  return lang as Language;
}
