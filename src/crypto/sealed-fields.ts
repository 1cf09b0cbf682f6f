import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Charge } from '../charges/charge.entity';
import { Visibility } from '../common/entry';
import { CustodyOrder } from '../custody/custody-order.entity';
import { Defender } from '../defenders/defender.entity';
import { EventSource } from '../events/event-source.entity';
import { CaseEvent } from '../events/event.entity';
import { Hearing } from '../hearings/hearing.entity';
import { Reminder } from '../reminders/reminder.entity';
import { dataKeysOf } from './sealed-connection';

// What is sealed at rest: every free-text field of an entry marked confidential (with the sources of
// a confidential event and the reminders about it), every defender's contacts, each user's two-factor
// key, and the free text of every entry's audit snapshot. Dates, kinds, statuses and numbers stay in
// clear: the timeline orders by them and the detention fold reads them in SQL. Writers seal with
// the functions below; the connection opens on read (sealed-connection.ts); the database refuses a
// confidential row whose free text is not sealed (migration SealConfidentialFields). A new sealed
// column is listed here, so that data-key:rotate finds it, and checked by a migration of its own.

/** Free-text properties of each kind of entry, sealed while the entry is confidential. */
export const SEALED_WHEN_CONFIDENTIAL = new Map<EntityTarget<ObjectLiteral>, readonly string[]>([
  [CaseEvent, ['title', 'description', 'bailConditionsNote', 'court']],
  [EventSource, ['citation', 'url']],
  [Hearing, ['court', 'judge', 'purpose', 'outcome', 'outcomeNotes']],
  [Charge, ['law', 'section', 'offence']],
  [CustodyOrder, ['court', 'judge', 'place', 'notes']],
  // What a reminder about a confidential entry repeats of it (reminders/reminder-scheduler.ts seals them).
  [Reminder, ['title', 'details']],
]);

/** Properties sealed on every row, whatever its visibility. */
export const ALWAYS_SEALED = new Map<EntityTarget<ObjectLiteral>, readonly string[]>([
  [Defender, ['contacts']],
]);

/** Sealed columns of tables without an entity, by their key column (two-factor.service.ts seals them). */
export const SEALED_COLUMNS_WITHOUT_ENTITY: readonly {
  table: string;
  key: string;
  columns: readonly string[];
}[] = [
  { table: 'second_factors', key: 'user_id', columns: ['secret'] },
  // A confidential entry's files (sealed-documents.ts); their content is sealed as bytes and rotated there.
  { table: 'entry_documents', key: 'id', columns: ['file_name', 'citation'] },
];

/** The audit log's names for the entities above, whose snapshots are sealed the same way. */
const AUDITED: Record<string, EntityTarget<ObjectLiteral>> = {
  event: CaseEvent,
  hearing: Hearing,
  charge: Charge,
  custody_order: CustodyOrder,
};

const fieldsOf = (target: EntityTarget<ObjectLiteral>): readonly string[] => {
  const fields = SEALED_WHEN_CONFIDENTIAL.get(target) ?? ALWAYS_SEALED.get(target);
  if (!fields) {
    throw new Error('No sealed fields are declared for this entity');
  }
  return fields;
};

function sealFields<T extends object>(manager: EntityManager, fields: readonly string[], values: T): T {
  const keys = dataKeysOf(manager);
  const sealed: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const field of fields) {
    const value = sealed[field];
    if (value !== undefined && value !== null) {
      sealed[field] = keys.seal(value);
    }
  }
  return sealed as T;
}

/**
 * A new row's values, with its free text sealed when `visibility` is confidential (contacts always;
 * a table with nothing sealed as given). Typed as given: the sealed values only go to the database,
 * which hands them back opened.
 */
export function sealNew<T extends object>(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  visibility: Visibility | null,
  values: T,
): T {
  if (ALWAYS_SEALED.has(target)) {
    return sealFields(manager, fieldsOf(target), values);
  }
  const fields = SEALED_WHEN_CONFIDENTIAL.get(target);
  return fields && visibility === 'confidential' ? sealFields(manager, fields, values) : values;
}

/**
 * A PATCH's changes to `before` (as read, so in plaintext), completed so that every free-text field
 * is written sealed when the entry is confidential afterwards, and written back in clear when it
 * stops being confidential.
 */
export function sealChanges<T extends { visibility: Visibility }>(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  before: T,
  changes: Partial<T>,
): Partial<T> {
  const fields = fieldsOf(target);
  const visibility = changes.visibility ?? before.visibility;
  if (visibility !== 'confidential' && before.visibility !== 'confidential') {
    return changes;
  }
  const whole: Record<string, unknown> = { ...changes };
  for (const field of fields) {
    if (!(field in whole) || whole[field] === undefined) {
      whole[field] = (before as Record<string, unknown>)[field];
    }
  }
  return visibility === 'confidential'
    ? sealFields(manager, fields, whole as Partial<T>)
    : (whole as Partial<T>);
}

/**
 * An audit snapshot of an entry or a defender with its free text (contacts) sealed, whatever the
 * entry's visibility: the log is append-only, so text written while an entry was internal could not
 * be sealed later when it becomes confidential. Audit views open it like any other read.
 */
export function sealSnapshot(
  manager: EntityManager,
  entity: string,
  snapshot: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (!snapshot) {
    return snapshot;
  }
  if (entity === 'defender') {
    return sealFields(manager, fieldsOf(Defender), snapshot);
  }
  if (entity === 'document') {
    return sealFields(manager, ['fileName', 'citation'], snapshot);
  }
  const target = AUDITED[entity];
  if (!target) {
    return snapshot;
  }
  const sealed = sealFields(manager, fieldsOf(target), snapshot);
  if (Array.isArray(snapshot.sources)) {
    sealed.sources = snapshot.sources.map((source: object) =>
      sealFields(manager, fieldsOf(EventSource), source),
    );
  }
  return sealed;
}
