import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Charge } from '../charges/charge.entity';
import { invalid, notFound } from '../common/domain-error';
import { CustodyOrder } from '../custody/custody-order.entity';
import { CaseEvent } from '../events/event.entity';
import { localToInstant } from '../hearings/court-time';
import { Hearing } from '../hearings/hearing.entity';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { Case } from './case.entity';
import { refreshDetention } from './detention-store';
import { refreshStatus } from './stage-store';
import { MovableKind, MovedEntryView } from './dto/move-entry.dto';

const TABLES = {
  event: { entity: CaseEvent, name: 'Event' },
  charge: { entity: Charge, name: 'Charge' },
  hearing: { entity: Hearing, name: 'Hearing' },
  custody_order: { entity: CustodyOrder, name: 'Custody order' },
} as const satisfies Record<MovableKind, { entity: EntityTarget<{ id: string }>; name: string }>;

type MovableRow = { id: string; caseId: string; participantId?: string | null };

/**
 * Moves an entry entered in the wrong case to another case of the same defender, in one
 * transaction: the entry, what hangs on it (an event's sources go with it; a link to a record left
 * behind in the other case is cut), both cases' stored detention facts refolded and both cases'
 * reminders replanned, audited with where it came from.
 */
@Injectable()
export class EntryMoveService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reminders: ReminderScheduler,
    private readonly access: AccessService,
  ) {}

  move(
    actor: AuditActor,
    user: AuthUser,
    kind: MovableKind,
    id: string,
    toCaseId: string,
  ): Promise<MovedEntryView> {
    return this.dataSource.transaction(async (manager) => {
      const { entity, name } = TABLES[kind];
      const before = (await manager.findOne(entity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      })) as MovableRow | null;
      if (!before) {
        throw notFound(name, id);
      }
      const fromCaseId = before.caseId;
      if (toCaseId === fromCaseId) {
        throw invalid('toCaseId', 'is already the case of this entry');
      }
      // Both cases locked in a fixed order, so two moves between the same cases cannot deadlock; FOR NO
      // KEY UPDATE, as replanning takes it, so an entry being added to either case cannot either.
      await manager.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
        [fromCaseId, toCaseId],
      ]);
      const locked = await manager.findBy(Case, { id: In([fromCaseId, toCaseId]) });
      const target = locked.find((found) => found.id === toCaseId);
      const source = locked.find((found) => found.id === fromCaseId) as Case;
      // A case the user may not see (teams, restrictions) does not exist for them.
      if (!target || (await this.access.caseAccess(user, toCaseId, manager)) === 'hidden') {
        throw invalid('toCaseId', `matches no case (${toCaseId})`);
      }
      // Whose entry it is decides where it may go: its participant, or the defender of its case.
      const whose = before.participantId ?? source.defenderId;
      const [takesPart] = (await manager.query(
        'SELECT 1 AS yes FROM case_participants WHERE case_id = $1 AND defender_id = $2',
        [toCaseId, whose],
      )) as unknown[];
      if (!takesPart) {
        throw invalid(
          'toCaseId',
          `is not a case of this entry's defender (${whose}); add them to that case first`,
        );
      }
      // It keeps telling the same person's story: a shared entry arriving in a case with others in it
      // becomes that person's own.
      const [{ people }] = (await manager.query(
        'SELECT count(*)::int AS people FROM case_participants WHERE case_id = $1',
        [toCaseId],
      )) as { people: number }[];
      const owner = before.participantId ?? (people > 1 ? whose : null);
      const cut = await this.carry(manager, kind, id, target, owner);
      const after = (await manager.findOneByOrFail(entity, { id })) as MovableRow;
      for (const caseId of [fromCaseId, toCaseId]) {
        if (kind === 'event' || kind === 'custody_order') {
          await refreshDetention(manager, caseId, caseId === toCaseId && kind === 'event' ? [id] : []);
        }
        // Events, hearings and charges tell the stages and so the status (case-stages.ts).
        if (kind !== 'custody_order') {
          await refreshStatus(manager, caseId);
        }
      }
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: kind,
        entityId: id,
        before,
        after,
        context: { moved: { fromCaseId, toCaseId }, ...cut },
      });
      // The source first: it cancels what the entry no longer causes there before the target plans it.
      await this.reminders.replanCase(manager, fromCaseId);
      await this.reminders.replanCase(manager, toCaseId);
      return { kind, id, fromCaseId, toCaseId };
    });
  }

  /**
   * Writes the new case (and `owner`, the participant it belongs to there) on the entry, and cuts
   * its ties to records left in the other case. A hearing concerns everyone: it has no owner.
   */
  private async carry(
    manager: EntityManager,
    kind: MovableKind,
    id: string,
    target: Case,
    owner: string | null,
  ): Promise<{ unlinkedOrders?: string[]; unlinkedNarration?: number }> {
    switch (kind) {
      case 'hearing': {
        // A hearing is what the court said in local time: its instant follows the new case's zone.
        const [{ local }] = (await manager.query(
          `SELECT to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS local FROM hearings WHERE id = $1`,
          [id],
        )) as { local: string }[];
        await manager.update(
          Hearing,
          { id },
          {
            caseId: target.id,
            scheduledAt: localToInstant(local, target.timezone),
          },
        );
        const orders = (await manager.query(
          'UPDATE custody_orders SET hearing_id = NULL WHERE hearing_id = $1 AND case_id <> $2 RETURNING id',
          [id, target.id],
        )) as [{ id: string }[], number];
        return {
          unlinkedOrders: orders[0].map((order) => order.id),
          ...(await this.unlink(manager, kind, id)),
        };
      }
      case 'custody_order':
        // The hearing that made it stays behind in the other case: the order no longer points at it.
        await manager.query(
          `UPDATE custody_orders SET case_id = $2, participant_id = $3,
                  hearing_id = CASE WHEN (SELECT case_id FROM hearings WHERE id = hearing_id) = $2 THEN hearing_id END
            WHERE id = $1`,
          [id, target.id, owner],
        );
        return this.unlink(manager, kind, id);
      case 'event':
        await manager.update(CaseEvent, { id }, { caseId: target.id, participantId: owner });
        return this.unlink(manager, kind, id);
      case 'charge':
        await manager.update(Charge, { id }, { caseId: target.id, participantId: owner });
        return this.unlink(manager, kind, id);
    }
  }

  /** An import's "this event tells that record" makes sense only within one case. */
  private async unlink(
    manager: EntityManager,
    kind: MovableKind,
    id: string,
  ): Promise<{ unlinkedNarration?: number }> {
    const column = kind === 'event' ? 'event_id' : `${kind}_id`;
    const [, count] = (await manager.query(
      `DELETE FROM chronology_links link
        USING events event
        WHERE link.${column} = $1 AND event.id = link.event_id
          AND event.case_id <> coalesce(
            (SELECT case_id FROM charges WHERE id = link.charge_id),
            (SELECT case_id FROM hearings WHERE id = link.hearing_id),
            (SELECT case_id FROM custody_orders WHERE id = link.custody_order_id))`,
      [id],
    )) as [unknown, number];
    return count > 0 ? { unlinkedNarration: count } : {};
  }
}
