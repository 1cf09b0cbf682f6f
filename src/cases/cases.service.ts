import { findOrFail, lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { caseVisibleSql, knownReader } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, FieldProblem, notFound } from '../common/domain-error';
import { VISIBILITIES } from '../common/entry';
import { todayIn } from '../common/calendar-day';
import { Page, PaginationQuery, page } from '../common/pagination';
import { localToInstant } from '../hearings/court-time';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { RemindersService } from '../reminders/reminders.service';
import { Case } from './case.entity';
import { firstCustodyDays, refreshDetention, writeStartingEntries } from './detention-store';
import { refreshStatus, writeStartingStage } from './stage-store';
import { STATUS_OVERRIDES, StatusOverride } from './case-stages';
import { CaseView } from './dto/case-view.dto';
import { addParticipants, coAccusedIdsOf } from './participant-store';
import {
  CaseDates,
  caseDateProblems,
  coAccusedProblems,
  defenderProblems,
  leavingProblems,
  visibleDefenders,
} from './case-problems';
import { CaseQuery, CreateCaseDto, UpdateCaseDto } from './dto/case.dto';
import { CaseListFilters, caseListSql } from './case-list-sql';
import { caseViews } from './case-views';

type CaseSnapshot = Omit<Case, 'defender'> & { coAccusedIds: string[] };

const isOverride = (status: string): status is StatusOverride =>
  (STATUS_OVERRIDES as readonly string[]).includes(status);

const failIfAny = (problems: FieldProblem[]): void => {
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION',
      problems.map(({ field, problem }) => `${field} ${problem}`).join('; '),
      problems,
    );
  }
};

const givenFields = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reminders: ReminderScheduler,
    private readonly clock: Clock,
    private readonly watching: RemindersService,
    private readonly access: AccessService,
  ) {}

  create(actor: AuditActor, user: AuthUser, input: CreateCaseDto): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const coAccusedIds = input.coAccusedIds ?? [];
      const dates: CaseDates = {
        arrestedOn: input.arrestedOn ?? null,
        arrestedOnPrecision: input.arrestedOnPrecision ?? 'day',
        releasedOn: input.releasedOn ?? null,
        releasedOnPrecision: input.releasedOnPrecision ?? 'day',
      };
      failIfAny([
        ...(await defenderProblems(manager, user, input.defenderId)),
        ...(await coAccusedProblems(manager, user, input.defenderId, coAccusedIds)),
        ...caseDateProblems(
          { ...dates, detentionStatus: input.detentionStatus },
          todayIn(this.clock.now(), input.timezone),
        ),
      ]);
      const startingStatus = input.status ?? 'under_investigation';
      const saved = await manager.save(
        manager.create(Case, {
          defenderId: input.defenderId,
          title: input.title,
          country: input.country,
          timezone: input.timezone,
          caseNumber: input.caseNumber ?? null,
          court: input.court ?? null,
          // Stored until refreshStatus folds the stages; closed and unknown say what no entry can.
          status: startingStatus,
          viewerStatus: startingStatus,
          statusOverride: isOverride(startingStatus) ? startingStatus : null,
          // Stored facts until refreshDetention folds the entries written below.
          detentionStatus: 'not_detained',
          viewerDetentionStatus: 'not_detained',
          placeOfDetention: input.placeOfDetention ?? null,
          unnamedCoAccused: input.unnamedCoAccused ?? 0,
        }),
      );
      await addParticipants(manager, saved.id, [input.defenderId], true);
      await addParticipants(manager, saved.id, coAccusedIds);
      const starting = await writeStartingEntries(
        manager,
        saved.id,
        input.defenderId,
        dates,
        input.detentionStatus,
      );
      const stageEntry = await writeStartingStage(manager, saved.id, startingStatus);
      for (const event of stageEntry ? [...starting, stageEntry] : starting) {
        await this.audit.record(manager, {
          actor,
          action: 'create',
          entity: 'event',
          entityId: event.id,
          after: event,
        });
      }
      await refreshDetention(manager, saved.id);
      await refreshStatus(manager, saved.id);
      const after = await snapshot(manager, saved.id);
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'case',
        entityId: saved.id,
        after,
      });
      // Whoever opens a case follows it, so that its reminders reach someone from the start.
      await this.watching.watchIn(manager, actor, saved.id, user.id);
      await this.reminders.replanCase(manager, saved.id);
      return this.viewOne(manager, saved.id, user);
    });
  }

  async list(user: AuthUser, query: CaseQuery): Promise<Page<CaseView>> {
    const [ids, total] = await this.listedIds(user, query, query);
    await this.access.recordAdminListReads(user, 'case', ids, 'list of cases');
    return page(await this.getMany(user, ids), total, query);
  }

  /**
   * The ids of the cases a list shows, filtered and sorted in SQL (case-list-sql.ts), a page of
   * them (every one without `paging`), and how many match.
   */
  async listedIds(
    user: AuthUser,
    filters: CaseListFilters,
    paging?: PaginationQuery,
  ): Promise<[string[], number]> {
    const sql = caseListSql(user, filters, this.clock.now());
    const limits = paging ? `LIMIT ${paging.limit} OFFSET ${paging.offset}` : '';
    const [rows, counted] = await Promise.all([
      this.dataSource.query(`SELECT c.id ${sql.from} ${sql.orderBy} ${limits}`, sql.params) as Promise<
        { id: string }[]
      >,
      this.dataSource.query(
        `SELECT count(*)::int AS total ${sql.from}`,
        sql.params.slice(0, sql.filterParams),
      ) as Promise<{ total: number }[]>,
    ]);
    return [rows.map(({ id }) => id), counted[0].total];
  }

  /** A defender's cases: those about them and those where they are co-accused, their latest arrest first. */
  async listForDefender(user: AuthUser, defenderId: string, query: PaginationQuery): Promise<Page<CaseView>> {
    const manager = this.dataSource.manager;
    if (!(await visibleDefenders(manager, user, [defenderId])).has(defenderId)) {
      throw notFound('Defender', defenderId);
    }
    const builder = manager
      .createQueryBuilder(Case, 'case')
      .leftJoinAndSelect('case.defender', 'defender')
      .where('case.id IN (SELECT case_id FROM case_participants WHERE defender_id = :defenderId)', {
        defenderId,
      })
      .andWhere(caseVisibleSql('case', knownReader(user, ':readerId')), { readerId: user.id });
    if (hasRole(user, 'caseworker')) {
      const [cases, total] = await pageOf(
        builder
          // Their own first day in custody, which in a joint case may not be the main defender's.
          .addSelect(
            '(SELECT p.arrested_on FROM case_participants p WHERE p.case_id = case.id AND p.defender_id = :defenderId)',
            'their_arrest',
          )
          .orderBy('their_arrest', 'DESC', 'NULLS LAST')
          .addOrderBy('case.created_at', 'DESC')
          .addOrderBy('case.id', 'DESC'),
        query,
      );
      await this.access.recordAdminListReads(
        user,
        'case',
        cases.map((found) => found.id),
        "a defender's cases",
      );
      return page(await caseViews(manager, this.clock.now(), cases, user), total, query);
    }
    // The stored arrest date is folded from confidential entries too: its order would tell a viewer
    // of a confidential arrest. They get the arrests their entries tell (a defender has a few cases).
    const cases = await builder.orderBy('case.created_at', 'DESC').addOrderBy('case.id', 'DESC').getMany();
    const arrested = await firstCustodyDays(
      manager,
      cases.map((found) => found.id),
      VISIBILITIES.filter((v) => v !== 'confidential'),
      defenderId,
    );
    const latestFirst = (a: Case, b: Case) => {
      const [x, y] = [arrested.get(a.id) ?? null, arrested.get(b.id) ?? null];
      return x === y ? 0 : x === null ? 1 : y === null ? -1 : y.localeCompare(x);
    };
    const sorted = [...cases].sort(latestFirst).slice(query.offset, query.offset + query.limit);
    return page(await caseViews(manager, this.clock.now(), sorted, user), cases.length, query);
  }

  get(user: AuthUser, id: string): Promise<CaseView> {
    return this.viewOne(this.dataSource.manager, id, user);
  }

  /** Several cases in the order of `ids`, in a fixed number of queries; ids matching no case are left out. */
  async getMany(user: AuthUser, ids: string[]): Promise<CaseView[]> {
    if (ids.length === 0) {
      return [];
    }
    const manager = this.dataSource.manager;
    const found = await manager
      .createQueryBuilder(Case, 'case')
      .leftJoinAndSelect('case.defender', 'defender')
      .where('case.id IN (:...ids)', { ids })
      .andWhere(caseVisibleSql('case', knownReader(user, ':readerId')), { readerId: user.id })
      .getMany();
    const byId = new Map(found.map((one) => [one.id, one]));
    const inOrder = ids.flatMap((id) => byId.get(id) ?? []);
    return caseViews(manager, this.clock.now(), inOrder, user);
  }

  update(actor: AuditActor, user: AuthUser, id: string, input: UpdateCaseDto): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      await lockedOrFail(manager, Case, id, 'Case');
      const before = await snapshot(manager, id);
      const { coAccusedIds, status: _derived, ...fields } = givenFields(input);
      const merged = { ...before, ...fields };
      const defenderChanged = merged.defenderId !== before.defenderId;
      failIfAny([
        ...(defenderChanged ? await defenderProblems(manager, user, merged.defenderId) : []),
        ...(coAccusedIds !== undefined
          ? await coAccusedProblems(manager, user, merged.defenderId, coAccusedIds)
          : defenderChanged && before.coAccusedIds.includes(merged.defenderId)
            ? [
                {
                  field: 'defenderId',
                  problem: 'is co-accused in this case; take them out of coAccusedIds too',
                },
              ]
            : []),
      ]);
      // A co-accused made the main defender keeps their own entries, and so does the defender they
      // replace (now co-accused unless coAccusedIds leaves them out). A defender new to the case takes
      // the place of the one entered by mistake, entries and all (ON UPDATE CASCADE).
      const promoted = defenderChanged && before.coAccusedIds.includes(merged.defenderId);
      const staying = coAccusedIds ?? [
        ...before.coAccusedIds.filter((one) => one !== merged.defenderId),
        ...(promoted ? [before.defenderId] : []),
      ];
      const leaving = [...before.coAccusedIds, ...(promoted ? [before.defenderId] : [])].filter(
        (one) => one !== merged.defenderId && !staying.includes(one),
      );
      failIfAny(await leavingProblems(manager, id, leaving));
      if (Object.keys(fields).length > 0) {
        await manager.update(Case, { id }, fields);
      }
      if (promoted) {
        await manager.query('UPDATE case_participants SET main = false WHERE case_id = $1 AND main', [id]);
        await manager.query(
          'UPDATE case_participants SET main = true WHERE case_id = $1 AND defender_id = $2',
          [id, merged.defenderId],
        );
      } else if (defenderChanged) {
        await manager.query('UPDATE case_participants SET defender_id = $2 WHERE case_id = $1 AND main', [
          id,
          merged.defenderId,
        ]);
      }
      const rederivedHearings =
        merged.timezone !== before.timezone ? await this.rederiveHearings(manager, id, merged.timezone) : [];
      await manager.query(
        'DELETE FROM case_participants WHERE case_id = $1 AND NOT main AND defender_id = ANY($2::uuid[])',
        [id, leaving],
      );
      await addParticipants(manager, id, staying);
      if (defenderChanged || coAccusedIds !== undefined) {
        await refreshDetention(manager, id);
      }
      // After the people change: the case's status is its defender's story, each person's their own.
      await refreshStatus(manager, id);
      const after = await snapshot(manager, id);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'case',
        entityId: id,
        before,
        after,
        ...(rederivedHearings.length > 0 ? { context: { rederivedHearings } } : {}),
      });
      await this.reminders.replanCase(manager, id);
      return this.viewOne(manager, id, user);
    });
  }

  /** Its charges, hearings, custody orders and events go with it (the foreign keys cascade). */
  remove(actor: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await lockedOrFail(manager, Case, id, 'Case');
      const before = await snapshot(manager, id);
      const cascaded = await cascadeCounts(manager, id);
      await manager.delete(Case, { id });
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'case',
        entityId: id,
        before,
        context: { cascaded },
      });
      await this.reminders.replanCase(manager, id);
    });
  }

  /** What deleting the case deletes with it, counted as remove records it in the audit log. */
  async deletedWith(id: string): Promise<CascadeCounts> {
    await findOrFail(this.dataSource.manager, Case, id, 'Case');
    return cascadeCounts(this.dataSource.manager, id);
  }

  /** A hearing is what the court said in local time; its instant follows the case's zone. */
  private async rederiveHearings(
    manager: EntityManager,
    caseId: string,
    zone: string,
  ): Promise<{ id: string; scheduledLocal: string; before: string; after: string }[]> {
    const hearings = (await manager.query(
      `SELECT id, to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS local, scheduled_at AS at
         FROM hearings WHERE case_id = $1 ORDER BY scheduled_local, id FOR UPDATE`,
      [caseId],
    )) as { id: string; local: string; at: Date }[];
    const changes = hearings.map((hearing) => ({
      id: hearing.id,
      scheduledLocal: hearing.local,
      before: hearing.at.toISOString(),
      after: localToInstant(hearing.local, zone).toISOString(),
    }));
    if (changes.length > 0) {
      await manager.query(
        `UPDATE hearings AS hearing SET scheduled_at = derived.at
           FROM unnest($1::uuid[], $2::timestamptz[]) AS derived (id, at)
          WHERE hearing.id = derived.id`,
        [changes.map((change) => change.id), changes.map((change) => change.after)],
      );
    }
    return changes;
  }

  private async viewOne(manager: EntityManager, id: string, user: AuthUser): Promise<CaseView> {
    const found = await manager.findOne(Case, { where: { id }, relations: { defender: true } });
    if (!found) {
      throw notFound('Case', id);
    }
    const [view] = await caseViews(manager, this.clock.now(), [found], user);
    return view;
  }
}

/**
 * One page of cases and the total, in two statements run side by side. The defender join is
 * many-to-one, so a plain LIMIT/OFFSET pages cases correctly; TypeORM's take/skip would add a
 * SELECT DISTINCT of ids first and run the count after.
 */
function pageOf(builder: SelectQueryBuilder<Case>, query: PaginationQuery): Promise<[Case[], number]> {
  return Promise.all([builder.clone().limit(query.limit).offset(query.offset).getMany(), builder.getCount()]);
}

async function snapshot(manager: EntityManager, id: string): Promise<CaseSnapshot> {
  const found = await manager.findOneByOrFail(Case, { id });
  return { ...found, coAccusedIds: await coAccusedIdsOf(manager, id) };
}

export interface CascadeCounts {
  charges: number;
  hearings: number;
  custodyOrders: number;
  events: number;
}

/** The entries a case's foreign keys take with it when it is deleted. */
async function cascadeCounts(manager: EntityManager, id: string): Promise<CascadeCounts> {
  const [counts] = (await manager.query(
    `SELECT (SELECT count(*) FROM charges WHERE case_id = $1)::int AS charges,
            (SELECT count(*) FROM hearings WHERE case_id = $1)::int AS hearings,
            (SELECT count(*) FROM custody_orders WHERE case_id = $1)::int AS "custodyOrders",
            (SELECT count(*) FROM events WHERE case_id = $1)::int AS events`,
    [id],
  )) as CascadeCounts[];
  return counts;
}
