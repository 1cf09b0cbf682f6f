import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { EntriesController } from './entries.controller';
import { EntryMoveService } from './entry-move.service';
import { ParticipantsService } from './participants.service';

@Module({
  controllers: [CasesController, EntriesController],
  providers: [CasesService, EntryMoveService, ParticipantsService],
  exports: [CasesService, EntryMoveService],
})
export class CasesModule {}
