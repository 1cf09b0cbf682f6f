import { Case } from '../src/cases/case.entity';
import { Charge } from '../src/charges/charge.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { Defender } from '../src/defenders/defender.entity';
import { CaseEvent } from '../src/events/event.entity';
import { EventSource } from '../src/events/event-source.entity';
import { makeCase, makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Importing a statement as organisations write it — two co-accused, dates inside sentences, one
// without a year, one relative — through the API and through the preview page.

const STATEMENT = [
  'Joint statement: free the journalists Mirela Dobre and Teodor Vlasov',
  '',
  'On 14 September 2023, police arrested Mirela Dobre and Teodor Vlasov at the office of the',
  'weekly they edit. On 16 September, the district court ordered both held in pre-trial detention.',
  '',
  'Dobre was charged on 20 September 2023 under Article 206.3.2 of the Criminal Code. On 2 February 2024,',
  'the court extended her detention by 90 days, while Vlasov was released under house arrest the next day.',
  '',
  'We call on the authorities to release Mirela Dobre immediately.',
].join('\n');

describe('statement import', () => {
  let t: TestApp;
  let mirela: Defender;
  let teodor: Defender;

  const emptyCaseOf = (defender: Defender): Promise<Case> =>
    makeCase(t.dataSource, { defenderId: defender.id, arrestedOn: null, detentionStatus: 'not_detained' });
  const importInto = (caseId: string, body: object) =>
    t.http().post(`/api/cases/${caseId}/chronology/import`).set(bearer(t.users.caseworker)).send(body);
  const eventsOf = (caseId: string) =>
    t.dataSource.getRepository(CaseEvent).find({ where: { caseId }, order: { occurredOn: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    mirela = await makeDefender(t.dataSource, { fullName: 'Mirela Dobre', otherNames: ['Мирела Добре'] });
    teodor = await makeDefender(t.dataSource, { fullName: 'Teodor Vlasov', otherNames: ['Теодор Власов'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('previews a statement about two co-accused: each entry for the person it names, the rest shown as skipped', async () => {
    const kase = await emptyCaseOf(mirela);
    const preview = await importInto(kase.id, { text: STATEMENT }).expect(200);
    expect(
      preview.body.entries.map((entry: Record<string, unknown>) => [
        entry.id,
        entry.kind,
        entry.occurredOn,
        entry.personId,
        (entry.keep as { skip: boolean }).skip,
      ]),
    ).toEqual([
      ['3', 'arrest', '2023-09-14', mirela.id, false],
      ['4', 'custody_order', '2023-09-16', mirela.id, false],
      ['6', 'charges', '2023-09-20', mirela.id, false],
      ['6.2', 'custody_order', '2024-02-02', mirela.id, false],
      ['6.3', 'release', '2024-02-03', teodor.id, true],
    ]);
    expect(
      preview.body.warnings.map((warning: { entry?: string; kind: string }) => [warning.entry, warning.kind]),
    ).toEqual([
      ['4', 'year-guessed'],
      ['6.3', 'relative-date'],
      ['6.3', 'other-person'],
    ]);
    expect(preview.body.skipped.map((item: { line: number }) => item.line)).toEqual([1, 9]);
    expect(preview.body.people).toEqual(
      expect.arrayContaining([
        { id: mirela.id, name: 'Mirela Dobre' },
        { id: teodor.id, name: 'Teodor Vlasov' },
      ]),
    );
    expect(await eventsOf(kase.id)).toEqual([]);
  });

  it('saves what the caseworker decided, with sources for all and for chosen entries, and nothing about the other person', async () => {
    const kase = await emptyCaseOf(mirela);
    await importInto(kase.id, {
      text: STATEMENT,
      confirm: true,
      keep: {
        custodyOrders: true,
        charges: true,
        lines: [
          // The court ordered detention on 16 September 2023: the guessed year was right, the
          // day was not (a correction), and the arrest is left out.
          { line: 4, occurredOn: '2023-09-17' },
          { line: 3, entry: '3', skip: true },
        ],
      },
      sources: [
        { citation: 'Joint statement of 5 February 2024', url: 'https://example.org/statements/dobre' },
        { citation: 'Charge sheet, case 1-23/2023', entries: ['6'] },
      ],
    }).expect(200);
    const events = await eventsOf(kase.id);
    expect(events.map((event) => [event.occurredOn, event.type])).toEqual([
      ['2023-09-17', 'court'],
      ['2023-09-20', 'other'],
      ['2024-02-02', 'court'],
    ]);
    const sources = await t.dataSource.getRepository(EventSource).find({ order: { position: 'ASC' } });
    const citationsOf = (eventId: string) =>
      sources.filter((source) => source.eventId === eventId).map((source) => source.citation);
    expect(citationsOf(events[0].id)).toEqual(['Joint statement of 5 February 2024']);
    expect(citationsOf(events[1].id)).toEqual([
      'Joint statement of 5 February 2024',
      'Charge sheet, case 1-23/2023',
    ]);
    const charges = await t.dataSource.getRepository(Charge).findBy({ caseId: kase.id });
    expect(charges.map((charge) => [charge.law, charge.section])).toEqual([['Criminal Code', '206.3.2']]);
    const orders = await t.dataSource.getRepository(CustodyOrder).findBy({ caseId: kase.id });
    expect(orders.map((order) => [order.orderedOn, order.days])).toEqual([['2024-02-02', 90]]);
  });

  it('refuses to write another person’s entry into this case, and writes nothing', async () => {
    const kase = await emptyCaseOf(mirela);
    const refused = await importInto(kase.id, {
      text: STATEMENT,
      confirm: true,
      keep: { lines: [{ line: 6, entry: '6.3', skip: false }] },
    }).expect(400);
    expect(refused.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'keep.lines.0.personId' })]),
    );
    expect(await eventsOf(kase.id)).toEqual([]);
  });

  it('saves an entry about a co-accused of the case as theirs, and one naming both as shared', async () => {
    const kase = await emptyCaseOf(mirela);
    await t
      .http()
      .post(`/api/cases/${kase.id}/participants`)
      .set(bearer(t.users.caseworker))
      .send({ defenderId: teodor.id })
      .expect(201);
    const preview = await importInto(kase.id, { text: STATEMENT }).expect(200);
    const release = preview.body.entries.find((entry: { id: string }) => entry.id === '6.3');
    expect(release).toMatchObject({ personId: teodor.id, participantId: teodor.id, keep: { skip: false } });
    expect(preview.body.warnings.map((warning: { kind: string }) => warning.kind)).not.toContain(
      'other-person',
    );

    await importInto(kase.id, { text: STATEMENT, confirm: true, keep: { custodyOrders: true } }).expect(200);
    const byType = Object.fromEntries(
      (await eventsOf(kase.id)).map((event) => [event.type, event.participantId]),
    );
    // The arrest names them both: it is in each one's story. The release is Teodor's alone.
    expect(byType).toMatchObject({ arrest: null, release: teodor.id });
    const orders = await t.dataSource
      .getRepository(CustodyOrder)
      .find({ where: { caseId: kase.id }, order: { orderedOn: 'ASC' } });
    // "The court extended her detention": Mirela's order, not Teodor's.
    expect(orders.map((order) => [order.orderedOn, order.participantId])).toEqual([
      ['2024-02-02', mirela.id],
    ]);
  });

  it('asks whom an entry is about when the text does not say, and saves once told', async () => {
    const kase = await emptyCaseOf(teodor);
    const text = 'Mirela Dobre and Teodor Vlasov edit a weekly.\n\nOn 3 May 2023, the court denied bail.';
    const preview = await importInto(kase.id, { text }).expect(200);
    expect(preview.body.blocking).toBe(true);
    expect(preview.body.entries[0]).toMatchObject({ personId: null, keep: { skip: false } });
    await importInto(kase.id, { text, confirm: true }).expect(400);
    expect(await eventsOf(kase.id)).toEqual([]);
    await importInto(kase.id, {
      text,
      confirm: true,
      keep: { lines: [{ line: 3, personId: teodor.id }] },
    }).expect(200);
    expect((await eventsOf(kase.id)).map((event) => event.type)).toEqual(['bail_denied']);
  });

  it('writes a hunger strike with its end, bail with its conditions and a sentence with its term', async () => {
    const kase = await emptyCaseOf(mirela);
    const text = [
      'Mirela Dobre was on hunger strike from 1 to 22 May 2023.',
      'On 12 July 2023, she was released on bail under house arrest with an electronic bracelet.',
      'On 15 November 2023, she was convicted and sentenced to three years in prison.',
    ].join('\n\n');
    await importInto(kase.id, { text, confirm: true }).expect(200);
    const events = await eventsOf(kase.id);
    expect(
      events.map((event) => [
        event.type,
        event.occurredOn,
        event.endedOn,
        event.bailConditions,
        event.sentenceTerm,
      ]),
    ).toEqual([
      ['hunger_strike', '2023-05-01', '2023-05-22', null, null],
      ['bail_granted', '2023-07-12', null, ['electronic_monitoring', 'house_confinement'], null],
      ['conviction', '2023-11-15', null, null, null],
      ['sentence', '2023-11-15', null, null, 'P3Y'],
    ]);
  });

  describe('the preview page', () => {
    let caseworker: WebAgent;

    beforeAll(async () => {
      caseworker = await signInToWeb(t, t.users.caseworker);
    });

    it('shows each warning beside its entry and the skipped text, and saves the choices made on it', async () => {
      const kase = await emptyCaseOf(mirela);
      const page = await caseworker.agent
        .post(`/cases/${kase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text: STATEMENT, visibility: 'public' })
        .expect(200);
      const entryHtml = (id: string) =>
        new RegExp(`<li id="entry-${id.replace('.', '-')}"[\\s\\S]*?</li>\\s*(?=<li id="entry-|</ol>)`).exec(
          page.text,
        )?.[0] ?? '';
      expect(entryHtml('4')).toMatch(/Line 4: &quot;16 September&quot; has no year/);
      expect(entryHtml('6.3')).toMatch(/about Teodor Vlasov, not Mirela Dobre/);
      expect(entryHtml('6.3')).toContain('left out');
      expect(entryHtml('3')).not.toContain('entry-warning');
      expect(page.text).toMatch(/Left out of the import[\s\S]*Line 9: We call on the authorities/);
      expect(page.text).toContain('Save these 4 entries');

      await caseworker.agent
        .post(`/cases/${kase.id}/chronology/import/confirm`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          text: STATEMENT,
          visibility: 'public',
          'keep.lines.0.line': '3',
          'keep.lines.0.entry': '3',
          'keep.lines.0.skip': '',
          'keep.lines.0.type': 'detention',
          'keep.lines.1.line': '6',
          'keep.lines.1.entry': '6.2',
          'keep.lines.1.skip': 'true',
          'sourceChosen.citation': 'Court press release',
          'sourceChosen.entries': ['3'],
        })
        .expect(303);
      const events = await eventsOf(kase.id);
      expect(events.map((event) => [event.occurredOn, event.type])).toEqual([
        ['2023-09-14', 'detention'],
        ['2023-09-16', 'court'],
        ['2023-09-20', 'other'],
      ]);
      const cited = await t.dataSource.getRepository(EventSource).findBy({ eventId: events[0].id });
      expect(cited.map((source) => source.citation)).toEqual(['Court press release']);
    });

    it('shows the preview again, with why, when saving is refused', async () => {
      const kase = await emptyCaseOf(teodor);
      const text = 'Mirela Dobre and Teodor Vlasov edit a weekly.\n\nOn 3 May 2023, the court denied bail.';
      const refused = await caseworker.agent
        .post(`/cases/${kase.id}/chronology/import/confirm`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text, visibility: 'public' })
        .expect(400);
      expect(refused.text).toContain('Check the import');
      expect(refused.text).toMatch(/id="import-refused"[\s\S]*choose whom it is about/);
      expect(refused.text).toContain('Choose whom this is about');
      expect(await eventsOf(kase.id)).toEqual([]);
    });
  });
});
