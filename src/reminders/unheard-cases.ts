import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { caseIdVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser } from '../auth/auth-user';
import { readableBy } from '../common/readers';
import { UnheardCaseView } from './dto/reminder.dto';
import { CASE_AUDIENCE_SQL, mayReadSql } from './reminder-audience';

/**
 * Cases with a pending reminder, of those the reader may see ($1: the visibilities they may read;
 * the cases those the reader, $4 of role `role`, may see by access-policy.ts),
 * that would reach nobody on the case: nobody in its audience (unmuted active watchers, external
 * recipients) who may read it (mayRead, spelled in SQL by mayReadSql). At most $2 cases; $3, when
 * not null, looks at that case only. The fallback address does not count: it is a safety net, not
 * someone who follows the case.
 */
export const casesNotifyingNobodySql = (user: Pick<AuthUser, 'role'>): string => `
  SELECT c.id, c.title, d.full_name AS "defenderName"
    FROM cases c JOIN defenders d ON d.id = c.defender_id
   WHERE c.id IN (
     SELECT r.case_id FROM reminders r
      WHERE r.status = 'pending' AND r.case_id IS NOT NULL AND r.visibility = ANY($1::visibility[])
        AND ($3::uuid IS NULL OR r.case_id = $3::uuid)
        AND ${caseIdVisibleSql('r.case_id', knownReader(user, '$4::uuid'))}
        AND NOT EXISTS (SELECT 1 FROM (${CASE_AUDIENCE_SQL}) audience
                         WHERE audience.case_id = r.case_id AND ${mayReadSql('audience.role', 'r.visibility')})
      GROUP BY r.case_id
      LIMIT $2)
   ORDER BY d.full_name, c.title, c.id`;
/** The "notifies nobody" warning of the case page, the outcome's answer and the dashboard. */
@Injectable()
export class UnheardCases {
  constructor(private readonly dataSource: DataSource) {}

  /** Cases (at most `limit`) some of whose pending reminders that `user` may see would reach nobody on the case. */
  async list(
    user: AuthUser,
    options: { caseId?: string; limit: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UnheardCaseView[]> {
    return (await manager.query(casesNotifyingNobodySql(user), [
      readableBy(user),
      options.limit,
      options.caseId ?? null,
      user.id,
    ])) as UnheardCaseView[];
  }

  /** Whether some pending reminder of the case that `user` may see would reach nobody on it. */
  async notifiesNobody(
    user: AuthUser,
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return (await this.list(user, { caseId, limit: 1 }, manager)).length > 0;
  }
}
