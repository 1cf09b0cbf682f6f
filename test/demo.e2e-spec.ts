import { AuditService } from '../src/audit/audit.service';
import { ENGLISH_MONTHS } from '../src/common/calendar-day';
import { Clock } from '../src/common/clock';
import { demoId } from '../src/demo/khurram-parvez';
import { DemoSeeder, DemoSeedSummary } from '../src/demo/seed-demo';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { describeWithFixtures, readFixture } from './support/fixtures';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

// `npm run seed:demo` checked against the fixture it retells: the seed is loaded twice into a fresh
// database, then read back through the HTTP API the way a caseworker would, date by date.

// Read in beforeAll, not at load: where the fixture is missing the suite is skipped, not broken.
let CHRONOLOGY: string;
let STATEMENTS: string;

const MONTHS = ENGLISH_MONTHS;
const MONTH = `(${MONTHS.join('|')})`;
const pad = (n: number | string) => String(n).padStart(2, '0');
const isoDay = (day: string, month: string, year: string) =>
  `${year}-${pad(MONTHS.indexOf(month) + 1)}-${pad(day)}`;
/** "21 January 2022" → "2022-01-21". */
const parseDay = (text: string): string => {
  const match = new RegExp(`^(\\d{1,2}) ${MONTH} (\\d{4})$`).exec(text.trim());
  if (!match) {
    throw new Error(`not a date: ${text}`);
  }
  return isoDay(match[1], match[2], match[3]);
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type Kind = 'event' | 'charge' | 'hearing' | 'custody_order';
type Precision = 'day' | 'month' | 'year';

interface FixtureEntry {
  /** The date as printed, e.g. "24 January 2021". */
  printed: string;
  date: string;
  precision: Precision;
  /** The dated paragraph and the undated ones that continue it. */
  text: string;
}

/** The chronology's dated entries in the order it tells them: "In October 2020, ..." and "22 November 2021: ...". */
function fixtureEntries(): FixtureEntry[] {
  const entries: FixtureEntry[] = [];
  const paragraphs = CHRONOLOGY.split(/\n\s*\n/).map((p) => p.trim());
  for (const paragraph of paragraphs) {
    const day = new RegExp(`^(\\d{1,2}) ${MONTH} (\\d{4}):`).exec(paragraph);
    if (day) {
      entries.push({
        printed: day[0].slice(0, -1),
        date: isoDay(day[1], day[2], day[3]),
        precision: 'day',
        text: paragraph,
      });
      continue;
    }
    const month = new RegExp(`\\bIn ${MONTH} (\\d{4}),`).exec(paragraph);
    if (month) {
      entries.push({
        printed: `${month[1]} ${month[2]}`,
        date: `${month[2]}-${pad(MONTHS.indexOf(month[1]) + 1)}-01`,
        precision: 'month',
        text: paragraph,
      });
      continue;
    }
    const previous = entries.at(-1);
    if (previous?.precision === 'day') {
      previous.text += `\n\n${paragraph}`;
    }
  }
  return entries;
}

// The chronology prints "24 January 2021" between 25 December 2021 and 12 February 2022, two months
// after the arrest it follows: a typo for 24 January 2022. The demo stores 2022; so does this test.
const FIXTURE_TYPOS: Record<string, string> = { '2021-01-24': '2022-01-24' };

let ENTRIES: FixtureEntry[];
const entryOn = (date: string): FixtureEntry => {
  const entry = ENTRIES.find((e) => e.date === date && e.precision === 'day');
  if (!entry) {
    throw new Error(`the fixture has no entry for ${date}`);
  }
  return entry;
};

let ARREST: FixtureEntry;
/** Dates the chronology mentions inside its entries, and those the statements add. */
let FIR_DATE: string;
let STATEMENT_HEARING: string;
let STATEMENT_DAYS_DATE: string;

function readFixtures(): void {
  CHRONOLOGY = readFixture('khurram-parvez-chronology.txt');
  STATEMENTS = readFixture('khurram-parvez-statements.txt');
  ENTRIES = fixtureEntries().map((entry) => ({ ...entry, date: FIXTURE_TYPOS[entry.date] ?? entry.date }));
  ARREST = entryOn('2021-11-22');
  FIR_DATE = parseDay(/lodged by the NIA on (\d{1,2} \w+ \d{4})/.exec(ARREST.text)![1]);
  STATEMENT_HEARING = parseDay(/upcoming hearing on (\d{1,2} \w+ \d{4})/.exec(STATEMENTS)![1]);
  // The 150-days statement carries no date of its own: it is dated by counting from the arrest.
  const statementDays = Number(/marks (\d+) days arbitrarily detained/.exec(STATEMENTS)![1]);
  STATEMENT_DAYS_DATE = addDays(ARREST.date, statementDays);
}

/** Where each fixture fact lives: the 2016 PSA detention or the 2021 NIA case. */
const PSA_YEAR = '2016';

/** "Sections 120B, 121, and 121A of the Indian Penal Code" → the law and its sections, per entry. */
function sectionsIn(text: string): { law: string; section: string }[] {
  const found: { law: string; section: string }[] = [];
  const pattern =
    /Sections? ((?:\d+[A-Z]?)(?:,? (?:and )?\d+[A-Z]?)*) of the (?:draconian )?(Indian Penal Code|Prevention of Corruption Act|Unlawful Activities \(Prevention\) Act)/g;
  for (const match of text.matchAll(pattern)) {
    for (const section of match[1].match(/\d+[A-Z]?/g) ?? []) {
      found.push({ law: match[2], section });
    }
  }
  return found;
}

/** "extended his detention for another 20 days" and the like, but not "after 12 days under NIA's custody". */
const extensionDays = (text: string): number | null => {
  const match = /for (?:another |a further )?(\d+) days/.exec(text);
  return match ? Number(match[1]) : null;
};

interface TimelineItem {
  kind: Kind;
  date: string | null;
  precision: Precision;
  visibility: string;
  id: string;
  [field: string]: unknown;
}

const key = (date: string | null, precision: Precision) => `${date ?? 'undated'} ${precision}`;

describeWithFixtures("npm run seed:demo: Khurram Parvez's case, checked against the fixture", () => {
  let t: TestApp;
  let seeder: DemoSeeder;
  let first: DemoSeedSummary;
  let second: DemoSeedSummary;
  let countsAfterFirst: Record<string, number>;
  let countsAfterSecond: Record<string, number>;
  let psaCaseId: string;
  let niaCaseId: string;

  const tableCounts = async (): Promise<Record<string, number>> => {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM "${name}"`);
      counts[name] = count;
    }
    return counts;
  };

  const get = async (user: TestUser, path: string) => {
    const response = await t.http().get(path).set(bearer(user));
    if (response.status !== 200) {
      throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };

  /** Every item of a paginated list. */
  const all = async <T>(user: TestUser, path: string): Promise<T[]> => {
    const items: T[] = [];
    for (let offset = 0; ; offset += 100) {
      const body = await get(user, `${path}${path.includes('?') ? '&' : '?'}limit=100&offset=${offset}`);
      items.push(...(body.items as T[]));
      if (items.length >= body.total || body.items.length === 0) {
        return items;
      }
    }
  };

  beforeAll(async () => {
    readFixtures();
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    // Built exactly as the CLI's Nest context builds it, from the running app's own services.
    seeder = new DemoSeeder(
      t.dataSource,
      t.app.get(AuditService),
      t.app.get(ReminderScheduler),
      t.app.get(Clock),
    );
    first = await seeder.seed();
    countsAfterFirst = await tableCounts();
    second = await seeder.seed();
    countsAfterSecond = await tableCounts();
    [psaCaseId, niaCaseId] = first.caseIds;
  });
  afterAll(() => t?.close());

  describe('loading', () => {
    it('loads everything on the first run and nothing on the second: every table keeps its row count', () => {
      expect(Object.values(first.created).every((n) => n > 0)).toBe(true);
      expect(Object.values(first.present).every((n) => n === 0)).toBe(true);
      expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
      expect(second.present).toEqual(first.created);
      expect(countsAfterSecond).toEqual(countsAfterFirst);
      expect(countsAfterFirst).toMatchObject({ defenders: 1, cases: 2 });
    });

    it('writes one create audit row, with no actor, for each row it made', async () => {
      const rows: { entity: string; entity_id: string; actor_id: string | null; after: object }[] =
        await t.dataSource.query(
          `SELECT entity, entity_id, actor_id, after FROM audit_log WHERE context->>'source' = 'seed:demo'`,
        );
      const made = Object.values(first.created).reduce((sum, n) => sum + n, 0);
      expect(rows).toHaveLength(made);
      expect(new Set(rows.map((row) => row.entity_id)).size).toBe(made);
      expect(rows.every((row) => row.actor_id === null && row.after !== null)).toBe(true);
      const perEntity = rows.reduce<Record<string, number>>(
        (counts, row) => ({ ...counts, [row.entity]: (counts[row.entity] ?? 0) + 1 }),
        {},
      );
      expect(perEntity).toEqual(first.created);

      const admin = await get(t.users.admin, `/api/audit?entity=case&entityId=${niaCaseId}`);
      expect(admin.items).toEqual([
        expect.objectContaining({ action: 'create', entity: 'case', entityId: niaCaseId, actorId: null }),
      ]);
    });
  });

  describe('the defender', () => {
    it('has the profile: names, country, affiliations, bio', async () => {
      const found = await get(t.users.viewer, '/api/defenders?q=pervez');
      expect(found.total).toBe(1);
      const defender = await get(t.users.caseworker, `/api/defenders/${found.items[0].id}`);
      expect(defender).toMatchObject({
        fullName: 'Khurram Parvez',
        otherNames: expect.arrayContaining(['Khurram Pervez']),
        country: 'IN',
        profession: expect.stringMatching(/human rights defender/i),
      });
      // The fixture names both organisations he works for.
      expect(CHRONOLOGY).toMatch(/\(JKCCS\)/);
      expect(CHRONOLOGY).toMatch(/\(AFAD\)/);
      expect(defender.affiliations).toEqual(
        expect.arrayContaining([expect.stringMatching(/\(JKCCS\)/), expect.stringMatching(/\(AFAD\)/)]),
      );
      expect(defender.bio).toMatch(/enforced disappearances/);
    });

    it('shows its only contact, a fictional one, to caseworkers and never to viewers', async () => {
      const id = (await get(t.users.viewer, '/api/defenders?q=khurram')).items[0].id;
      const caseworker = await get(t.users.caseworker, `/api/defenders/${id}`);
      expect(caseworker.contacts).toEqual([
        expect.objectContaining({ email: expect.stringMatching(/\.invalid$/) }),
      ]);
      const viewer = await get(t.users.viewer, `/api/defenders/${id}`);
      expect(viewer.contacts).toBeUndefined();
    });
  });

  describe('the cases', () => {
    it('holds the 2016 PSA detention as its own case, known to the month, released', async () => {
      const psa = await get(t.users.viewer, `/api/cases/${psaCaseId}`);
      const [, month, year] = new RegExp(`In ${MONTH} (\\d{4}), the Indian authorities arrested him`).exec(
        CHRONOLOGY,
      )!;
      expect(year).toBe(PSA_YEAR);
      expect(psa).toMatchObject({
        defender: { fullName: 'Khurram Parvez' },
        country: 'IN',
        timezone: 'Asia/Kolkata',
        arrestedOn: `${year}-${pad(MONTHS.indexOf(month) + 1)}-01`,
        arrestedOnPrecision: 'month',
        releasedOn: null,
        detentionStatus: 'released',
      });
      expect(psa.title).toMatch(/Public Safety Act/);
    });

    it('holds the 2021 NIA case: arrested on the fixture day, on trial, in custody at Tihar', async () => {
      const nia = await get(t.users.viewer, `/api/cases/${niaCaseId}`);
      expect(nia).toMatchObject({
        timezone: 'Asia/Kolkata',
        country: 'IN',
        arrestedOn: ARREST.date,
        arrestedOnPrecision: 'day',
        releasedOn: null,
        status: 'on_trial',
        detentionStatus: 'in_custody',
        court: 'NIA Special Court, New Delhi',
      });
      expect(nia.placeOfDetention).toMatch(/Tihar/);
      expect(ARREST.text + entryOn('2021-12-04').text).toMatch(/Tihar/);
    });

    it('flags the 25 December 2021 order, whose stated end disagrees with its 30 days', async () => {
      const nia = await get(t.users.viewer, `/api/cases/${niaCaseId}`);
      const order = entryOn('2021-12-25');
      const statedUntil = parseDay(/until (\d{1,2} \w+ \d{4})/.exec(order.text)![1]);
      const days = extensionDays(order.text)!;
      expect(nia.custodyClock.flags).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'end-date-mismatch',
            statedUntil,
            computedEnd: addDays(order.date, days),
          }),
        ]),
      );
    });
  });

  describe('charges, custody orders and hearings', () => {
    it('has every section the fixture lists, with its law, on the day it was brought', async () => {
      const charges = await all<{ law: string; section: string; broughtOn: string; status: string }>(
        t.users.viewer,
        `/api/cases/${niaCaseId}/charges`,
      );
      const memo = sectionsIn(ARREST.text);
      const chargeSheet = sectionsIn(entryOn('2022-05-13').text);
      expect(memo).toHaveLength(8);
      expect(chargeSheet).toHaveLength(8);
      for (const [date, listed, status] of [
        [ARREST.date, memo, 'alleged'],
        ['2022-05-13', chargeSheet, 'in_charge_sheet'],
      ] as const) {
        const stored = charges
          .filter((charge) => charge.broughtOn === date)
          .map((charge) => ({ law: charge.law, section: charge.section, status: charge.status }));
        expect(stored).toHaveLength(listed.length);
        for (const { law, section } of listed) {
          expect(stored).toContainEqual({ law: expect.stringContaining(law), section, status });
        }
      }
    });

    it('has every custody order and extension, with the days the fixture gives: 20, 30, 40, 40, 50', async () => {
      const orders = await all<{
        kind: string;
        orderedOn: string;
        days: number | null;
        until: string | null;
      }>(t.users.viewer, `/api/cases/${niaCaseId}/custody-orders`);
      const extensions = ENTRIES.filter((entry) => extensionDays(entry.text) !== null).map((entry) => ({
        orderedOn: entry.date,
        days: extensionDays(entry.text),
      }));
      expect(extensions.map((e) => e.days)).toEqual([20, 30, 40, 40, 50]);
      const judicial = orders
        .filter((order) => order.kind === 'judicial')
        .sort((a, b) => a.orderedOn.localeCompare(b.orderedOn))
        .map(({ orderedOn, days }) => ({ orderedOn, days }));
      expect(judicial).toEqual(extensions);
      // Before judicial custody he was held by the NIA from the day of his arrest.
      expect(orders).toContainEqual(expect.objectContaining({ kind: 'police', orderedOn: ARREST.date }));
      expect(orders.find((order) => order.orderedOn === '2021-12-25')?.until).toBe('2022-01-21');
    });

    it('has the hearings, held, at local midnight with the time marked unknown', async () => {
      const hearings = await all<{
        scheduledLocal: string;
        timeKnown: boolean;
        status: string;
        judge: string | null;
        outcome: string | null;
      }>(t.users.viewer, `/api/cases/${niaCaseId}/hearings`);
      const dates = hearings.map((hearing) => hearing.scheduledLocal).sort();
      expect(dates).toEqual(
        ['2021-11-30', '2021-12-04', STATEMENT_HEARING, '2022-07-06'].map((date) => `${date}T00:00:00`),
      );
      expect(hearings.every((hearing) => !hearing.timeKnown && hearing.status === 'held')).toBe(true);
      const fourth = hearings.find((hearing) => hearing.scheduledLocal.startsWith('2021-12-04'))!;
      expect(entryOn('2021-12-04').text).toMatch(/Judge Parveen Singh/);
      expect(fourth.judge).toBe('Parveen Singh');
      expect(fourth.outcome).toMatch(/20 days/);
    });
  });

  describe('the timeline, date by date', () => {
    /**
     * What each dated fixture fact becomes on a timeline, by date: the NIA case. Charges are counted
     * from the sections the fixture lists on that day.
     */
    const expectedNiaTimeline = (): Map<string, Partial<Record<Kind, number>>> => {
      const memo = sectionsIn(ARREST.text).length;
      const chargeSheet = sectionsIn(entryOn('2022-05-13').text).length;
      return new Map<string, Partial<Record<Kind, number>>>([
        [key('2020-10-01', 'month'), { event: 1 }], // nine NIA raids, his house among them
        [key(FIR_DATE, 'day'), { event: 1 }], // the FIR the arrest memo relies on
        [key(ARREST.date, 'day'), { event: 2, charge: memo, custody_order: 1 }], // raid; arrest; memo; NIA custody
        [key('2021-11-24', 'day'), { event: 1 }], // taken to New Delhi
        [key('2021-11-30', 'day'), { hearing: 1 }], // appeared at the NIA court
        [key('2021-12-02', 'day'), { event: 1 }], // UN experts
        [key('2021-12-04', 'day'), { hearing: 1, custody_order: 1 }], // Special Court; 20 days
        [key('2021-12-25', 'day'), { custody_order: 1 }], // 30 days
        [key(STATEMENT_HEARING, 'day'), { hearing: 1 }], // the hearing the statement looks ahead to
        [key('2022-01-24', 'day'), { custody_order: 1, event: 1 }], // 40 days; family barred
        [key('2022-02-12', 'day'), { custody_order: 1 }], // 40 days
        [key('2022-03-24', 'day'), { custody_order: 1 }], // 50 days
        [key('2022-03-27', 'day'), { event: 1 }], // second raid
        [key(STATEMENT_DAYS_DATE, 'day'), { event: 1 }], // 150 days: CIVICUS and Amnesty
        [key('2022-05-13', 'day'), { event: 1, charge: chargeSheet }], // charge sheet
        [key('2022-06-21', 'day'), { event: 1 }], // US Congress resolution
        [key('2022-07-06', 'day'), { hearing: 1 }], // first trial hearing
        [key('2022-11-16', 'day'), { event: 1 }], // UN Secretary-General's report
        [key('2022-11-21', 'day'), { event: 1 }], // one year; 12 NGOs
      ]);
    };

    const timeline = (user: TestUser, caseId: string) =>
      all<TimelineItem>(user, `/api/cases/${caseId}/timeline`);

    const grouped = (items: TimelineItem[]) => {
      const groups = new Map<string, Partial<Record<Kind, number>>>();
      for (const item of items) {
        const group = groups.get(key(item.date, item.precision)) ?? {};
        group[item.kind] = (group[item.kind] ?? 0) + 1;
        groups.set(key(item.date, item.precision), group);
      }
      return groups;
    };

    it('reads the fixture as dated entries, with the one misprinted year corrected', () => {
      const printed = fixtureEntries();
      const outOfOrder = printed.filter((entry, i) => i > 0 && entry.date < printed[i - 1].date);
      // Uncorrected, exactly one entry breaks the order, and it is the typo.
      expect(outOfOrder.map((entry) => entry.printed)).toEqual(['24 January 2021']);
      expect(ENTRIES.map((entry) => entry.date)).toEqual([...ENTRIES.map((entry) => entry.date)].sort());
      // Two facts known to the month, fifteen dated lines.
      expect(ENTRIES.map((entry) => `${entry.printed} (${entry.precision})`)).toEqual([
        'September 2016 (month)',
        'October 2020 (month)',
        ...[
          '22 November 2021',
          '24 November 2021',
          '30 November 2021',
          '2 December 2021',
          '4 December 2021',
          '25 December 2021',
          '24 January 2021',
          '12 February 2022',
          '24 March 2022',
          '27 March 2022',
          '13 May 2022',
          '21 June 2022',
          '6 July 2022',
          '16 November 2022',
          '21 November 2022',
        ].map((printed) => `${printed} (day)`),
      ]);
    });

    it('puts every fixture date of the NIA case on its timeline with the right kinds and precision, nothing else', async () => {
      const items = (await timeline(t.users.viewer, niaCaseId)).filter(
        (item) => item.visibility === 'public',
      );
      const expected = expectedNiaTimeline();
      // Every dated fixture entry after 2016 is on this timeline...
      const fixtureKeys = ENTRIES.filter((entry) => !entry.date.startsWith(PSA_YEAR)).map((entry) =>
        key(entry.date, entry.precision),
      );
      expect(fixtureKeys.filter((k) => !expected.has(k))).toEqual([]);
      // ...and the public timeline is exactly the fixture's facts, date by date.
      expect(Object.fromEntries(grouped(items))).toEqual(Object.fromEntries(expected));
    });

    it('tells the NIA case in the fixture order', async () => {
      const items = (await timeline(t.users.viewer, niaCaseId)).filter(
        (item) => item.visibility === 'public',
      );
      const order = [...new Set(items.map((item) => key(item.date, item.precision)))];
      const fixtureOrder = ENTRIES.filter((entry) => !entry.date.startsWith(PSA_YEAR)).map((entry) =>
        key(entry.date, entry.precision),
      );
      expect(order.filter((k) => fixtureOrder.includes(k))).toEqual(fixtureOrder);
      expect(order).toEqual([...expectedNiaTimeline().keys()]);
      // On the day of the arrest the raid and arrest come first, then the memo's charges, then custody.
      expect(items.filter((item) => item.date === ARREST.date).map((item) => item.kind)).toEqual([
        'event',
        'event',
        ...sectionsIn(ARREST.text).map(() => 'charge'),
        'custody_order',
      ]);
    });

    it('puts the 2016 facts on the PSA case: the travel ban and arrest in September 2016, month precision', async () => {
      const items = await timeline(t.users.viewer, psaCaseId);
      const september = ENTRIES.filter((entry) => entry.date.startsWith(PSA_YEAR));
      expect(september).toEqual([expect.objectContaining({ printed: 'September 2016', precision: 'month' })]);
      expect(september[0].text).toMatch(/barred from travelling to Switzerland/);
      expect(Object.fromEntries(grouped(items))).toEqual({
        // Released after 76 days: a September arrest gives a November or December release, so only
        // the year is certain.
        [key('2016-01-01', 'year')]: { event: 1 },
        [key(september[0].date, 'month')]: { event: 2 },
        // Charged under the PSA; the day is not given.
        [key(null, 'day')]: { charge: 1 },
      });
      const inSeptember = items.filter((item) => item.date === september[0].date);
      expect(inSeptember.every((item) => item.precision === 'month' && item.visibility === 'public')).toBe(
        true,
      );
      expect(inSeptember.map((item) => item.type)).toEqual(['travel_ban', 'arrest']);
    });
  });

  describe('confidentiality', () => {
    it('shows the internal note to viewers, the confidential one only to caseworkers', async () => {
      const byVisibility = async (user: TestUser) =>
        (await all<TimelineItem>(user, `/api/cases/${niaCaseId}/timeline`))
          .filter((item) => item.visibility !== 'public')
          .map((item) => `${item.date} ${item.visibility}`);
      expect(await byVisibility(t.users.caseworker)).toEqual([
        '2022-05-13 internal',
        '2022-07-06 confidential',
      ]);
      expect(await byVisibility(t.users.viewer)).toEqual(['2022-05-13 internal']);
    });
  });

  // Runs last: it changes the demo data.
  describe('loading again after caseworkers changed the demo', () => {
    it('leaves an edited row as edited, and restores a deleted one with its sources', async () => {
      const unExperts = demoId('event', 106);
      const transfer = demoId('event', 105);
      await t
        .http()
        .patch(`/api/events/${unExperts}`)
        .set(bearer(t.users.caseworker))
        .send({ title: 'Edited by a caseworker' })
        .expect(200);
      await t.http().delete(`/api/events/${transfer}`).set(bearer(t.users.caseworker)).expect(204);

      const third = await seeder.seed();
      expect(third.created).toEqual({
        defender: 0,
        case: 0,
        charge: 0,
        hearing: 0,
        custody_order: 0,
        event: 1,
      });

      const edited = await get(t.users.viewer, `/api/events/${unExperts}`);
      expect(edited.title).toBe('Edited by a caseworker');
      const restored = await get(t.users.viewer, `/api/events/${transfer}`);
      expect(restored).toMatchObject({ occurredOn: '2021-11-24', precision: 'day', type: 'transfer' });
      expect(restored.sources).toEqual([
        expect.objectContaining({ citation: expect.stringMatching(/CIVICUS/) }),
      ]);
      const audited = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity = 'event' AND entity_id = $1 ORDER BY id`,
        [transfer],
      );
      expect(audited.map((row: { action: string }) => row.action)).toEqual(['create', 'delete', 'create']);
    });
  });
});
