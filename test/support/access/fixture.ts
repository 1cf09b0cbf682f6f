import { randomBytes } from 'node:crypto';
import { Case } from '../../../src/cases/case.entity';
import { ClosingLine } from '../../../src/chronology/closing-line.entity';
import { Charge } from '../../../src/charges/charge.entity';
import { CustodyOrder } from '../../../src/custody/custody-order.entity';
import { Defender } from '../../../src/defenders/defender.entity';
import { CaseEvent } from '../../../src/events/event.entity';
import { Hearing } from '../../../src/hearings/hearing.entity';
import { CaseWatcher } from '../../../src/reminders/case-watcher.entity';
import { CaseRecipient } from '../../../src/reminders/case-recipient.entity';
import { Reminder } from '../../../src/reminders/reminder.entity';
import { Language, User, UserRole } from '../../../src/users/user.entity';
import { makeCase, makeDefender } from '../../factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from '../../factories/entries';
import { limitBody } from '../../factories/statutory-limits';
import { bearer, TEST_PASSWORD, TestApp, TestUser } from '../test-app';

// The rows the access matrix asks about. One "case set" (a defender with contacts, their case and
// one entry of each kind, public and confidential) is shared by every row that only reads; rows
// that change or delete something make their own rows through `FreshRows`, so the order in which
// the matrix runs its rows never matters.

/** A defender, their case and its entries; confidential ones are what a viewer must not get. */
export interface CaseSet {
  defender: Defender;
  case: Case;
  publicEvent: CaseEvent;
  confidentialEvent: CaseEvent;
  confidentialCharge: Charge;
  confidentialHearing: Hearing;
  confidentialCustodyOrder: CustodyOrder;
  /** A hearing nobody has recorded an outcome for, for the outcome form. */
  publicHearing: Hearing;
  /** A file on the confidential event. */
  confidentialDocumentId: string;
}

/** A small PDF, for document uploads. */
export const MATRIX_PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

/** A document stored on an entry straight in the database, as an upload would store it. */
async function makeDocument(t: TestApp, kind: string, entryId: string): Promise<string> {
  const [row] = (await t.dataSource.query(
    `INSERT INTO entry_documents (entry_kind, entry_id, file_name, media_type, size, sha256, content)
     VALUES ($1, $2, 'matrix.pdf', 'application/pdf', $3, encode(sha256($4), 'hex'), $4) RETURNING id`,
    [kind, entryId, MATRIX_PDF.length, MATRIX_PDF],
  )) as { id: string }[];
  return row.id;
}

/**
 * How rows of a case set are put out of reach: nothing for an ordinary set; for a set restricted
 * to teams, the restriction calls (see teams.ts), applied to every defender and case made in it.
 */
export interface Restriction {
  restrictDefender(defenderId: string): Promise<void>;
  restrictCase(caseId: string): Promise<void>;
}

export const NO_RESTRICTION: Restriction = {
  restrictDefender: async () => undefined,
  restrictCase: async () => undefined,
};

export async function makeCaseSet(t: TestApp, restriction: Restriction): Promise<CaseSet> {
  const defender = await makeDefender(t.dataSource, {
    fullName: `Matrix defender ${randomBytes(3).toString('hex')}`,
    contacts: [{ name: 'A sister', relation: 'family', phone: '+91 00000 00000' }],
  });
  await restriction.restrictDefender(defender.id);
  const kase = await makeCase(t.dataSource, { defenderId: defender.id, title: 'Matrix case' });
  await restriction.restrictCase(kase.id);
  const confidentialEvent = await makeEvent(t.dataSource, kase, {
    type: 'family_visit_denied',
    occurredOn: '2021-12-01',
    description: 'The family was turned away at the prison gate',
    visibility: 'confidential',
  });
  return {
    defender,
    case: kase,
    publicEvent: await makeEvent(t.dataSource, kase, { type: 'raid', occurredOn: '2021-11-20' }),
    confidentialEvent,
    confidentialDocumentId: await makeDocument(t, 'event', confidentialEvent.id),
    confidentialCharge: await makeCharge(t.dataSource, kase, { visibility: 'confidential' }),
    confidentialHearing: await makeHearing(t.dataSource, kase, { visibility: 'confidential' }),
    confidentialCustodyOrder: await makeCustodyOrder(t.dataSource, kase, { visibility: 'confidential' }),
    publicHearing: await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-08-01T11:00:00' }),
  };
}

/** New rows for one request that changes or deletes something, inside a case set's reach. */
export class FreshRows {
  constructor(
    private readonly t: TestApp,
    private readonly set: CaseSet,
    private readonly restriction: Restriction,
  ) {}

  async defender(): Promise<Defender> {
    const defender = await makeDefender(this.t.dataSource);
    await this.restriction.restrictDefender(defender.id);
    return defender;
  }

  /** A case of the set's defender. */
  async case(): Promise<Case> {
    const kase = await makeCase(this.t.dataSource, { defenderId: this.set.defender.id });
    await this.restriction.restrictCase(kase.id);
    return kase;
  }

  /** A case of the set's defender with a co-accused in it (added through the API, as the test file's admin). */
  async coAccused(): Promise<{ caseId: string; defenderId: string }> {
    const kase = await this.case();
    const defender = await this.defender();
    await this.t
      .http()
      .post(`/api/cases/${kase.id}/participants`)
      .set(bearer(this.t.users.admin))
      .send({ defenderId: defender.id })
      .expect(201);
    return { caseId: kase.id, defenderId: defender.id };
  }

  charge = () => makeCharge(this.t.dataSource, this.set.case);
  event = () => makeEvent(this.t.dataSource, this.set.case, { type: 'raid', occurredOn: '2021-10-01' });
  custodyOrder = () => makeCustodyOrder(this.t.dataSource, this.set.case);
  hearing = () => makeHearing(this.t.dataSource, this.set.case, { scheduledLocal: '2022-09-01T10:00:00' });

  /** A file on the case set's public event, to delete. */
  async documentId(): Promise<string> {
    return makeDocument(this.t, 'event', this.set.publicEvent.id);
  }

  async recipient(): Promise<CaseRecipient> {
    const repository = this.t.dataSource.getRepository(CaseRecipient);
    return repository.save(
      repository.create({
        caseId: this.set.case.id,
        name: 'Counsel',
        email: `counsel-${randomBytes(4).toString('hex')}@example.net`,
      }),
    );
  }

  /** A hearing reminder whose sending failed, so a retry has something to retry. */
  async failedReminder(): Promise<Reminder> {
    const hearing = await this.hearing();
    const repository = this.t.dataSource.getRepository(Reminder);
    return repository.save(
      repository.create({
        kind: 'hearing_upcoming',
        caseId: this.set.case.id,
        userId: this.t.users.caseworker.id,
        subjectId: hearing.id,
        subjectAt: hearing.scheduledAt,
        offset: 'P1D',
        dueAt: new Date(hearing.scheduledAt.getTime() - 86_400_000),
        dedupeKey: `matrix-${randomBytes(6).toString('hex')}`,
        title: 'Hearing tomorrow',
        visibility: 'public',
        status: 'failed',
        attempts: 1,
        lastError: '451 try again later',
      }),
    );
  }

  /** Another user's weekly digest, failed: a digest is its owner's business (and an admin's). */
  async failedDigest(ownerId: string): Promise<Reminder> {
    const repository = this.t.dataSource.getRepository(Reminder);
    const at = new Date('2026-01-19T08:00:00Z');
    return repository.save(
      repository.create({
        kind: 'weekly_digest',
        caseId: null,
        userId: ownerId,
        subjectId: null,
        subjectAt: at,
        offset: 'P0D',
        dueAt: at,
        dedupeKey: `matrix-digest-${randomBytes(6).toString('hex')}`,
        title: 'Weekly digest',
        visibility: 'public',
        status: 'failed',
        attempts: 1,
        lastError: '451 try again later',
      }),
    );
  }

  async statutoryLimitId(): Promise<string> {
    const created = await this.t
      .http()
      .post('/api/statutory-limits')
      .set(bearer(this.t.users.admin))
      .send(limitBody(60, { country: 'BD', lawPattern: `Matrix Act ${randomBytes(3).toString('hex')}` }))
      .expect(201);
    return created.body.id as string;
  }

  async watch(caseId: string, userId: string): Promise<void> {
    await this.t.dataSource.getRepository(CaseWatcher).save({ caseId, userId });
  }

  async closingLine(country: string, language: Language): Promise<void> {
    await this.t.dataSource.getRepository(ClosingLine).save({ country, language, text: 'To be removed' });
  }

  /** Requests of the set's own making (through the API, as the test file's admin). */
  http = (): ReturnType<TestApp['http']> => this.t.http();

  private passwordHash?: string;

  /**
   * A user who has not signed in yet, with the test file's password (its Argon2 hash copied from
   * the file's viewer, so the matrix does not spend a hash on each of its many users).
   */
  async user(role: UserRole = 'viewer'): Promise<TestUser> {
    this.passwordHash ??= (
      (await this.t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [
        this.t.users.viewer.id,
      ])) as { password_hash: string }[]
    )[0].password_hash;
    const email = `matrix-${role}-${randomBytes(4).toString('hex')}@example.net`;
    const saved = await this.t.dataSource
      .getRepository(User)
      .save({ email, name: `Matrix ${role}`, role, passwordHash: this.passwordHash });
    return { id: saved.id, email, role, password: TEST_PASSWORD, token: '' };
  }

  /** A calendar feed of `owner` (of every case they watch), and its secret token. */
  async feed(owner: TestUser): Promise<{ id: string; token: string }> {
    const created = await this.t.http().post('/api/calendar/feeds').set(bearer(owner)).send({}).expect(201);
    return { id: created.body.id as string, token: created.body.token as string };
  }
}
