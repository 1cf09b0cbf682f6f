import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/domain-error';
import {
  Access,
  accessTo,
  caseVisibleSql,
  defenderVisibleSql,
  mayRead,
  NO_TEAM_READER,
} from './access-policy';
import { EntryTable, Subject } from './route-subjects';

const ENTRY_NAMES: Record<EntryTable, string> = {
  charges: 'Charge',
  hearings: 'Hearing',
  events: 'Event',
  custody_orders: 'Custody order',
  reminders: 'Reminder',
};

// Team ids as text arrays; array_agg over no rows is NULL, hence the coalesce.
const teamsOf = (table: string, column: string, subject: string) =>
  `coalesce((SELECT array_agg(team_id::text) FROM ${table} WHERE ${column} = ${subject}), '{}')`;

const READER_TEAMS = teamsOf('team_members', 'user_id', '$2');

/**
 * Applies access-policy.ts to one case or defender, read from the database on every call (no cache:
 * a restriction takes effect on the next request in every process).
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** null when there is no such case. */
  async caseAccess(
    user: AuthUser,
    caseId: string,
    manager = this.dataSource.manager,
  ): Promise<Access | null> {
    const [row] = (await manager.query(
      `SELECT ${teamsOf('case_teams', 'case_id', 'c.id')} AS "caseTeams",
              ${teamsOf('defender_teams', 'defender_id', 'c.defender_id')} AS "defenderTeams",
              coalesce((SELECT json_agg(${teamsOf('defender_teams', 'defender_id', 'l.defender_id')})
                          FROM case_participants l WHERE l.case_id = c.id AND NOT l.main), '[]') AS "coAccusedTeams",
              ${READER_TEAMS} AS "readerTeams"
         FROM cases c WHERE c.id = $1`,
      [caseId, user.id],
    )) as {
      caseTeams: string[];
      defenderTeams: string[];
      coAccusedTeams: string[][];
      readerTeams: string[];
    }[];
    return row
      ? accessTo({ role: user.role, teamIds: row.readerTeams }, [
          row.caseTeams,
          row.defenderTeams,
          ...row.coAccusedTeams,
        ])
      : null;
  }

  /** null when there is no such defender. */
  async defenderAccess(
    user: AuthUser,
    defenderId: string,
    manager = this.dataSource.manager,
  ): Promise<Access | null> {
    const [row] = (await manager.query(
      `SELECT ${teamsOf('defender_teams', 'defender_id', 'd.id')} AS "defenderTeams", ${READER_TEAMS} AS "readerTeams"
         FROM defenders d WHERE d.id = $1`,
      [defenderId, user.id],
    )) as { defenderTeams: string[]; readerTeams: string[] }[];
    return row ? accessTo({ role: user.role, teamIds: row.readerTeams }, [row.defenderTeams]) : null;
  }

  /**
   * What the reader may know of a route's subject: 404 (the same words as for an id that matches
   * nothing) when hidden; when an admin reads something restricted, an audit row says so.
   */
  async require(user: AuthUser, subject: Subject, read: { via: string } | null): Promise<void> {
    const { access, entity, entityId, name } = await this.resolve(user, subject);
    if (access === null || !mayRead(access)) {
      throw notFound(name, subject.id);
    }
    if (access === 'admin' && read) {
      await this.audit.record(this.dataSource.manager, {
        actor: user,
        action: 'read',
        entity,
        entityId,
        context: { restricted: true, via: read.via },
      });
    }
  }

  private async resolve(
    user: AuthUser,
    subject: Subject,
  ): Promise<{ access: Access | null; entity: string; entityId: string; name: string }> {
    switch (subject.kind) {
      case 'case':
        return {
          access: await this.caseAccess(user, subject.id),
          entity: 'case',
          entityId: subject.id,
          name: 'Case',
        };
      case 'defender':
        return {
          access: await this.defenderAccess(user, subject.id),
          entity: 'defender',
          entityId: subject.id,
          name: 'Defender',
        };
      case 'entry': {
        const name = ENTRY_NAMES[subject.table];
        const [row] = (await this.dataSource.query(
          `SELECT case_id AS "caseId" FROM ${subject.table} WHERE id = $1`,
          [subject.id],
        )) as { caseId: string | null }[];
        if (!row) {
          return { access: null, entity: 'case', entityId: subject.id, name };
        }
        // A reminder without a case (a weekly digest) is its owner's business, decided by its route.
        if (row.caseId === null) {
          return { access: 'open', entity: 'case', entityId: subject.id, name };
        }
        return {
          access: await this.caseAccess(user, row.caseId),
          entity: 'case',
          entityId: row.caseId,
          name,
        };
      }
      case 'document': {
        // entry_documents names its entry by kind and id; the entry names its case.
        const [row] = (await this.dataSource.query(
          `SELECT coalesce(e.case_id, c.case_id, h.case_id, o.case_id) AS "caseId"
             FROM entry_documents d
             LEFT JOIN events e ON d.entry_kind = 'event' AND e.id = d.entry_id
             LEFT JOIN charges c ON d.entry_kind = 'charge' AND c.id = d.entry_id
             LEFT JOIN hearings h ON d.entry_kind = 'hearing' AND h.id = d.entry_id
             LEFT JOIN custody_orders o ON d.entry_kind = 'custody_order' AND o.id = d.entry_id
            WHERE d.id = $1`,
          [subject.id],
        )) as { caseId: string | null }[];
        const access = row?.caseId ? await this.caseAccess(user, row.caseId) : null;
        return { access, entity: 'case', entityId: row?.caseId ?? subject.id, name: 'Document' };
      }
      default: {
        const unreachable: never = subject;
        throw new Error(`Unknown subject ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * An admin listing cases or defenders: one audit row per restricted one in the list (restricted
   * meaning what a reader in no team may not see), as for a read by id.
   */
  async recordAdminListReads(
    user: AuthUser,
    kind: 'case' | 'defender',
    ids: string[],
    via: string,
  ): Promise<void> {
    if (user.role !== 'admin' || ids.length === 0) {
      return;
    }
    const hidden =
      kind === 'case'
        ? `SELECT c.id FROM cases c WHERE c.id = ANY($1::uuid[]) AND NOT ${caseVisibleSql('c', NO_TEAM_READER)}`
        : `SELECT d.id FROM defenders d WHERE d.id = ANY($1::uuid[]) AND NOT ${defenderVisibleSql('d.id', NO_TEAM_READER)}`;
    const restricted = (await this.dataSource.query(hidden, [ids])) as { id: string }[];
    for (const { id } of restricted) {
      await this.audit.record(this.dataSource.manager, {
        actor: user,
        action: 'read',
        entity: kind,
        entityId: id,
        context: { restricted: true, via },
      });
    }
  }

  /** For callers inside a transaction that must refuse a case the reader may not see (404). */
  async requireCaseIn(manager: EntityManager, user: AuthUser, caseId: string): Promise<void> {
    const access = await this.caseAccess(user, caseId, manager);
    if (access === null || !mayRead(access)) {
      throw notFound('Case', caseId);
    }
  }
}
