import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { conflict, DomainError, invalid, notFound } from '../common/domain-error';
import { lockedOrFail } from '../common/entity-lookup';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { Case } from './case.entity';
import { leavingProblems, visibleDefenders } from './case-problems';
import { CasesService } from './cases.service';
import { refreshDetention } from './detention-store';
import { CaseView } from './dto/case-view.dto';
import { addParticipants, coAccusedIdsOf } from './participant-store';
import { refreshStatus } from './stage-store';

/** Adding and removing one co-accused at a time (PATCH coAccusedIds replaces the whole list). */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reminders: ReminderScheduler,
    private readonly cases: CasesService,
  ) {}

  async add(actor: AuditActor, user: AuthUser, caseId: string, defenderId: string): Promise<CaseView> {
    await this.change(actor, caseId, async (kase, before, manager) => {
      if (defenderId === kase.defenderId) {
        throw invalid('defenderId', "is the case's own defender");
      }
      if (before.includes(defenderId)) {
        throw conflict('They are already co-accused in this case', [
          { field: 'defenderId', problem: `is already a participant (${defenderId})` },
        ]);
      }
      // A defender the user may not see does not exist for them (teams, restrictions).
      if (!(await visibleDefenders(manager, user, [defenderId])).has(defenderId)) {
        throw invalid('defenderId', `matches no defender (${defenderId})`);
      }
      return [...before, defenderId];
    });
    return this.cases.get(user, caseId);
  }

  async remove(actor: AuditActor, user: AuthUser, caseId: string, defenderId: string): Promise<CaseView> {
    await this.change(actor, caseId, async (kase, before, manager) => {
      if (defenderId === kase.defenderId) {
        throw invalid('defenderId', "is the case's own defender: change the case's defender instead");
      }
      if (!before.includes(defenderId)) {
        throw notFound('Participant', defenderId);
      }
      const problems = await leavingProblems(manager, caseId, [defenderId]);
      if (problems.length > 0) {
        throw new DomainError(
          'VALIDATION',
          problems.map((p) => `${p.field} ${p.problem}`).join('; '),
          problems,
        );
      }
      return before.filter((one) => one !== defenderId);
    });
    return this.cases.get(user, caseId);
  }

  private change(
    actor: AuditActor,
    caseId: string,
    decide: (kase: Case, before: string[], manager: EntityManager) => Promise<string[]>,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await lockedOrFail(manager, Case, caseId, 'Case');
      const before = await coAccusedIdsOf(manager, caseId);
      const after = await decide(kase, before, manager);
      await manager.query(
        'DELETE FROM case_participants WHERE case_id = $1 AND NOT main AND NOT (defender_id = ANY($2::uuid[]))',
        [caseId, after],
      );
      await addParticipants(manager, caseId, after);
      await refreshDetention(manager, caseId);
      await refreshStatus(manager, caseId);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'case',
        entityId: caseId,
        before: { coAccusedIds: before },
        after: { coAccusedIds: await coAccusedIdsOf(manager, caseId) },
      });
      await this.reminders.replanCase(manager, caseId);
    });
  }
}
