import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { Charge } from '../src/charges/charge.entity';
import { ChronologyLink } from '../src/chronology/chronology-link.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { CaseEvent } from '../src/events/event.entity';
import { Hearing } from '../src/hearings/hearing.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge } from './factories/entries';
import { bodyBytes, rawBody } from './support/chronology-readers';
import { itWithFixtures, readFixture } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

const CLOSING = "India is rated 'Repressed' by the CIVICUS Monitor.";

// Read lazily, by the tests that need the fixture (itWithFixtures); the others use text of their own.
const fixture = () => readFixture('khurram-parvez-chronology.txt');
// Read straight from the fixture, independently of the parser: "22 November 2021: …" lines and the
// two "In <Month> <Year>, …" sentences of the profile.
const DAY_LINE = /^(\d{1,2}) (\p{L}+) (\d{4}):\s+(.*)$/u;
const linesOf = (text: string) => text.split('\n').map((line) => line.trim());
// The separator is ours (": "); the fixture sometimes has a no-break space after its colon.
const dayLinesOf = (lines: string[]) =>
  lines.flatMap((line) => {
    const match = DAY_LINE.exec(line);
    return match ? [`${match[1]} ${match[2]} ${match[3]}: ${match[4]}`] : [];
  });
// For the checks of roles and input, which need no particular text.
const SHORT_TEXT = '22 November 2021: Arrested by the NIA.';

describe('chronology import', () => {
  let t: TestApp;

  const counts = async (caseId: string) => ({
    events: await t.dataSource.getRepository(CaseEvent).countBy({ caseId }),
    charges: await t.dataSource.getRepository(Charge).countBy({ caseId }),
    hearings: await t.dataSource.getRepository(Hearing).countBy({ caseId }),
    custodyOrders: await t.dataSource.getRepository(CustodyOrder).countBy({ caseId }),
  });

  const emptyCase = async (): Promise<Case> => {
    const defender = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez' });
    // Empty: not even the arrest the factory would write; the imported text brings its own.
    return makeCase(t.dataSource, {
      defenderId: defender.id,
      arrestedOn: null,
      detentionStatus: 'not_detained',
      title: 'NIA case',
    });
  };

  const importInto = (caseId: string, body: object, user = t.users.caseworker) =>
    t.http().post(`/api/cases/${caseId}/chronology/import`).set(bearer(user)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
  });

  afterAll(async () => {
    await t.close();
  });

  itWithFixtures(
    'previews the fixture without writing anything, warning about the 2021 entry among 2022 ones',
    async () => {
      const source = fixture();
      const nia = await emptyCase();
      const response = await importInto(nia.id, { text: source }).expect(200);
      expect(response.body.entries).toHaveLength(17);
      expect(response.body.warnings).toEqual([
        {
          line: 24,
          entry: '24',
          kind: 'custody-arithmetic',
          problem:
            '30 days from 25 December 2021 end on 24 January 2022, but the text says until 21 January 2022',
          params: {
            days: 30,
            from: { on: '2021-12-25', precision: 'day' },
            computed: { on: '2022-01-24', precision: 'day' },
            until: { on: '2022-01-21', precision: 'day' },
          },
        },
        {
          line: 27,
          entry: '27',
          kind: 'out-of-order',
          problem:
            '24 January 2021 comes after 25 December 2021 (line 24): out of date order — is the year right?',
          params: {
            date: { on: '2021-01-24', precision: 'day' },
            previous: { on: '2021-12-25', precision: 'day' },
            previousLine: 24,
          },
        },
      ]);
      expect(response.body.blocking).toBe(false);
      expect(response.body.entries[7]).toMatchObject({
        line: 24,
        occurredOn: '2021-12-25',
        precision: 'day',
        type: 'court',
        description: 'Judicial custody extended for 30 days until 21 January 2022.',
        detected: { custodyDays: 30, until: '2022-01-21', custodyKind: 'judicial' },
        keep: { skip: false, custodyOrder: false, charges: false, hearings: false },
      });
      expect(response.body.closingLine.replace(/\s+/g, ' ')).toBe(CLOSING);
      expect(await counts(nia.id)).toEqual({ events: 0, charges: 0, hearings: 0, custodyOrders: 0 });
    },
  );

  itWithFixtures(
    'round trip: the fixture imported into an empty case comes back as public Markdown, date for date',
    async () => {
      const source = fixture();
      const fixtureLines = linesOf(source);
      const dayLines = dayLinesOf(fixtureLines);
      const nia = await emptyCase();
      await t
        .http()
        .put('/api/chronology/closing-lines/IN/en')
        .set(bearer(t.users.admin))
        .send({ text: CLOSING })
        .expect(200);
      const confirmed = await importInto(nia.id, {
        text: source,
        confirm: true,
        keep: { custodyOrders: true, charges: true, hearings: true },
      }).expect(200);
      expect(confirmed.body.confirmed).toBe(true);
      expect(confirmed.body.warnings.map((warning: { kind: string }) => warning.kind)).toEqual([
        'custody-arithmetic',
        'out-of-order',
      ]);
      expect(confirmed.body.created).toEqual({
        events: 17,
        custodyOrders: 5,
        hearings: 5,
        charges: 11,
        chargesUpdated: 5,
      });

      const markdown = await t
        .http()
        .get(`/api/cases/${nia.id}/chronology?format=md`)
        .set(bearer(t.users.viewer))
        .buffer(true)
        .parse(rawBody)
        .expect(200);
      const text = bodyBytes(markdown).toString('utf8');
      const chronology = text.slice(text.indexOf('## Chronology'), text.indexOf(CLOSING));

      // Every dated line of the fixture, as written.
      expect(dayLines).toHaveLength(15);
      for (const line of dayLines) {
        expect(chronology).toContain(`${line}\n`);
      }
      // Undated paragraphs stay with the entry they continue.
      expect(chronology).toContain(`${fixtureLines[11]}\n\n${fixtureLines[13]}\n`);
      expect(chronology).toContain(`${fixtureLines[34]}\n\n${fixtureLines[36]}\n`);
      // "In September 2016, the Indian authorities …" becomes "In September 2016: The Indian authorities …".
      for (const lead of ['In September 2016', 'In October 2020']) {
        const paragraph = fixtureLines.find((line) => line.includes(`${lead}, `)) ?? '';
        const rest = paragraph.slice(paragraph.indexOf(`${lead}, `) + lead.length + 2);
        expect(chronology).toContain(`${lead}: ${rest.charAt(0).toUpperCase()}${rest.slice(1)}\n`);
      }
      // Each entry once: the custody orders, hearings and charges written from a line are told by it.
      const leads = chronology
        .split('\n')
        .map((line) => /^(In \p{L}+ \d{4}|\d{1,2} \p{L}+ \d{4}): /u.exec(line)?.[1])
        .filter((lead): lead is string => lead !== undefined);
      expect(leads).toEqual([
        'In September 2016',
        'In October 2020',
        '24 January 2021',
        '22 November 2021',
        '24 November 2021',
        '30 November 2021',
        '2 December 2021',
        '4 December 2021',
        '25 December 2021',
        '12 February 2022',
        '24 March 2022',
        '27 March 2022',
        '13 May 2022',
        '21 June 2022',
        '6 July 2022',
        '16 November 2022',
        '21 November 2022',
      ]);
      expect(text.trimEnd().split('\n').slice(-3)[0]).toBe(CLOSING);
      // The summary is built from the records the import wrote.
      expect(text).toContain(
        '- **Charges:**\n  - Indian Penal Code: 120B, 121, 121A\n  - Unlawful Activities (Prevention) Act: 13, 17, 18, 18B, 38, 39, 40\n  - Prevention of Corruption Act: 8\n',
      );
      await t.http().delete('/api/chronology/closing-lines/IN/en').set(bearer(t.users.admin)).expect(204);
    },
  );

  itWithFixtures('writes what it detected as a caseworker would have logged it', async () => {
    const source = fixture();
    const nia = await emptyCase();
    await importInto(nia.id, {
      text: source,
      confirm: true,
      keep: { custodyOrders: true, charges: true, hearings: true },
    }).expect(200);
    const orders = await t.dataSource
      .getRepository(CustodyOrder)
      .find({ where: { caseId: nia.id }, order: { orderedOn: 'ASC' } });
    expect(
      orders.map((order) => [order.orderedOn, order.days, order.until, order.kind, Boolean(order.hearingId)]),
    ).toEqual([
      ['2021-01-24', 40, null, 'judicial', false],
      ['2021-12-04', 20, null, 'judicial', true],
      // Both the stated end and the length are kept; the custody clock flags the disagreement.
      ['2021-12-25', 30, '2022-01-21', 'judicial', false],
      ['2022-02-12', 40, null, 'judicial', true],
      ['2022-03-24', 50, null, 'judicial', true],
    ]);
    const hearings = await t.dataSource
      .getRepository(Hearing)
      .find({ where: { caseId: nia.id }, order: { scheduledLocal: 'ASC' } });
    expect(
      hearings.map((hearing) => [hearing.scheduledLocal.slice(0, 10), hearing.status, hearing.timeKnown]),
    ).toEqual([
      ['2021-11-30', 'held', false],
      ['2021-12-04', 'held', false],
      ['2022-02-12', 'held', false],
      ['2022-03-24', 'held', false],
      ['2022-07-06', 'held', false],
    ]);
    expect(hearings[1].court).toBe('National Investigation Agency (NIA) Special Court in New Delhi');
    expect(hearings[1].outcome).toMatch(/^Khurram Parvez appeared before the National Investigation Agency/);
    const charges = await t.dataSource.getRepository(Charge).findBy({ caseId: nia.id });
    const byKey = new Map(charges.map((charge) => [`${charge.law} ${charge.section}`, charge]));
    expect(byKey.get('Indian Penal Code 120B')).toMatchObject({
      status: 'in_charge_sheet',
      broughtOn: '2021-11-22',
      offence: 'criminal conspiracy',
    });
    expect(byKey.get('Indian Penal Code 121')).toMatchObject({ status: 'alleged' });
    expect(byKey.get('Prevention of Corruption Act 8')).toMatchObject({
      status: 'in_charge_sheet',
      broughtOn: '2022-05-13',
    });
    expect(await t.dataSource.getRepository(ChronologyLink).count()).toBeGreaterThan(0);

    // Audited: each row written, the charges moved forward, and the import itself.
    const audit = t.dataSource.getRepository(AuditEntry);
    const events = await t.dataSource.getRepository(CaseEvent).findBy({ caseId: nia.id });
    for (const event of events) {
      expect(await audit.countBy({ entity: 'event', entityId: event.id, action: 'create' })).toBe(1);
    }
    for (const order of orders) {
      expect(await audit.countBy({ entity: 'custody_order', entityId: order.id, action: 'create' })).toBe(1);
    }
    expect(
      await audit.countBy({
        entity: 'charge',
        entityId: byKey.get('Indian Penal Code 120B')?.id,
        action: 'update',
      }),
    ).toBe(1);
    const importRow = await audit.findOneByOrFail({ entity: 'case', entityId: nia.id, action: 'import' });
    expect(importRow).toMatchObject({
      actorId: t.users.caseworker.id,
      context: { created: { events: 17, custodyOrders: 5, hearings: 5, charges: 11, chargesUpdated: 5 } },
    });
  });

  itWithFixtures('keeps per-line choices: a skipped line and a custody order left out', async () => {
    const source = fixture();
    const nia = await emptyCase();
    const response = await importInto(nia.id, {
      text: source,
      confirm: true,
      keep: {
        custodyOrders: true,
        lines: [
          { line: 27, skip: true },
          { line: 24, custodyOrder: false },
        ],
      },
    }).expect(200);
    expect(response.body.created).toEqual({
      events: 16,
      custodyOrders: 3,
      hearings: 0,
      charges: 0,
      chargesUpdated: 0,
    });
    const orders = await t.dataSource.getRepository(CustodyOrder).findBy({ caseId: nia.id });
    expect(orders.map((order) => order.orderedOn).sort()).toEqual(['2021-12-04', '2022-02-12', '2022-03-24']);
    await importInto(nia.id, { text: source, keep: { lines: [{ line: 25 }] }, confirm: true })
      .expect(400)
      .expect(({ body }) =>
        expect(body.details).toEqual([{ field: 'keep.lines.0.line', problem: 'no entry starts on line 25' }]),
      );
  });

  it('refuses to save a text with an impossible date, and writes nothing', async () => {
    const nia = await emptyCase();
    const text =
      '1 February 2022: Arrested.\n\n31 February 2022: Custody extended for 30 days.\n\n2 March 2022: Hearing.';
    const preview = await importInto(nia.id, { text }).expect(200);
    expect(preview.body.blocking).toBe(true);
    expect(preview.body.warnings).toEqual([
      {
        line: 3,
        kind: 'impossible-date',
        problem: '"31 February 2022" is not a real date',
        params: { written: '31 February 2022' },
      },
    ]);
    const refused = await importInto(nia.id, { text, confirm: true }).expect(400);
    expect(refused.body.details).toEqual([
      { field: 'text', problem: 'line 3: "31 February 2022" is not a real date' },
    ]);
    expect(await counts(nia.id)).toEqual({ events: 0, charges: 0, hearings: 0, custodyOrders: 0 });
  });

  it('refuses a kept custody order that ends before it was ordered, but saves the line without it', async () => {
    const nia = await emptyCase();
    const text = '25 December 2021: Judicial custody extended for 30 days until 21 January 2021.';
    const refused = await importInto(nia.id, { text, confirm: true, keep: { custodyOrders: true } }).expect(
      400,
    );
    expect(refused.body.details[0].problem).toMatch(/^line 1: custody ends on 21 January 2021/);
    expect(await counts(nia.id)).toEqual({ events: 0, charges: 0, hearings: 0, custodyOrders: 0 });
    await importInto(nia.id, { text, confirm: true }).expect(200);
    expect(await counts(nia.id)).toEqual({ events: 1, charges: 0, hearings: 0, custodyOrders: 0 });
  });

  it('is all or nothing: a failure on the last line leaves no row of the earlier ones', async () => {
    const nia = await emptyCase();
    const auditBefore = await t.dataSource.getRepository(AuditEntry).count();
    // An order dated after today (15 January 2026) cannot be true, so the last write fails.
    const text = [
      '22 November 2021: Arrested.',
      '4 December 2021: Judicial custody extended for 20 days.',
      '24 March 2026: Judicial custody extended for 50 days.',
    ].join('\n\n');
    await importInto(nia.id, { text, confirm: true, keep: { custodyOrders: true } }).expect(400);
    expect(await counts(nia.id)).toEqual({ events: 0, charges: 0, hearings: 0, custodyOrders: 0 });
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(auditBefore);
  });

  it('previews a long chronology pasted through the API (well past the 100 kB default body limit)', async () => {
    const nia = await emptyCase();
    const line = (n: number) =>
      `${(n % 28) + 1} May 2022: Entry ${n}. ${'The court sat and adjourned. '.repeat(4)}`;
    const text = Array.from({ length: 2000 }, (_, n) => line(n)).join('\n\n');
    expect(text.length).toBeGreaterThan(250_000);
    const response = await importInto(nia.id, { text }).expect(200);
    expect(response.body.entries).toHaveLength(2000);
  });

  it('keeps entries of the same day in the order the text gives them', async () => {
    const nia = await emptyCase();
    const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
    const text = words.map((word) => `5 May 2022: ${word} happened.`).join('\n\n');
    await importInto(nia.id, { text, confirm: true }).expect(200);
    const markdown = await t
      .http()
      .get(`/api/cases/${nia.id}/chronology?format=md`)
      .set(bearer(t.users.viewer))
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const order = [
      ...bodyBytes(markdown)
        .toString('utf8')
        .matchAll(/^5 May 2022: (\w+) happened\.$/gm),
    ].map((match) => match[1]);
    expect(order).toEqual(words);
  });

  it('moves an existing charge forward instead of adding it twice', async () => {
    const nia = await emptyCase();
    const existing = await makeCharge(t.dataSource, nia, {
      law: 'Indian Penal Code',
      section: '120B',
      status: 'alleged',
    });
    const response = await importInto(nia.id, {
      text: '13 May 2022: The NIA filed a charge sheet under Sections 120B and 121A of the Indian Penal Code.',
      confirm: true,
      keep: { charges: true },
    }).expect(200);
    expect(response.body.created).toMatchObject({ charges: 1, chargesUpdated: 1 });
    expect(await t.dataSource.getRepository(Charge).findOneByOrFail({ id: existing.id })).toMatchObject({
      status: 'in_charge_sheet',
    });
  });

  it('is for caseworkers and admins only, checks its input and answers 404 for an unknown case', async () => {
    const nia = await emptyCase();
    await importInto(nia.id, { text: SHORT_TEXT }, t.users.viewer).expect(403);
    await importInto(nia.id, { text: SHORT_TEXT }, t.users.admin).expect(200);
    const blank = await importInto(nia.id, { text: '   ' }).expect(400);
    expect(blank.body.details).toEqual([{ field: 'text', problem: 'text must not be blank' }]);
    const badLang = await importInto(nia.id, { text: SHORT_TEXT, lang: 'de' }).expect(400);
    expect(badLang.body.details.map((detail: { field: string }) => detail.field)).toEqual(['lang']);
    const extra = await importInto(nia.id, { text: SHORT_TEXT, keep: { everything: true } }).expect(400);
    expect(extra.body.details.map((detail: { field: string }) => detail.field)).toEqual(['keep.everything']);
    await importInto('00000000-0000-4000-8000-000000000000', { text: SHORT_TEXT }).expect(404);
    const nothing = await importInto(nia.id, { text: 'Just a profile.', confirm: true }).expect(400);
    expect(nothing.body.details[0].problem).toMatch(/No dated entries/);
  });
});
