import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Case } from '../cases/case.entity';
import { conflict, DomainError, FieldProblem } from '../common/domain-error';
import { findOrFail, lockedOrFail } from '../common/entity-lookup';
import { Page, PaginationQuery, page } from '../common/pagination';
import { Defender } from '../defenders/defender.entity';
import { TeamSummary, TeamView } from './dto/team.dto';
import { Restricted, RESTRICTION_TABLES, restrictionsOf } from './restrictions';
import { Team } from './team.entity';

const RESTRICTED_ROWS = {
  case: { entity: Case, name: 'Case' },
  defender: { entity: Defender, name: 'Defender' },
} as const satisfies Record<Restricted, object>;

const uniqueName = (manager: EntityManager, name: string, except: string | null) =>
  manager.query(`SELECT 1 FROM teams WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`, [
    name,
    except,
  ]) as Promise<unknown[]>;

@Injectable()
export class TeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: PaginationQuery): Promise<Page<TeamView>> {
    const manager = this.dataSource.manager;
    const [teams, total] = await manager.findAndCount(Team, {
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(await this.views(manager, teams), total, query);
  }

  async get(id: string): Promise<TeamView> {
    const manager = this.dataSource.manager;
    const [view] = await this.views(manager, [await findOrFail(manager, Team, id, 'Team')]);
    return view;
  }

  create(actor: AuditActor, name: string): Promise<TeamView> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseTakenName(manager, name, null);
      const saved = await manager.save(manager.create(Team, { name }));
      const [after] = await this.views(manager, [await manager.findOneByOrFail(Team, { id: saved.id })]);
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'team',
        entityId: saved.id,
        after,
      });
      return after;
    });
  }

  rename(actor: AuditActor, id: string, name: string): Promise<TeamView> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.views(manager, [await lockedOrFail(manager, Team, id, 'Team')]);
      await this.refuseTakenName(manager, name, id);
      await manager.update(Team, { id }, { name });
      const [after] = await this.views(manager, [await manager.findOneByOrFail(Team, { id })]);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'team',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A team that restricts a case or defender stays: deleting it would open them to everyone. */
  remove(actor: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.views(manager, [await lockedOrFail(manager, Team, id, 'Team')]);
      if (before.cases > 0 || before.defenders > 0) {
        throw conflict(
          `${before.name} restricts ${before.defenders} defender(s) and ${before.cases} case(s); lift or move those restrictions first`,
        );
      }
      await manager.delete(Team, { id });
      await this.audit.record(manager, { actor, action: 'delete', entity: 'team', entityId: id, before });
    });
  }

  setMembers(actor: AuditActor, id: string, userIds: string[]): Promise<TeamView> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.views(manager, [await lockedOrFail(manager, Team, id, 'Team')]);
      const wanted = [...new Set(userIds)];
      const known = (await manager.query('SELECT id FROM users WHERE id = ANY($1::uuid[])', [wanted])) as {
        id: string;
      }[];
      const knownIds = new Set(known.map((user) => user.id));
      failIfAny(
        wanted
          .filter((userId) => !knownIds.has(userId))
          .map((userId) => ({ field: 'userIds', problem: `contains ${userId}, which matches no user` })),
      );
      await manager.query('DELETE FROM team_members WHERE team_id = $1', [id]);
      await manager.query('INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[])', [
        id,
        wanted,
      ]);
      const [after] = await this.views(manager, [await manager.findOneByOrFail(Team, { id })]);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'team',
        entityId: id,
        before,
        after,
        context: { change: 'members' },
      });
      return after;
    });
  }

  /**
   * Restricts a case or defender to exactly these teams (none: unrestricted). Audited on the case
   * or defender itself, so its history shows who closed or opened it and when.
   */
  restrict(actor: AuditActor, kind: Restricted, id: string, teamIds: string[]): Promise<TeamSummary[]> {
    const { table, column } = RESTRICTION_TABLES[kind];
    const { entity, name } = RESTRICTED_ROWS[kind];
    return this.dataSource.transaction(async (manager) => {
      await lockedOrFail(manager, entity, id, name);
      const wanted = [...new Set(teamIds)];
      const known = new Set(
        (
          (await manager.query('SELECT id FROM teams WHERE id = ANY($1::uuid[])', [wanted])) as {
            id: string;
          }[]
        ).map((team) => team.id),
      );
      failIfAny(
        wanted
          .filter((teamId) => !known.has(teamId))
          .map((teamId) => ({ field: 'teamIds', problem: `contains ${teamId}, which matches no team` })),
      );
      const before = (await restrictionsOf(manager, kind, [id])).get(id) ?? [];
      await manager.query(`DELETE FROM ${table} WHERE ${column} = $1`, [id]);
      await manager.query(`INSERT INTO ${table} (${column}, team_id) SELECT $1, unnest($2::uuid[])`, [
        id,
        wanted,
      ]);
      const after = (await restrictionsOf(manager, kind, [id])).get(id) ?? [];
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: kind,
        entityId: id,
        before: { restrictedTo: before },
        after: { restrictedTo: after },
        context: { change: after.length > 0 ? 'restricted' : 'unrestricted' },
      });
      return after;
    });
  }

  private async refuseTakenName(manager: EntityManager, name: string, except: string | null): Promise<void> {
    if ((await uniqueName(manager, name, except)).length > 0) {
      throw conflict(`A team named ${name} exists already`, [
        { field: 'name', problem: 'is taken by another team' },
      ]);
    }
  }

  private async views(manager: EntityManager, teams: Team[]): Promise<TeamView[]> {
    const ids = teams.map((team) => team.id);
    const members = (await manager.query(
      `SELECT m.team_id AS "teamId", u.id, u.name, u.email FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = ANY($1::uuid[]) ORDER BY lower(u.name), u.id`,
      [ids],
    )) as { teamId: string; id: string; name: string; email: string }[];
    const counts = (await manager.query(
      `SELECT t.id, (SELECT count(*) FROM case_teams WHERE team_id = t.id)::int AS cases,
              (SELECT count(*) FROM defender_teams WHERE team_id = t.id)::int AS defenders
         FROM teams t WHERE t.id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; cases: number; defenders: number }[];
    return teams.map((team) => {
      const count = counts.find((row) => row.id === team.id);
      return {
        id: team.id,
        name: team.name,
        members: members
          .filter((member) => member.teamId === team.id)
          .map(({ id, name, email }) => ({ id, name, email })),
        cases: count?.cases ?? 0,
        defenders: count?.defenders ?? 0,
        createdAt: team.createdAt,
        updatedAt: team.updatedAt,
      };
    });
  }
}

const failIfAny = (problems: FieldProblem[]): void => {
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION',
      problems.map(({ field, problem }) => `${field} ${problem}`).join('; '),
      problems,
    );
  }
};
