import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ChronologyImportService } from '../chronology/chronology-import.service';
import { RemindersService } from '../reminders/reminders.service';
import { StatutoryLimitsService } from '../statutory-limits/statutory-limits.service';

/**
 * Feature services the pages call whose modules do not export them: RemindersService and
 * StatutoryLimitsService (RemindersModule) and ChronologyImportService (ChronologyModule). They are
 * found once in the application's container rather than written a second time here; when those
 * modules export them, these become ordinary constructor injections. A page whose service is
 * missing says so instead of failing.
 */
@Injectable()
export class FeatureServices implements OnModuleInit {
  reminders?: RemindersService;
  statutoryLimits?: StatutoryLimitsService;
  chronologyImport?: ChronologyImportService;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.reminders = this.find(RemindersService);
    this.statutoryLimits = this.find(StatutoryLimitsService);
    this.chronologyImport = this.find(ChronologyImportService);
  }

  private find<T>(type: Type<T>): T | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }
}
