import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  DetentionCustodyOrder,
  DetentionEvent,
  DetentionHistory,
  DetentionInput,
  deriveDetention,
  storedDetentionFacts,
} from '../src/cases/detention-history';

// Before this, a case's arrest date, release date and detention status were typed in; now they are
// derived from its entries. Each case's typed facts become entries, so nothing recorded is lost or
// changes meaning:
// - an arrest date becomes an arrest event (unless an arrest or detention event on that day is
//   already there); with no arrest date and no such event, an undated detention;
// - a release date becomes a release (bail_granted when the status was on bail), unless one is
//   already there on that day; house arrest becomes the basis of the arrest;
// - where the entries then still tell another story than the typed status, one entry makes them
//   agree: an undated release or bail for a case marked released or on bail, a detention on the
//   day of the last closing entry for a case marked held. A case whose events record a death reads
//   deceased: the typed status was out of date.
// Then the stored facts (cases.detention_status and friends) are folded from the entries.
const NOTE = 'Carried over from the case details when Vigil began deriving the detention from entries.';

interface CaseRow {
  id: string;
  timezone: string;
  detentionStatus: 'in_custody' | 'on_bail' | 'house_arrest' | 'released';
  arrestedOn: string | null;
  arrestedOnPrecision: 'day' | 'month' | 'year';
  releasedOn: string | null;
}

interface NewEvent {
  caseId: string;
  occurredOn: string | null;
  precision: 'day' | 'month' | 'year';
  type: string;
  custodyBasis: string | null;
  description: string;
}

const HELD: string[] = ['in_custody', 'house_arrest'];

export class DetentionHistoryFromCaseDates1796150000001 implements MigrationInterface {
  name = 'DetentionHistoryFromCaseDates1796150000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const cases = (await queryRunner.query(
      `SELECT id, timezone, detention_status::text AS "detentionStatus", arrested_on::text AS "arrestedOn",
              arrested_on_precision::text AS "arrestedOnPrecision", released_on::text AS "releasedOn"
         FROM cases ORDER BY id`,
    )) as CaseRow[];
    for (const kase of cases) {
      const events = await this.events(queryRunner, kase.id);
      const has = (types: string[], day: string) =>
        events.some((event) => types.includes(event.type) && event.date === day);
      const added: NewEvent[] = [];
      const add = (event: Omit<NewEvent, 'caseId' | 'description'>) =>
        added.push({ ...event, caseId: kase.id, description: NOTE });
      const basis = kase.detentionStatus === 'house_arrest' ? 'house_arrest' : null;
      if (kase.arrestedOn !== null) {
        const opening = events.find(
          (event) => ['arrest', 'detention'].includes(event.type) && event.date === kase.arrestedOn,
        );
        if (opening && basis) {
          await queryRunner.query(`UPDATE events SET custody_basis = $2 WHERE id = $1`, [opening.id, basis]);
        } else if (!opening) {
          add({
            occurredOn: kase.arrestedOn,
            precision: kase.arrestedOnPrecision,
            type: 'arrest',
            custodyBasis: basis,
          });
        }
      } else if (!events.some((event) => ['arrest', 'detention'].includes(event.type))) {
        add({ occurredOn: null, precision: 'day', type: 'detention', custodyBasis: basis });
      }
      const closing = kase.detentionStatus === 'on_bail' ? 'bail_granted' : 'release';
      if (kase.releasedOn !== null && !has(['release', 'bail_granted'], kase.releasedOn)) {
        add({ occurredOn: kase.releasedOn, precision: 'day', type: closing, custodyBasis: null });
      }
      await this.insert(queryRunner, added);

      // Where the entries still tell another story than the typed status, one entry makes them agree;
      // the same for the story viewers read (without confidential entries), since they read the status.
      const today = new Date().toISOString().slice(0, 10);
      for (const confidential of [true, false]) {
        const story = deriveDetention(await this.entries(queryRunner, kase.id, confidential), today);
        const correction = this.correction(kase, story, basis, closing);
        if (correction) {
          await this.insert(queryRunner, [{ ...correction, caseId: kase.id }]);
        }
      }
      const derived = deriveDetention(await this.entries(queryRunner, kase.id), today);
      const stored = storedDetentionFacts(derived);
      const forViewers = deriveDetention(await this.entries(queryRunner, kase.id, false), today);
      await queryRunner.query(
        `UPDATE cases SET detention_status = $2, arrested_on = $3, arrested_on_precision = $4,
                          released_on = $5, released_on_precision = $6, viewer_detention_status = $7
          WHERE id = $1`,
        [
          kase.id,
          stored.detentionStatus,
          stored.arrestedOn,
          stored.arrestedOnPrecision,
          stored.releasedOn,
          stored.releasedOnPrecision,
          forViewers.detentionStatus,
        ],
      );
    }
  }

  /** The entry that makes a fold agree with the status typed before, if it does not. */
  private correction(
    kase: CaseRow,
    story: DetentionHistory,
    basis: string | null,
    closing: string,
  ): Omit<NewEvent, 'caseId'> | null {
    if (story.detentionStatus === kase.detentionStatus || story.detentionStatus === 'deceased') {
      return null;
    }
    if (!HELD.includes(kase.detentionStatus)) {
      return { occurredOn: null, precision: 'day', type: closing, custodyBasis: null, description: NOTE };
    }
    if (HELD.includes(story.detentionStatus)) {
      return null;
    }
    return {
      occurredOn: story.periods.at(-1)?.to ?? null,
      precision: 'day',
      type: 'detention',
      custodyBasis: basis,
      description: `${NOTE} The case was recorded as held after the entries before this one.`,
    };
  }

  async down(): Promise<void> {
    // The carried-over events are ordinary entries now; the case columns they came from are kept.
  }

  private async entries(
    queryRunner: QueryRunner,
    caseId: string,
    confidential = true,
  ): Promise<DetentionInput> {
    const visible = confidential ? '' : `AND visibility <> 'confidential'`;
    const custodyOrders = (await queryRunner.query(
      `SELECT id, kind::text, ordered_on::text AS "orderedOn", days, until::text,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"
         FROM custody_orders WHERE case_id = $1 ${visible}`,
      [caseId],
    )) as DetentionCustodyOrder[];
    return { events: await this.events(queryRunner, caseId, visible), custodyOrders };
  }

  private async events(queryRunner: QueryRunner, caseId: string, visible = ''): Promise<DetentionEvent[]> {
    return (await queryRunner.query(
      `SELECT id, type::text, occurred_on::text AS date, precision::text,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
              custody_basis::text AS "custodyBasis"
         FROM events WHERE case_id = $1 ${visible}`,
      [caseId],
    )) as DetentionEvent[];
  }

  private async insert(queryRunner: QueryRunner, events: NewEvent[]): Promise<void> {
    for (const event of events) {
      await queryRunner.query(
        `INSERT INTO events (case_id, occurred_on, precision, type, custody_basis, description, visibility)
         VALUES ($1, $2, $3, $4, $5, $6, 'public')`,
        [event.caseId, event.occurredOn, event.precision, event.type, event.custodyBasis, event.description],
      );
    }
  }
}
