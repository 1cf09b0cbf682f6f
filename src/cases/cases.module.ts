import { Module } from '@nestjs/common';
import { CaseListExportService } from './case-list-export';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseListExportService],
  exports: [CasesService, CaseListExportService],
})
export class CasesModule {}
