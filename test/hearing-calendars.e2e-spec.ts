import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { QueueName } from '../src/reminders/reminder-queue';
import { makeCase, makeDefender } from './factories/cases';
import { calendarEvents, pythonCalendar, rawBody } from './support/chronology-readers';
import { waitForJobEnd } from './support/jobs';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// A caseworker may add a hearing from its reminder email's .ics, subscribe to the case's feed and
// import the chronology export: all three must describe each hearing as the same calendar entry
// (UID, start, end, SEQUENCE), read by two independent parsers.

jest.setTimeout(60_000);

interface Comparable {
  uid: string;
  start: string;
  end: string | null;
  sequence: number;
}

describe('a hearing is one calendar entry in the reminder .ics, the feed and the export', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let queue: Queue;
  let caseId: string;
  const hearings: Record<'timed' | 'dayOnly', string> = { timed: '', dayOnly: '' };
  /** The .ics of the P7D reminder of each hearing, as mailed. */
  const mailed: Record<'timed' | 'dayOnly', Buffer> = { timed: Buffer.alloc(0), dayOnly: Buffer.alloc(0) };
  let feed: Buffer;
  let exported: Buffer;

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);

  async function mailedIcs(hearingId: string): Promise<Buffer> {
    const items = (
      await api()
        .get(`/api/reminders?caseId=${caseId}&kind=hearing_upcoming&limit=50`)
        .set(caseworker())
        .expect(200)
    ).body.items as { id: string; subjectId: string; offset: string; status: string }[];
    // Pending, or already sent on a slow machine: the job runs 5 s after the hearing was added.
    const reminder = items.find(
      (r) => r.subjectId === hearingId && r.offset === 'P7D' && r.status !== 'cancelled',
    );
    expect(reminder).toBeDefined();
    expect((await waitForJobEnd(queue, reminder?.id ?? '')).returnvalue).toBe('sent');
    const mail = smtp.messages.find((m) => m.messageId.startsWith(`<${reminder?.id}.`));
    const parsed = await simpleParser(mail?.raw ?? '');
    const ics = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    return ics?.content ?? Buffer.alloc(0);
  }

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2026-01-15T08:59:55Z',
      env: { PUBLIC_URL: 'https://vigil.example.org' },
    }));
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const defender = await makeDefender(t.dataSource, { fullName: 'Parvez, Khurram' });
    // Commas and semicolons in every kind of text value: the case title is in the feed's name.
    const kase = await makeCase(t.dataSource, {
      defenderId: defender.id,
      title: 'RC-1/2021; NIA, Delhi',
      arrestedOn: null,
    });
    caseId = kase.id;
    await api().post(`/api/cases/${caseId}/watchers`).set(caseworker()).send({}).expect(200);

    // Kolkata 14:30 on 22 January is 09:00 UTC: its P7D reminder falls due 5 s from "now".
    hearings.timed = (
      await api()
        .post(`/api/cases/${caseId}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: '2026-01-22T14:30', court: 'Court of Sessions, Srinagar; Bench 2' })
        .expect(201)
    ).body.id;
    // A change after it was made: the SEQUENCE must follow it everywhere.
    await api()
      .patch(`/api/hearings/${hearings.timed}`)
      .set(caseworker())
      .send({ purpose: 'Bail application' })
      .expect(200);
    mailed.timed = await mailedIcs(hearings.timed);

    // A day-only hearing on 23 January: its P7D reminder is at 09:00 in Kolkata on 16 January
    // (03:30 UTC), the time a hearing without one is reminded at.
    t.clock.set('2026-01-16T03:29:55Z');
    hearings.dayOnly = (
      await api()
        .post(`/api/cases/${caseId}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: '2026-01-23', court: 'High Court' })
        .expect(201)
    ).body.id;
    mailed.dayOnly = await mailedIcs(hearings.dayOnly);

    const created = await api().post('/api/calendar/feeds').set(caseworker()).send({ caseId }).expect(201);
    feed = (
      await api()
        .get(new URL(created.body.url as string).pathname)
        .buffer(true)
        .parse(rawBody)
        .expect(200)
    ).body as Buffer;
    exported = (
      await api()
        .get(`/api/cases/${caseId}/chronology?format=ics`)
        .set(caseworker())
        .buffer(true)
        .parse(rawBody)
        .expect(200)
    ).body as Buffer;
  });

  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const byNodeIcal = (ics: Buffer, hearingId: string): Comparable => {
    const event = calendarEvents(ics).find((e) => e.uid === `hearing-${hearingId}@vigil`);
    expect(event).toBeDefined();
    const dayOnly = event?.datetype === 'date';
    const format = (date: unknown): string | null =>
      date instanceof Date
        ? dayOnly
          ? // node-ical gives an all-day date as local midnight of the machine's zone.
            `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
          : date.toISOString()
        : null;
    return {
      uid: String(event?.uid),
      start: format(event?.start) ?? '',
      end: format(event?.end),
      sequence: Number(event?.sequence ?? 0),
    };
  };

  const byPython = (ics: Buffer, hearingId: string): Comparable => {
    const event = pythonCalendar(ics).events.find((e) => e.uid === `hearing-${hearingId}@vigil`);
    expect(event).toBeDefined();
    return {
      uid: event?.uid ?? '',
      start: event?.dtstart ?? '',
      end: event?.dtend ?? null,
      sequence: event?.sequence ?? -1,
    };
  };

  it.each(['timed', 'dayOnly'] as const)(
    'gives the %s hearing the same UID, start, end and SEQUENCE in all three, as node-ical and python icalendar read them',
    async (which) => {
      const id = hearings[which];
      const updatedAt = new Date(
        (
          (await t.dataSource.query('SELECT updated_at FROM hearings WHERE id = $1', [id])) as {
            updated_at: Date;
          }[]
        )[0].updated_at,
      );
      // Seconds since 2020-01-01: grows with each change, as the feed has always said.
      const sequence = Math.floor((updatedAt.getTime() - Date.UTC(2020, 0, 1)) / 1000);
      expect(sequence).toBeGreaterThan(0);
      const expected = {
        timed: {
          node: { start: '2026-01-22T09:00:00.000Z', end: '2026-01-22T10:00:00.000Z' },
          python: { start: '2026-01-22T09:00:00+00:00', end: '2026-01-22T10:00:00+00:00' },
        },
        dayOnly: {
          node: { start: '2026-01-23', end: '2026-01-24' },
          python: { start: '2026-01-23', end: '2026-01-24' },
        },
      }[which];
      for (const [source, ics] of [
        ['email', mailed[which]],
        ['feed', feed],
        ['export', exported],
      ] as const) {
        expect({ source, ...byNodeIcal(ics, id) }).toEqual({
          source,
          uid: `hearing-${id}@vigil`,
          ...expected.node,
          sequence,
        });
        expect({ source, ...byPython(ics, id) }).toEqual({
          source,
          uid: `hearing-${id}@vigil`,
          ...expected.python,
          sequence,
        });
      }
    },
  );

  it('escapes commas and semicolons in every text value, the calendar name too, and ends each file with CRLF', () => {
    for (const [source, ics] of [
      ['email', mailed.timed],
      ['feed', feed],
      ['export', exported],
    ] as const) {
      const text = ics.toString('utf8');
      expect({ source, crlfEnd: text.endsWith('END:VCALENDAR\r\n') }).toEqual({ source, crlfEnd: true });
      // Every line ends with CRLF: no bare LF anywhere.
      expect({ source, bareLf: /[^\r]\n/.test(text) }).toEqual({ source, bareLf: false });
      const unfolded = text.replace(/\r\n[ \t]/g, '');
      const textLines = unfolded
        .split('\r\n')
        .filter((line) => /^(NAME|X-WR-CALNAME|X-WR-CALDESC|SUMMARY|DESCRIPTION|LOCATION)[:;]/.test(line));
      expect(textLines.length).toBeGreaterThan(0);
      for (const line of textLines) {
        const value = line.slice(line.indexOf(':') + 1);
        // A comma or semicolon not preceded by a backslash is unescaped.
        expect({ source, line, unescaped: /(^|[^\\])[,;]/.test(value) }).toEqual({
          source,
          line,
          unescaped: false,
        });
      }
      const location = pythonCalendar(ics).events.find((e) => e.uid === `hearing-${hearings.timed}@vigil`);
      expect(location?.location).toBe('Court of Sessions, Srinagar; Bench 2');
    }
    const python = pythonCalendar(feed);
    expect(python.calname).toBe('Hearings: Parvez, Khurram (RC-1/2021; NIA, Delhi)');
    expect(python.name).toBe('Hearings: Parvez, Khurram (RC-1/2021; NIA, Delhi)');
  });
});
