import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * What the case features call, inside their own transaction, after changing anything reminders
 * depend on (a case's arrest date or zone, its hearings, custody orders or charges). It brings the
 * case's reminder rows in line with the data in that same transaction.
 */
@Injectable()
export class ReminderScheduler {
  // Replaced by the reminder engine (issue 3): until then no reminders are planned.
  async replanCase(_manager: EntityManager, _caseId: string): Promise<void> {}
}
