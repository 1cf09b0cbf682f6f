import { QueryRunner } from 'typeorm';
import { CaseEvent } from '../src/events/event.entity';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Two caseworkers adding entries to one case at the same moment: each insert holds a KEY SHARE
// lock on the case row (its foreign key), and each then replans the case's reminders, which locks
// that row. Both must succeed, one after the other, never as a deadlock (a 500).

describe('concurrent writes to one case', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const insertEvent = (runner: QueryRunner, caseId: string, description: string) =>
    runner.manager.insert(CaseEvent, {
      caseId,
      occurredOn: '2022-03-27',
      precision: 'day',
      type: 'raid',
      description,
      visibility: 'public',
    });

  it('replans a case from two transactions that both inserted an entry, without a deadlock', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
    const scheduler = t.app.get(ReminderScheduler);
    const [first, second] = [t.dataSource.createQueryRunner(), t.dataSource.createQueryRunner()];
    try {
      await first.startTransaction();
      await second.startTransaction();
      // A lock wait that would never end (the bug) fails in seconds instead of at the test timeout.
      await first.query(`SET LOCAL lock_timeout = '5s'`);
      await second.query(`SET LOCAL lock_timeout = '5s'`);
      await insertEvent(first, kase.id, 'first');
      // An entry change stamps its case's row (the list's last change), so the second writer's
      // insert waits for the first transaction, as two requests to one case do...
      const secondInsert = insertEvent(second, kase.id, 'second');
      // ...and the first replan must not wait for the second writer...
      await scheduler.replanCase(first.manager, kase.id);
      await first.commitTransaction();
      // ...which then goes on: its replan waits for nobody.
      await secondInsert;
      await scheduler.replanCase(second.manager, kase.id);
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    expect(await t.dataSource.getRepository(CaseEvent).countBy({ caseId: kase.id })).toBe(2);
  });

  it('answers 201 to every one of many events posted at once to one case', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        t
          .http()
          .post(`/api/cases/${kase.id}/events`)
          .set(bearer(t.users.caseworker))
          .send({
            occurredOn: '2022-03-27',
            precision: 'day',
            type: 'statement',
            description: `Statement ${n}`,
            visibility: 'public',
            sources: [],
          }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
  });
});
