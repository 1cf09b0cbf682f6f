import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { ChargesModule } from '../charges/charges.module';
import { CustodyModule } from '../custody/custody.module';
import { EventsModule } from '../events/events.module';
import { HearingsModule } from '../hearings/hearings.module';
import { TimelineModule } from '../timeline/timeline.module';
import { ChronologyImportService } from './chronology-import.service';
import { ChronologyController } from './chronology.controller';
import { ChronologyService } from './chronology.service';

@Module({
  imports: [TimelineModule, EventsModule, ChargesModule, CustodyModule, HearingsModule, DocumentsModule],
  controllers: [ChronologyController],
  providers: [ChronologyService, ChronologyImportService],
  exports: [ChronologyService, ChronologyImportService],
})
export class ChronologyModule {}
