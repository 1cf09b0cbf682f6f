import { Module } from '@nestjs/common';
import { CaseListExportService } from './case-list-export';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { EntriesController } from './entries.controller';
import { EntryMoveService } from './entry-move.service';
import { ParticipantsService } from './participants.service';

@Module({
  controllers: [CasesController, EntriesController],
  providers: [CasesService, EntryMoveService, ParticipantsService, CaseListExportService],
  exports: [CasesService, EntryMoveService, CaseListExportService],
})
export class CasesModule {}
