import { EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../auth/auth-user';
import { todayIn } from '../common/calendar-day';
import { VISIBILITIES } from '../common/entry';
import { Defender } from '../defenders/defender.entity';
import { ClockHearing, nextHearing } from '../hearings/next-hearing';
import { restrictionsOf } from '../teams/restrictions';
import { Case } from './case.entity';
import type { CaseStages } from './case-stages';
import type { DetentionHistory } from './detention-history';
import { detentionInputs } from './detention-store';
import { CaseView, DefenderSummary } from './dto/case-view.dto';
import { participantsOf } from './participant-store';
import { deriveParticipants } from './participants';
import { peopleStages } from './stage-store';

// What the API and the pages read of a case: its fields, its defender and co-accused, each person's
// custody clock, status and stages, derived from the entries the reader may see. The case's own
// status and stages are its defender's story (stage-store.ts); a co-accused's are beside them.

const summary = (defender: Pick<Defender, 'id' | 'fullName' | 'country'>): DefenderSummary => ({
  id: defender.id,
  fullName: defender.fullName,
  country: defender.country,
});

/**
 * Cases with their defender, co-accused and custody clock: a fixed number of queries for any
 * number of cases. Viewers' clocks are folded without confidential entries, which they never see,
 * so the status, dates and clock they read are those of the story they can read.
 */
export async function caseViews(
  manager: EntityManager,
  now: Date,
  cases: Case[],
  user: AuthUser,
): Promise<CaseView[]> {
  if (cases.length === 0) {
    return [];
  }
  const ids = cases.map((found) => found.id);
  const caseworker = hasRole(user, 'caseworker');
  const visibilities = caseworker ? VISIBILITIES : VISIBILITIES.filter((v) => v !== 'confidential');
  const hidden = caseworker ? '' : `AND visibility <> 'confidential'`;
  // One after another: inside a transaction they share one connection.
  const people = await participantsOf(manager, ids);
  const inputs = await detentionInputs(manager, ids, visibilities);
  const stagesOf = await peopleStages(manager, ids, visibilities);
  const restrictions = await restrictionsOf(manager, 'case', ids);
  const hearings = (await manager.query(
    `SELECT case_id AS "caseId", id, scheduled_at AS "scheduledAt",
            to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal",
            time_known AS "timeKnown", court, status::text
       FROM hearings WHERE case_id = ANY($1::uuid[]) ${hidden}`,
    [ids],
  )) as (ClockHearing & { caseId: string })[];
  const peopleOf = byCase(people);
  const hearingsOf = byCase(hearings);
  return cases.map((found) => {
    const { defender, viewerDetentionStatus: _forLists, viewerStatus: _forViewersLists, ...fields } = found;
    const stages = stagesOf.get(found.id);
    const main = stages?.main;
    const theirs = peopleOf.get(found.id) ?? [];
    const today = todayIn(now, found.timezone);
    const caseHearings = hearingsOf.get(found.id) ?? [];
    const input = inputs.get(found.id) ?? { events: [], custodyOrders: [] };
    const next = nextHearing(caseHearings, now, today);
    // Each person's clock is their own story's; the hearings concern them all.
    const histories = deriveParticipants(
      {
        ...input,
        hearings: caseHearings.map((hearing) => ({
          id: hearing.id,
          day: hearing.scheduledLocal.slice(0, 10),
        })),
      },
      [found.defenderId, ...theirs.map((person) => person.defenderId)],
      today,
    );
    const participants = theirs.map((person) => {
      const history = histories.get(person.defenderId) as DetentionHistory;
      // Found for everyone: the participants and the stages are read alike from case_participants.
      const own = stages?.byPerson.get(person.defenderId) as CaseStages;
      return {
        defender: summary({ id: person.defenderId, fullName: person.fullName, country: person.country }),
        main: person.main,
        status: own.status,
        stage: own.current.kind,
        verdict: own.verdict,
        detentionStatus: history.detentionStatus,
        custodyClock: { ...history, nextHearing: next },
      };
    });
    const coAccused = participants.filter((person) => !person.main).map((person) => person.defender);
    const history = histories.get(found.defenderId) as DetentionHistory;
    return {
      ...fields,
      status: main?.status ?? found.status,
      stages: main ?? null,
      detentionStatus: history.detentionStatus,
      arrestedOn: history.firstCustodyOn,
      arrestedOnPrecision: history.firstCustodyPrecision ?? 'day',
      releasedOn: history.lastReleasedOn,
      releasedOnPrecision: history.lastReleasedPrecision,
      defender: summary(defender as Defender),
      coAccusedIds: coAccused.map((accused) => accused.id),
      coAccused,
      participants,
      restrictedTo: restrictions.get(found.id) ?? [],
      custodyClock: { ...history, nextHearing: next },
    };
  });
}

/** Rows grouped by their case, each group in the order the rows came. */
function byCase<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.caseId);
    if (group) {
      group.push(row);
    } else {
      groups.set(row.caseId, [row]);
    }
  }
  return groups;
}
