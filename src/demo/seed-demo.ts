import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Case } from '../cases/case.entity';
import { refreshDetention } from '../cases/detention-store';
import { refreshStatus } from '../cases/stage-store';
import { addParticipants } from '../cases/participant-store';
import { Charge } from '../charges/charge.entity';
import { Clock } from '../common/clock';
import { Visibility } from '../common/entry';
import { CustodyOrder } from '../custody/custody-order.entity';
import { sealNew } from '../crypto/sealed-fields';
import { Defender } from '../defenders/defender.entity';
import { EventSource } from '../events/event-source.entity';
import { CaseEvent } from '../events/event.entity';
import { localToInstant } from '../hearings/court-time';
import { Hearing } from '../hearings/hearing.entity';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { DemoData, DemoEntry, KHURRAM_PARVEZ_DEMO } from './khurram-parvez';

const SEEDED_ENTITIES = ['defender', 'case', 'charge', 'hearing', 'custody_order', 'event'] as const;
export type SeededEntity = (typeof SEEDED_ENTITIES)[number];

export interface DemoSeedSummary {
  /** Rows inserted by this run, per entity. */
  created: Record<SeededEntity, number>;
  /** Rows already present (same fixed id), left exactly as they are. */
  present: Record<SeededEntity, number>;
  caseIds: string[];
}

const zeroCounts = (): Record<SeededEntity, number> =>
  Object.fromEntries(SEEDED_ENTITIES.map((entity) => [entity, 0])) as Record<SeededEntity, number>;

const NAMES: Record<SeededEntity, [one: string, many: string]> = {
  defender: ['defender', 'defenders'],
  case: ['case', 'cases'],
  charge: ['charge', 'charges'],
  hearing: ['hearing', 'hearings'],
  custody_order: ['custody order', 'custody orders'],
  event: ['event', 'events'],
};

export function describeDemoSeed(summary: DemoSeedSummary): string {
  const list = (counts: Record<SeededEntity, number>) =>
    SEEDED_ENTITIES.filter((entity) => counts[entity] > 0)
      .map((entity) => `${counts[entity]} ${NAMES[entity][counts[entity] === 1 ? 0 : 1]}`)
      .join(', ') || 'nothing';
  return `Demo case of Khurram Parvez: created ${list(summary.created)}; already present ${list(summary.present)}`;
}

/**
 * Loads the demo data in one transaction. Every row has a fixed id: a row already present is left
 * untouched (a caseworker may have edited the demo), a missing one is inserted and audited, so
 * loading twice changes nothing the second time.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reminders: ReminderScheduler,
    private readonly clock: Clock,
  ) {}

  async seed(data: DemoData = KHURRAM_PARVEZ_DEMO): Promise<DemoSeedSummary> {
    const summary = await this.dataSource.transaction((manager) => this.seedIn(manager, data));
    this.logger.log(describeDemoSeed(summary));
    return summary;
  }

  private async seedIn(manager: EntityManager, data: DemoData): Promise<DemoSeedSummary> {
    // Two loads at once would both see a row missing and collide on its id; take turns instead.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('vigil:seed-demo'))`);
    const summary: DemoSeedSummary = { created: zeroCounts(), present: zeroCounts(), caseIds: [] };
    const present = await this.presentIds(manager, data);
    const once = <T extends ObjectLiteral>(
      target: EntityTarget<T>,
      entity: SeededEntity,
      row: Partial<T> & { id: string },
      afterInsert?: () => Promise<T>,
    ) => this.createOnce(manager, summary, present, target, entity, row, afterInsert);

    await once(Defender, 'defender', data.defender);
    for (const { entries, ...demoCase } of data.cases) {
      const caseId = demoCase.id;
      // The detention columns are derived: placeholders until the entries below are folded.
      await once(Case, 'case', {
        ...demoCase,
        defenderId: data.defender.id,
        detentionStatus: 'not_detained',
        viewerDetentionStatus: 'not_detained',
        // Until refreshStatus folds the stages from the entries below.
        status: 'under_investigation',
        viewerStatus: 'under_investigation',
      });
      await addParticipants(manager, caseId, [data.defender.id], true);
      // In story order, so that entries sharing a day are created, and listed, in the order they happened.
      for (const entry of entries) {
        switch (entry.kind) {
          case 'charge': {
            const { kind: _kind, ...charge } = entry;
            await once(Charge, 'charge', { ...charge, caseId });
            break;
          }
          case 'hearing': {
            const { kind: _kind, date, ...hearing } = entry;
            const scheduledLocal = `${date}T00:00:00`;
            await once(Hearing, 'hearing', {
              ...hearing,
              caseId,
              // Only the day is known: local midnight, flagged as such.
              scheduledLocal,
              scheduledAt: localToInstant(scheduledLocal, demoCase.timezone),
              timeKnown: false,
              outcomeRecordedAt: hearing.outcome === null ? null : this.clock.now(),
            });
            break;
          }
          case 'custody_order': {
            const { kind: _kind, custodyKind, ...order } = entry;
            await once(CustodyOrder, 'custody_order', { ...order, kind: custodyKind, caseId });
            break;
          }
          case 'event': {
            const { kind: _kind, sources, ...event } = entry;
            await once(CaseEvent, 'event', { ...event, caseId }, async () => {
              // Sources belong to their event and arrive with it; an event already present keeps its own.
              if (sources.length) {
                await manager.insert(
                  EventSource,
                  sources.map((source, position) =>
                    sealNew(manager, EventSource, event.visibility, {
                      ...source,
                      eventId: event.id,
                      position,
                      url: null,
                    }),
                  ),
                );
              }
              return manager.findOneOrFail(CaseEvent, {
                where: { id: event.id },
                relations: { sources: true },
                order: { sources: { position: 'ASC' } },
              });
            });
            break;
          }
        }
      }
      await refreshDetention(manager, caseId);
      await refreshStatus(manager, caseId);
      await this.reminders.replanCase(manager, caseId);
      summary.caseIds.push(caseId);
    }
    return summary;
  }

  /** The demo ids already in the database. Ids never repeat across tables, so one set holds them all. */
  private async presentIds(manager: EntityManager, data: DemoData): Promise<Set<string>> {
    const idsOf = (kind: DemoEntry['kind']) =>
      data.cases.flatMap((demoCase) =>
        demoCase.entries.filter((entry) => entry.kind === kind).map((entry) => entry.id),
      );
    const tables: [EntityTarget<ObjectLiteral>, string[]][] = [
      [Defender, [data.defender.id]],
      [Case, data.cases.map((demoCase) => demoCase.id)],
      [Charge, idsOf('charge')],
      [Hearing, idsOf('hearing')],
      [CustodyOrder, idsOf('custody_order')],
      [CaseEvent, idsOf('event')],
    ];
    const present = new Set<string>();
    for (const [target, ids] of tables) {
      if (!ids.length) {
        continue;
      }
      const found: { id: string }[] = await manager
        .createQueryBuilder(target, 'row')
        .select('row.id', 'id')
        .where('row.id IN (:...ids)', { ids })
        .getRawMany();
      found.forEach((row) => present.add(row.id));
    }
    return present;
  }

  /** Inserts a row unless its id is present, and audits what it inserts. */
  private async createOnce<T extends ObjectLiteral>(
    manager: EntityManager,
    summary: DemoSeedSummary,
    present: Set<string>,
    target: EntityTarget<T>,
    entity: SeededEntity,
    row: Partial<T> & { id: string },
    afterInsert?: () => Promise<T>,
  ): Promise<void> {
    if (present.has(row.id)) {
      summary.present[entity] += 1;
      return;
    }
    const visibility = (row as { visibility?: Visibility }).visibility ?? null;
    await manager.insert(target, sealNew(manager, target, visibility, row));
    const after = afterInsert
      ? await afterInsert()
      : await manager.createQueryBuilder(target, 'row').where('row.id = :id', { id: row.id }).getOneOrFail();
    await this.audit.record(manager, {
      actor: null,
      action: 'create',
      entity,
      entityId: row.id,
      after,
      context: { source: 'seed:demo' },
    });
    summary.created[entity] += 1;
  }
}
