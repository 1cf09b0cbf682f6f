import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { csvStringifier, neutraliseFormula } from '../common/csv';
import { lastChanges } from './case-list-sql';
import { CasesService } from './cases.service';
import { CaseView } from './dto/case-view.dto';
import { CaseQuery } from './dto/case.dto';

// The case list as a spreadsheet: the same cases, filters and order as the list (CasesService.
// listedIds), every page of them, one row a case with the facts the list shows, as the reader may
// see them. Columns and values are the API's names, as the chronology's CSV writes them.

export const CASE_LIST_FORMATS = ['csv', 'xlsx'] as const;
export type CaseListFormat = (typeof CASE_LIST_FORMATS)[number];

/** The list's filters and sort; no paging: the export is every page. */
export class CaseListExportQuery extends OmitType(CaseQuery, ['limit', 'offset'] as const) {
  @ApiProperty({ enum: CASE_LIST_FORMATS })
  @IsIn(CASE_LIST_FORMATS)
  format: CaseListFormat;
}

export const CASE_LIST_COLUMNS = [
  'title',
  'defender',
  'country',
  'case_number',
  'court',
  'status',
  'stage',
  'detention_status',
  'next_hearing',
  'timezone',
  'custody_ends_on',
  'days_in_custody',
  'arrested_on',
  'last_change',
  'id',
] as const;
type Column = (typeof CASE_LIST_COLUMNS)[number];
export type CaseListRow = Record<Column, string>;

export function caseListRow(found: CaseView, changedAt: Date | undefined): CaseListRow {
  const clock = found.custodyClock;
  const hearing = clock.nextHearing;
  return {
    title: found.title,
    defender: found.defender.fullName,
    country: found.country,
    case_number: found.caseNumber ?? '',
    court: found.court ?? '',
    status: found.status,
    stage: found.stages?.current.kind ?? '',
    detention_status: found.detentionStatus,
    // The court's wall clock, in the zone of the next column; the day alone when the time is not known.
    next_hearing: hearing
      ? hearing.timeKnown
        ? hearing.scheduledLocal.slice(0, 16)
        : hearing.scheduledLocal.slice(0, 10)
      : '',
    timezone: found.timezone,
    custody_ends_on: clock.currentOrder?.endsOn ?? '',
    days_in_custody: clock.daysInCustody === null ? '' : String(clock.daysInCustody),
    arrested_on: found.arrestedOn ?? '',
    last_change: changedAt ? changedAt.toISOString() : '',
    id: found.id,
  };
}

const BATCH = 500;

export interface CaseListExport {
  rows: CaseListRow[];
  baseName: string;
}

@Injectable()
export class CaseListExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async export(user: AuthUser, query: CaseListExportQuery): Promise<CaseListExport> {
    const { format, ...filters } = query;
    const [ids] = await this.cases.listedIds(user, filters);
    const rows: CaseListRow[] = [];
    // A batch at a time: a list may hold every case, more than one query may name.
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [views, changed] = await Promise.all([
        this.cases.getMany(user, batch),
        lastChanges(this.dataSource, user, batch),
      ]);
      rows.push(...views.map((found) => caseListRow(found, changed.get(found.id))));
    }
    // An export is how data leaves Vigil: who took which list is recorded before a byte is sent.
    await this.audit.record(this.dataSource.manager, {
      actor: user,
      action: 'export',
      entity: 'case',
      entityId: null,
      context: { via: 'case list', format, filters, cases: ids.length },
    });
    await this.access.recordAdminListReads(user, 'case', ids, 'case list export');
    const day = this.clock.now().toISOString().slice(0, 10);
    return { rows, baseName: `cases-${day}` };
  }
}

export const writeCaseListCsv = (rows: CaseListRow[], out: Writable): Promise<void> =>
  pipeline(
    Readable.from(rows),
    csvStringifier({ header: true, columns: [...CASE_LIST_COLUMNS], bom: true }),
    out,
  );

const WIDE: Partial<Record<Column, number>> = { title: 40, defender: 28, court: 32, id: 38, last_change: 26 };

export async function writeCaseListXlsx(rows: CaseListRow[], out: Writable): Promise<void> {
  // Loaded on the first XLSX export, as the chronology's: most processes never write a workbook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  const { stream } = require('exceljs') as typeof import('exceljs');
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CASE_LIST_COLUMNS.map((key) => ({ header: key, key, width: WIDE[key] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const cells: Record<string, string | number> = {};
    for (const key of CASE_LIST_COLUMNS) {
      cells[key] = neutraliseFormula(row[key]);
    }
    if (row.days_in_custody !== '') {
      cells.days_in_custody = Number(row.days_in_custody);
    }
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  const done = finished(out);
  await workbook.commit();
  await done;
}

export const CASE_LIST_RENDERERS: Record<
  CaseListFormat,
  { contentType: string; write: (rows: CaseListRow[], out: Writable) => Promise<void> }
> = {
  csv: { contentType: 'text/csv; charset=utf-8', write: writeCaseListCsv },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: writeCaseListXlsx,
  },
};

/** Sends the export as a download; a failure once bytes are out can only cut the connection. */
export async function sendCaseList(response: Response, exported: CaseListExport, format: CaseListFormat) {
  const renderer = CASE_LIST_RENDERERS[format];
  response.status(200);
  response.setHeader('Content-Type', renderer.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${exported.baseName}.${format}"`);
  response.setHeader('Cache-Control', 'no-store');
  try {
    await renderer.write(exported.rows, response);
  } catch (error) {
    new Logger('CaseListExport').error(
      `Writing ${format} failed`,
      error instanceof Error ? error.stack : error,
    );
    response.destroy();
  }
}
