import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { HearingsController } from './hearings.controller';
import { HearingsService } from './hearings.service';

@Module({
  imports: [CustodyModule],
  controllers: [HearingsController],
  providers: [HearingsService],
  exports: [HearingsService],
})
export class HearingsModule {}
