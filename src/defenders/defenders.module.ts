import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DefendersController } from './defenders.controller';
import { DefendersService } from './defenders.service';

@Module({
  imports: [CasesModule],
  controllers: [DefendersController],
  providers: [DefendersService],
  exports: [DefendersService],
})
export class DefendersModule {}
