import { AuditEntry } from '../src/audit/audit-entry.entity';
import { CalendarFeed } from '../src/calendar/calendar-feed.entity';
import { Case } from '../src/cases/case.entity';
import { User } from '../src/users/user.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeHearing } from './factories/entries';
import { calendarEvents } from './support/chronology-readers';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('calendar feeds', () => {
  let t: TestApp;
  let nia: Case;
  let other: Case;
  let unwatched: Case;
  let publicHearingId: string;

  /** The path part of a subscribe URL, fetched the way a calendar server would: no credentials. */
  const fetchFeed = (url: string) => t.http().get(new URL(url).pathname);
  const createFeed = (user: TestUser, body: object = {}) =>
    t.http().post('/api/calendar/feeds').set(bearer(user)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z', env: { PUBLIC_URL: 'https://vigil.example.org' } });
    const khurram = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez' });
    const ales = await makeDefender(t.dataSource, { fullName: 'Ales Bialiatski', country: 'BY' });
    nia = await makeCase(t.dataSource, { defenderId: khurram.id, title: 'NIA case' });
    other = await makeCase(t.dataSource, {
      defenderId: ales.id,
      title: 'Viasna case',
      country: 'BY',
      timezone: 'Europe/Minsk',
    });
    unwatched = await makeCase(t.dataSource, { defenderId: khurram.id, title: 'Unwatched case' });

    publicHearingId = (
      await makeHearing(t.dataSource, nia, {
        scheduledLocal: '2026-02-10T10:30:00',
        court: 'NIA Special Court',
      })
    ).id;
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-20T00:00:00',
      timeKnown: false,
      court: 'Internal court',
      visibility: 'internal',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-22T10:00:00',
      court: 'SECRET court',
      visibility: 'confidential',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-23T10:00:00',
      court: 'Cancelled court',
      status: 'cancelled',
    });
    await makeHearing(t.dataSource, nia, { scheduledLocal: '2025-11-01T10:00:00', court: 'Long past court' });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-05T10:00:00',
      court: 'Recent court',
      status: 'held',
      outcome: 'Custody extended',
      outcomeRecordedAt: new Date('2026-01-05T12:00:00Z'),
    });
    await makeHearing(t.dataSource, other, {
      scheduledLocal: '2026-03-01T11:00:00',
      court: 'Minsk City Court',
    });
    await makeHearing(t.dataSource, unwatched, {
      scheduledLocal: '2026-03-02T11:00:00',
      court: 'Unwatched court',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives a case feed a subscribe URL whose calendar has the upcoming public and internal hearings', async () => {
    const created = await createFeed(t.users.viewer, { caseId: nia.id }).expect(201);
    expect(created.body).toMatchObject({ caseId: nia.id, revokedAt: null });
    expect(created.body.url).toBe(`https://vigil.example.org/calendar/${created.body.token}.ics`);
    expect(created.body.webcalUrl).toBe(`webcal://vigil.example.org/calendar/${created.body.token}.ics`);
    const stored = await t.dataSource
      .getRepository(CalendarFeed)
      .createQueryBuilder('feed')
      .addSelect('feed.tokenHash')
      .where('feed.id = :id', { id: created.body.id })
      .getOneOrFail();
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toContain(created.body.token);

    const response = await fetchFeed(created.body.url).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = calendarEvents(Buffer.from(response.text));
    expect(events.map((event) => event.location).sort()).toEqual([
      'Internal court',
      'NIA Special Court',
      'Recent court',
    ]);

    const timed = events.find((event) => event.uid === `hearing-${publicHearingId}@vigil`);
    expect((timed?.start as Date).toISOString()).toBe('2026-02-10T05:00:00.000Z');
    expect((timed?.end as Date).toISOString()).toBe('2026-02-10T06:00:00.000Z');
    expect(timed?.summary).toBe('Hearing: Khurram Parvez — NIA Special Court');
    expect(response.text).toContain(`DTSTART:20260210T050000Z`);
    const allDay = events.find((event) => event.location === 'Internal court');
    expect(allDay?.datetype).toBe('date');
    expect(response.text).toContain('DTSTART;VALUE=DATE:20260120');
    expect(response.text).toContain('X-WR-CALNAME:Hearings: Khurram Parvez (NIA case)');
    expect(response.text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });

  it('writes a calendar Google, Outlook and Thunderbird accept: CRLF lines of at most 75 octets, required properties', async () => {
    const created = await createFeed(t.users.caseworker, { caseId: nia.id }).expect(201);
    const text = (await fetchFeed(created.body.url).expect(200)).text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    for (const line of text.split('\r\n')) {
      expect(line).not.toContain('\n');
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    for (const block of text.split('BEGIN:VEVENT').slice(1)) {
      for (const property of ['UID:', 'DTSTAMP:', 'DTSTART', 'SUMMARY:']) {
        expect(block).toContain(property);
      }
    }
  });

  it('keeps a hearing’s UID when it is rescheduled, so calendars move it instead of doubling it', async () => {
    const created = await createFeed(t.users.caseworker, { caseId: nia.id }).expect(201);
    const hearing = await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-04-01T10:00:00',
      court: 'Moving court',
    });
    const uid = `hearing-${hearing.id}@vigil`;
    const before = calendarEvents(Buffer.from((await fetchFeed(created.body.url).expect(200)).text)).filter(
      (event) => event.location === 'Moving court',
    );
    expect(before.map((event) => [event.uid, (event.start as Date).toISOString()])).toEqual([
      [uid, '2026-04-01T04:30:00.000Z'],
    ]);
    await t
      .http()
      .patch(`/api/hearings/${hearing.id}`)
      .set(bearer(t.users.caseworker))
      .send({ scheduledAt: '2026-04-08T14:00' })
      .expect(200);
    const after = calendarEvents(Buffer.from((await fetchFeed(created.body.url).expect(200)).text)).filter(
      (event) => event.location === 'Moving court',
    );
    expect(after.map((event) => [event.uid, (event.start as Date).toISOString()])).toEqual([
      [uid, '2026-04-08T08:30:00.000Z'],
    ]);
    expect(Number(after[0].sequence)).toBeGreaterThanOrEqual(Number(before[0].sequence));
  });

  it('gives a user feed the hearings of every case the user watches', async () => {
    const watcher = await t.createUser('viewer');
    for (const caseId of [nia.id, other.id]) {
      await t.http().post(`/api/cases/${caseId}/watchers`).set(bearer(watcher)).send({}).expect(200);
    }
    const created = await createFeed(watcher).expect(201);
    expect(created.body.caseId).toBeNull();
    const events = calendarEvents(Buffer.from((await fetchFeed(created.body.url).expect(200)).text));
    const locations = events.map((event) => event.location);
    expect(locations).toContain('Minsk City Court');
    expect(locations).toContain('NIA Special Court');
    expect(locations).not.toContain('Unwatched court');
    expect(locations).not.toContain('SECRET court');
    const minsk = events.find((event) => event.location === 'Minsk City Court');
    expect((minsk?.start as Date).toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(minsk?.summary).toBe('Hearing: Ales Bialiatski — Minsk City Court');
  });

  it('writes an audit row for every fetch, in the name of the feed’s owner', async () => {
    const created = await createFeed(t.users.caseworker, { caseId: nia.id }).expect(201);
    await fetchFeed(created.body.url).expect(200);
    await fetchFeed(created.body.url).expect(200);
    const rows = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'feed', entityId: nia.id }, order: { id: 'DESC' }, take: 2 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actorId: t.users.caseworker.id,
      entity: 'case',
      context: { format: 'ics', visibility: 'internal', lang: 'en', feedId: created.body.id, hearings: 4 },
    });
    const userFeed = await createFeed(t.users.caseworker).expect(201);
    await fetchFeed(userFeed.body.url).expect(200);
    expect(
      await t.dataSource
        .getRepository(AuditEntry)
        .findOneBy({ action: 'feed', entity: 'user', entityId: t.users.caseworker.id }),
    ).toMatchObject({ context: { feedId: userFeed.body.id, hearings: 0 } });
  });

  it('stops working at once when revoked; only its owner or an admin may revoke it', async () => {
    const created = await createFeed(t.users.viewer, { caseId: nia.id }).expect(201);
    await t
      .http()
      .delete(`/api/calendar/feeds/${created.body.id}`)
      .set(bearer(t.users.caseworker))
      .expect(404);
    await fetchFeed(created.body.url).expect(200);
    await t.http().delete(`/api/calendar/feeds/${created.body.id}`).set(bearer(t.users.viewer)).expect(204);
    await fetchFeed(created.body.url).expect(404);
    await t.http().delete(`/api/calendar/feeds/${created.body.id}`).set(bearer(t.users.viewer)).expect(404);

    const another = await createFeed(t.users.viewer).expect(201);
    await t.http().delete(`/api/calendar/feeds/${another.body.id}`).set(bearer(t.users.admin)).expect(204);
    await fetchFeed(another.body.url).expect(404);

    const listed = await t.http().get('/api/calendar/feeds').set(bearer(t.users.viewer)).expect(200);
    const mine = listed.body.items.find((feed: { id: string }) => feed.id === created.body.id);
    expect(mine.revokedAt).not.toBeNull();
    expect(mine).not.toHaveProperty('token');
    expect(listed.body.items.every((feed: { id: string }) => feed.id !== undefined)).toBe(true);
    const audited = await t.dataSource
      .getRepository(AuditEntry)
      .findBy({ entity: 'calendar_feed', entityId: created.body.id });
    expect(audited.map((entry) => entry.action).sort()).toEqual(['create', 'delete']);
  });

  it('stops serving a deactivated user’s feeds', async () => {
    const leaver = await t.createUser('caseworker');
    const created = await createFeed(leaver, { caseId: nia.id }).expect(201);
    await fetchFeed(created.body.url).expect(200);
    await t.dataSource.getRepository(User).update({ id: leaver.id }, { active: false });
    await fetchFeed(created.body.url).expect(404);
  });

  it('answers 404 to anything but a live token, without a session', async () => {
    await t.http().get('/calendar/not-a-token.ics').expect(404);
    await t
      .http()
      .get(`/calendar/${'A'.repeat(43)}.ics`)
      .expect(404);
  });

  it('checks what it is given when a feed is created', async () => {
    await createFeed(t.users.viewer, { caseId: UNKNOWN_ID }).expect(404);
    const bad = await createFeed(t.users.viewer, { caseId: 'nope' }).expect(400);
    expect(bad.body.details.map((detail: { field: string }) => detail.field)).toEqual(['caseId']);
    await createFeed(t.users.viewer, { userId: UNKNOWN_ID }).expect(400);
    await t.http().post('/api/calendar/feeds').send({}).expect(401);
    await t.http().delete('/api/calendar/feeds/nope').set(bearer(t.users.viewer)).expect(400);
  });
});
