import { Body, Controller, Get, Logger, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import {
  ChronologyImportService,
  ImportPreview,
  ImportResult,
  ImportSourceFile,
} from '../chronology/chronology-import.service';
import { ChronologyService } from '../chronology/chronology.service';
import { Language } from '../i18n/languages';
import { term, TermGroup, translatorFor } from '../i18n/translate';
import { ImportChronologyDto } from '../chronology/dto/import-chronology.dto';
import { DATE_PRECISIONS, VISIBILITIES } from '../common/entry';
import { LASTING_TYPES } from '../cases/detention-model';
import { EVENT_TYPES } from '../events/event.entity';
import { DomainError, FieldProblem } from '../common/domain-error';
import { UuidParam } from '../common/uuid-param';
import { DocumentsService } from '../documents/documents.service';
import { uploadedFile, UploadRequest } from '../documents/upload.middleware';
import { sendExport } from '../chronology/render/send-export';
import { exportChoices, exportQuery } from './chronology-exports';
import { typedValues, validateAs } from './forms';
import { onlyEntryProblems, readImportForm, withoutRefusedCorrections } from './import-form';
import { WebPages } from './web-pages.decorator';
import { errorsByField, FieldErrors, formErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** Options for a select of stored values, each in the reader's words. */
const termOptions = (language: Language, group: TermGroup, values: readonly string[]) =>
  values.map((value) => ({ value, label: term(language, group, value) }));

@WebPages()
@Controller('cases/:id/chronology')
export class ChronologyPagesController {
  private readonly logger = new Logger(ChronologyPagesController.name);

  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly chronology: ChronologyService,
    private readonly chronologyImport: ChronologyImportService,
    private readonly documents: DocumentsService,
  ) {}

  @Get()
  async page(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Query('lang') lang?: string,
  ) {
    const found = await this.cases.get(user, id);
    this.render(req, res, found, user, { lang, values: { visibility: 'public' } });
  }

  /** The download: the same service and renderers as GET /api/cases/:id/chronology, audited there. */
  @Get('export')
  async export(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Query() query: Record<string, unknown>,
  ) {
    const options = await exportQuery(query);
    await sendExport(res, await this.chronology.exportCase(user, id, options), options.format, this.logger);
  }

  /** Reads the text and shows the preview with its warnings; writes nothing. */
  @MinRole('caseworker')
  @Post('import')
  async preview(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await this.runImport(req, res, user, found, body, false);
  }

  /** Writes what the preview showed, in one transaction, or nothing. */
  @MinRole('caseworker')
  @Post('import/confirm')
  async confirm(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await this.runImport(req, res, user, found, body, true, req as UploadRequest);
  }

  private async runImport(
    req: WebRequest,
    res: Response,
    user: AuthUser,
    found: CaseView,
    body: Record<string, unknown>,
    confirm: boolean,
    upload?: UploadRequest,
  ) {
    let imported: { outcome: ImportPreview | ImportResult; corrections: FieldProblem[] };
    let refused: FieldErrors | undefined;
    try {
      imported = await this.importWith(user, found, body, confirm, upload);
    } catch (error) {
      try {
        // Refused on saving: show the preview again, with why, so the caseworker can settle it there.
        refused = confirm ? formErrors(error) : undefined;
        if (!refused) {
          throw error;
        }
        imported = await this.importWith(user, found, body, false);
      } catch (again) {
        const errors = formErrors(again);
        if (!errors) {
          throw again;
        }
        this.render(req, res, found, user, { values: typedValues(body), errors, status: 400 });
        return;
      }
    }
    const { outcome, corrections } = imported;
    if ('confirmed' in outcome) {
      res.redirect(303, `/cases/${found.id}?notice=import-saved`);
      return;
    }
    const language = pageLanguage(req);
    const t = translatorFor(language);
    const errors = { ...errorsByField(corrections), ...refused };
    this.view.render(
      req,
      res,
      'import-preview.njk',
      {
        title: t('importPreview.title', { title: found.title }),
        found,
        preview: outcome,
        values: typedValues(body),
        refused: Object.entries(refused ?? {}).flatMap(([field, problems]) =>
          problems.map((problem) => ({ field, problem })),
        ),
        corrections,
        // The entries (by their index in the form) with a correction refused: their choices stay open.
        refusedLines: corrections.map((problem) => problem.field.split('.')[2]),
        errors,
        kept: outcome.entries.filter((entry) => !entry.keep.skip).length,
        eventTypes: termOptions(language, 'eventType', EVENT_TYPES),
        precisions: DATE_PRECISIONS.map((value) => ({ value, label: t(`importPreview.precision.${value}`) })),
        lasting: LASTING_TYPES,
        keep: {
          custodyOrders: body['keep.custodyOrders'] === 'on',
          charges: body['keep.charges'] === 'on',
          hearings: body['keep.hearings'] === 'on',
        },
      },
      refused || corrections.length > 0 ? 400 : 200,
    );
  }

  /**
   * The preview, or the import saved. Corrections of entries that the form or the preview refuses are
   * left out, the preview read again without them and never saved, and returned to show beside their
   * entries.
   */
  private async importWith(
    user: AuthUser,
    found: CaseView,
    body: Record<string, unknown>,
    confirm: boolean,
    upload?: UploadRequest,
  ): Promise<{ outcome: ImportPreview | ImportResult; corrections: FieldProblem[] }> {
    const corrections: FieldProblem[] = [];
    let form = body;
    // The form's checks, then the preview's: each round leaves out what the one before refused.
    for (let round = 0; ; round++) {
      try {
        const save = confirm && corrections.length === 0;
        const input = await validateAs(ImportChronologyDto, readImportForm(form, save));
        const sourceFile = save && upload ? await this.sourceFile(upload, body) : undefined;
        return {
          outcome: await this.chronologyImport.importText(user, found.id, input, sourceFile),
          corrections,
        };
      } catch (error) {
        const problems = error instanceof DomainError && error.code === 'VALIDATION' ? error.details : [];
        if (round === 2 || !onlyEntryProblems(problems)) {
          throw error;
        }
        corrections.push(...problems);
        form = withoutRefusedCorrections(form, problems);
      }
    }
  }

  /**
   * The file sent as the source of all entries or of the ticked ones, checked as any document is,
   * with that source's citation; none when no file was chosen.
   */
  private async sourceFile(
    upload: UploadRequest,
    body: Record<string, unknown>,
  ): Promise<ImportSourceFile | undefined> {
    const given = uploadedFile(upload);
    if (!given.file && !given.problem) {
      return undefined;
    }
    const chosen = body.sourceFileFor === 'chosen';
    const citation = chosen ? body['sourceChosen.citation'] : body['sourceAll.citation'];
    const checked = await this.documents.checkUpload(given, citation, 'sourceFile');
    if (!chosen) {
      return { upload: checked };
    }
    const ticked = body['sourceChosen.entries'];
    const entries = (Array.isArray(ticked) ? ticked : ticked === undefined ? [] : [ticked]).map(String);
    if (entries.length === 0) {
      throw new DomainError('VALIDATION', 'sourceFile is for the ticked entries, and none is ticked', [
        { field: 'sourceFile', problem: 'is for the entries ticked above: tick at least one' },
      ]);
    }
    return { upload: checked, entries };
  }

  private render(
    req: WebRequest,
    res: Response,
    found: CaseView,
    user: AuthUser,
    options: { lang?: unknown; values: Record<string, string>; errors?: FieldErrors; status?: number },
  ) {
    const language = pageLanguage(req);
    const t = translatorFor(language);
    this.view.render(
      req,
      res,
      'chronology.njk',
      {
        title: t('chronologyPage.title', { title: found.title }),
        found,
        ...exportChoices(user, options.lang, language),
        visibilities: termOptions(language, 'visibility', VISIBILITIES),
        values: options.values,
        errors: options.errors ?? {},
      },
      options.status,
    );
  }
}
