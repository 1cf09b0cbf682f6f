import { Case } from '../src/cases/case.entity';
import { Charge } from '../src/charges/charge.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { CaseEvent } from '../src/events/event.entity';
import { Hearing } from '../src/hearings/hearing.entity';
import { makeCase, makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Dates typed on the pages as people write them, in the reader's language, and the problems of a
// form shown all at once in a caseworker's words.
describe('web pages: plain-language dates', () => {
  let t: TestApp;
  let english: WebAgent;
  let arabic: WebAgent;
  let french: WebAgent;
  let kase: Case;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-01-10T09:00:00Z' });
    await t.dataSource.query(`UPDATE users SET language = 'ar' WHERE id = $1`, [t.users.admin.id]);
    const frenchUser = await t.createUser('caseworker');
    await t.dataSource.query(`UPDATE users SET language = 'fr' WHERE id = $1`, [frenchUser.id]);
    [english, arabic, french] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.admin),
      signInToWeb(t, frenchUser),
    ]);
    kase = await makeCase(t.dataSource, { arrestedOn: '2024-11-01' });
  });
  afterAll(() => t.close());

  const postCustody = (agent: WebAgent, fields: Record<string, string>) =>
    agent.agent
      .post(`/cases/${kase.id}/custody-orders`)
      .type('form')
      .send({ _csrf: agent.csrf, kind: 'judicial', visibility: 'public', ...fields });

  it('offers a text field with a calendar beside it, and says how to write a date', async () => {
    const form = await english.agent.get(`/cases/${kase.id}/custody-orders/new`).expect(200);
    expect(form.text).toMatch(/<input type="text" id="f-orderedOn" name="orderedOn"/);
    expect(form.text).toMatch(/<input type="date" class="date-picker" data-fills="f-orderedOn"[^>]* hidden>/);
    expect(form.text).toContain('As you would write it: 20 November 2024 or 20/11/2024 (day first)');
    const inArabic = await arabic.agent.get(`/cases/${kase.id}/custody-orders/new`).expect(200);
    expect(inArabic.text).toContain('كما تكتبه عادةً: 20 نوفمبر 2024 أو 20/11/2024 (اليوم أولًا)');
  });

  it('saves "20 November 2024" typed in English as that day', async () => {
    await postCustody(english, { orderedOn: '20 November 2024', days: '14', court: 'English words' }).expect(
      303,
    );
    const saved = await t.dataSource.getRepository(CustodyOrder).findOneByOrFail({ court: 'English words' });
    expect(saved.orderedOn).toBe('2024-11-20');
  });

  it('saves "٢٠ نوفمبر ٢٠٢٤" typed in Arabic as that day', async () => {
    await postCustody(arabic, {
      orderedOn: '٢٠ نوفمبر ٢٠٢٤',
      until: '٤ كانون الأول ٢٠٢٤',
      court: 'Arabic words',
    }).expect(303);
    const saved = await t.dataSource.getRepository(CustodyOrder).findOneByOrFail({ court: 'Arabic words' });
    expect(saved.orderedOn).toBe('2024-11-20');
    expect(saved.until).toBe('2024-12-04');
  });

  it('reads a charge’s date typed day first with dots', async () => {
    await english.agent
      .post(`/cases/${kase.id}/charges`)
      .type('form')
      .send({
        _csrf: english.csrf,
        law: 'UAPA',
        section: '13',
        broughtOn: '05.12.2024',
        broughtOnPrecision: 'day',
        status: 'alleged',
        visibility: 'public',
      })
      .expect(303);
    const saved = await t.dataSource
      .getRepository(Charge)
      .findOneByOrFail({ caseId: kase.id, section: '13' });
    expect(saved.broughtOn).toBe('2024-12-05');
  });

  it('shows three bad fields’ problems at once, beside each field, keeping what was typed', async () => {
    const page = await postCustody(english, {
      orderedOn: '20 Novembr 2024',
      until: '31 February 2025',
      days: '0',
    }).expect(400);
    expect(page.text).toMatch(
      /id="f-orderedOn-error"[^>]*>.*We could not read “20 Novembr 2024” as a date\. Try 20 November 2024 or 20\/11\/2024\./s,
    );
    expect(page.text).toMatch(/id="f-until-error"[^>]*>.*“31 February 2025” is not a day of the calendar\./s);
    expect(page.text).toMatch(/id="f-days-error"[^>]*>.*For how many days must not be less than 1/s);
    const summary = /data-error-summary>(.*?)<\/div>/s.exec(page.text)?.[1] ?? '';
    expect(summary.match(/<li>/g)).toHaveLength(3);
    expect(page.text).toContain('value="20 Novembr 2024"');
    expect(page.text).toContain('value="31 February 2025"');
    expect(await t.dataSource.getRepository(CustodyOrder).countBy({ caseId: kase.id })).toBe(2);
  });

  it('words a problem in Arabic for an Arabic reader, with the date as typed', async () => {
    const page = await postCustody(arabic, { orderedOn: '٢٠ نوفمبرر ٢٠٢٤' }).expect(400);
    expect(page.text).toMatch(/id="f-orderedOn-error"[^>]*>.*تعذّرت قراءة «٢٠ نوفمبرر ٢٠٢٤» كتاريخ/s);
  });

  it('names the other date by what it is, printed as the caseworker typed it', async () => {
    const page = await postCustody(english, {
      orderedOn: '20/11/2024',
      until: '1 November 2024',
    }).expect(400);
    expect(page.text).toMatch(
      /id="f-until-error"[^>]*>.*Until \(as the court stated it\) must not be before the order date \(20\/11\/2024\)/s,
    );
    // The calendar holds the ISO day; no problem prints it.
    expect(
      page.text.match(/class="field-error"[^>]*>[^<]*<[^>]*>[^<]*<\/span>[^<]*/g)?.join(''),
    ).not.toContain('2024-11-20');
  });

  it('sets reminder offsets from ticked boxes and lengths typed in the reader’s language', async () => {
    const settings = await arabic.agent.get('/settings').expect(200);
    expect(settings.text).toMatch(
      /<input type="checkbox" id="f-hearingOffsets" name="hearingOffsets" value="PT2H"[^>]*> ساعتان/,
    );
    await arabic.agent
      .post('/settings/reminders')
      .type('form')
      .send({
        _csrf: arabic.csrf,
        hearingOffsets: ['PT2H', 'P7D'],
        hearingOffsetsOther: '٣ أيام، أسبوعين',
        custodyOffsets: 'P1D',
        statutoryOffsets: 'P14D',
        milestoneDays: '30, 100',
        milestonesYearly: 'true',
        releaseOverdueAfter: 'يوم واحد',
      })
      .expect(303);
    const saved = await t.http().get('/api/settings/reminders').set(bearer(t.users.admin)).expect(200);
    expect(saved.body).toMatchObject({
      hearingOffsets: ['PT2H', 'P7D', 'P3D', 'P14D'],
      custodyOffsets: ['P1D'],
      releaseOverdueAfter: 'P1D',
    });
    const shown = await english.agent.get(`/settings/cases/${kase.id}`).expect(200);
    expect(shown.text).toMatch(/Before each hearing<\/dt><dd>2 hours, 7 days, 3 days, 14 days</);
  });

  it('refuses a length of time it cannot read, keeping the boxes ticked and what was typed', async () => {
    const page = await english.agent
      .post(`/settings/cases/${kase.id}/policy`)
      .type('form')
      .send({
        _csrf: english.csrf,
        hearingOffsets: ['P1D', 'P30D'],
        hearingOffsetsOther: '3 days, a fortnight',
      })
      .expect(400);
    expect(page.text).toMatch(
      /id="f-hearingOffsets-error"[^>]*>.*We could not read “a fortnight” as a length of time/s,
    );
    expect(page.text).toMatch(/name="hearingOffsets" value="P1D" checked/);
    expect(page.text).toMatch(/name="hearingOffsets" value="P30D" checked/);
    expect(page.text).toMatch(/name="hearingOffsets" value="P7D">/);
    expect(page.text).toContain('value="3 days, a fortnight"');
  });

  it('reads a hearing’s day typed in words, and says which day it could not read', async () => {
    const post = (scheduledDate: string, purpose: string) =>
      english.agent.post(`/cases/${kase.id}/hearings`).type('form').send({
        _csrf: english.csrf,
        scheduledDate,
        scheduledTime: '10:30',
        purpose,
        visibility: 'public',
      });
    const refused = await post('next Tuesday', 'Unread').expect(400);
    expect(refused.text).toMatch(
      /id="f-scheduledAt-error"[^>]*>.*We could not read “next Tuesday” as a date\. Try 20 November 2024 or 20\/11\/2024\./s,
    );
    expect(refused.text).toContain('value="next Tuesday"');
    await post('24 March 2025', 'Typed in words').expect(303);
    const saved = await t.dataSource.getRepository(Hearing).findOneByOrFail({ purpose: 'Typed in words' });
    expect(saved.scheduledLocal).toMatch(/^2025-03-24T10:30/);
  });

  describe('an event’s date', () => {
    const postEvent = (agent: WebAgent, fields: Record<string, string>) =>
      agent.agent
        .post(`/cases/${kase.id}/events`)
        .type('form')
        .send({ _csrf: agent.csrf, precision: 'day', type: 'raid', visibility: 'public', ...fields });
    const eventDescribed = (description: string) =>
      t.dataSource.getRepository(CaseEvent).findOneByOrFail({ caseId: kase.id, description });

    it('offers a text field with a calendar beside it', async () => {
      const form = await french.agent.get(`/cases/${kase.id}/events/new`).expect(200);
      expect(form.text).toMatch(/<input type="text" id="f-occurredOn" name="occurredOn"/);
      expect(form.text).toMatch(/data-fills="f-occurredOn"/);
      expect(form.text).toContain('pour un mois ou une année, octobre 2020 ou 2016');
    });

    it('saves “3 mai 2022” typed in French and “٣ أيار ٢٠٢٢” typed in Arabic as 3 May 2022', async () => {
      await postEvent(french, { occurredOn: '3 mai 2022', description: 'Perquisition en français' }).expect(
        303,
      );
      await postEvent(arabic, { occurredOn: '٣ أيار ٢٠٢٢', description: 'Raid typed in Arabic' }).expect(303);
      expect((await eventDescribed('Perquisition en français')).occurredOn).toBe('2022-05-03');
      expect((await eventDescribed('Raid typed in Arabic')).occurredOn).toBe('2022-05-03');
    });

    it('saves a month or a year typed alone with that precision', async () => {
      await postEvent(french, { occurredOn: 'mai 2022', precision: 'month', description: 'En mai' }).expect(
        303,
      );
      await postEvent(arabic, { occurredOn: '٢٠٢١', precision: 'year', description: 'In 2021' }).expect(303);
      expect(await eventDescribed('En mai')).toMatchObject({ occurredOn: '2022-05-01', precision: 'month' });
      expect(await eventDescribed('In 2021')).toMatchObject({ occurredOn: '2021-01-01', precision: 'year' });
    });

    it('says in French what is wrong with the date, as it was typed, and keeps it', async () => {
      const month = await postEvent(french, { occurredOn: 'mai 2022', description: 'Refusée' }).expect(400);
      expect(month.text).toMatch(
        /id="f-occurredOn-error"[^>]*>.*Date\u00a0: «\u00a0mai 2022\u00a0» est un mois, mais la précision choisie est le jour\./s,
      );
      expect(month.text).toContain('value="mai 2022"');
      const impossible = await postEvent(french, {
        occurredOn: '31 février 2022',
        description: 'Refusée',
      }).expect(400);
      expect(impossible.text).toMatch(
        /id="f-occurredOn-error"[^>]*>.*«\u00a031 février 2022\u00a0» n’est pas un jour du calendrier/s,
      );
      const future = await postEvent(french, { occurredOn: '3/5/2030', description: 'Refusée' }).expect(400);
      expect(future.text).toMatch(/id="f-occurredOn-error"[^>]*>.*3\/5\/2030 est après aujourd’hui/s);
      const blank = await postEvent(arabic, { occurredOn: ' ', description: 'Refusée' }).expect(400);
      expect(blank.text).toMatch(/id="f-occurredOn-error"[^>]*>.*هذا الحقل مطلوب/s);
      expect(await t.dataSource.getRepository(CaseEvent).countBy({ description: 'Refusée' })).toBe(0);
    });
  });

  describe('a sentence’s term and a charge’s maximum penalty', () => {
    let sentenced: Case;
    beforeAll(async () => {
      sentenced = await makeCase(t.dataSource, { arrestedOn: '2022-01-10' });
    });
    const postSentence = (agent: WebAgent, sentenceTerm: string, description: string) =>
      agent.agent.post(`/cases/${sentenced.id}/events`).type('form').send({
        _csrf: agent.csrf,
        occurredOn: '3/5/2022',
        precision: 'day',
        type: 'sentence',
        visibility: 'public',
        description,
        sentenceTerm,
      });
    const apiRecord = async (path: string) =>
      (await t.http().get(path).set(bearer(t.users.admin)).expect(200)).body as Record<string, unknown>;
    const timeline = async (agent: WebAgent) =>
      (await agent.agent.get(`/cases/${sentenced.id}`).expect(200)).text;

    it('offers the words of the reader’s language, life and death among them', async () => {
      const form = await french.agent.get(`/cases/${sentenced.id}/events/new`).expect(200);
      expect(form.text).toContain('Peine\u00a0: 15 ans, 2 ans et 6 mois, perpétuité ou peine de mort');
      expect(form.text).toMatch(/<datalist id="f-sentenceTerm-suggestions"><option value="perpétuité">/);
      const charge = await arabic.agent.get(`/cases/${sentenced.id}/charges/new`).expect(200);
      expect(charge.text).toContain('15 سنة أو سنتين و6 أشهر أو مدى الحياة أو الإعدام');
    });

    it('saves “15 ans” typed in French as P15Y, shown as “15 ans” on the timeline', async () => {
      await postSentence(french, '15 ans', 'Condamné à quinze ans').expect(303);
      const saved = await t.dataSource
        .getRepository(CaseEvent)
        .findOneByOrFail({ caseId: sentenced.id, description: 'Condamné à quinze ans' });
      expect((await apiRecord(`/api/events/${saved.id}`)).sentenceTerm).toBe('P15Y');
      expect(await timeline(french)).toMatch(/Durée\u00a0: 15 ans/);
      const edit = await french.agent.get(`/events/${saved.id}/edit`).expect(200);
      expect(edit.text).toContain('value="15 ans"');
    });

    it('saves “٢ سنة و٦ أشهر” typed in Arabic as P2Y6M, shown in Arabic words', async () => {
      await postSentence(arabic, '٢ سنة و٦ أشهر', 'Sentenced, typed in Arabic').expect(303);
      const saved = await t.dataSource
        .getRepository(CaseEvent)
        .findOneByOrFail({ caseId: sentenced.id, description: 'Sentenced, typed in Arabic' });
      expect(saved.sentenceTerm).toBe('P2Y6M');
      expect(await timeline(arabic)).toContain('المدة: سنتين و6 أشهر');
    });

    it('saves a maximum penalty of “à perpétuité” as life, shown on the case page', async () => {
      await french.agent
        .post(`/cases/${sentenced.id}/charges`)
        .type('form')
        .send({
          _csrf: french.csrf,
          law: 'Code pénal',
          section: '421-1',
          maximumPenalty: 'à perpétuité',
          broughtOnPrecision: 'day',
          status: 'alleged',
          visibility: 'public',
        })
        .expect(303);
      const saved = await t.dataSource
        .getRepository(Charge)
        .findOneByOrFail({ caseId: sentenced.id, section: '421-1' });
      expect((await apiRecord(`/api/charges/${saved.id}`)).maximumPenalty).toBe('life');
      expect(await timeline(french)).toContain('Peine maximale\u00a0: perpétuité');
      expect(await timeline(arabic)).toContain('العقوبة القصوى: مدى الحياة');
    });

    it('refuses a term it cannot read, in French with the text as typed, and keeps it', async () => {
      const refused = await postSentence(french, 'quinze ans', 'Refusée').expect(400);
      expect(refused.text).toMatch(
        /id="f-sentenceTerm-error"[^>]*>.*Durée\u00a0: nous n’avons pas pu lire «\u00a0quinze ans\u00a0» comme une durée\. Écrivez-la comme «\u00a015 ans\u00a0», «\u00a02 ans et 6 mois\u00a0», «\u00a0perpétuité\u00a0» ou «\u00a0peine de mort\u00a0»/s,
      );
      expect(refused.text).toContain('value="quinze ans"');
      const blank = await postSentence(french, ' ', 'Refusée').expect(400);
      expect(blank.text).toMatch(
        /id="f-sentenceTerm-error"[^>]*>.*obligatoire pour une peine — par exemple «\u00a015 ans\u00a0»/s,
      );
      expect(
        await t.dataSource.getRepository(CaseEvent).countBy({ description: 'Refusée', caseId: sentenced.id }),
      ).toBe(0);
    });
  });

  describe('the import preview', () => {
    const TEXT = ['3 May 2022: Raid on his home.', '', '13 May 2022: The NIA filed a charge sheet.'].join(
      '\n',
    );
    const preview = (agent: WebAgent, lines: Record<string, string> = {}) =>
      agent.agent
        .post(`/cases/${kase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: agent.csrf, text: TEXT, visibility: 'public', ...lines });
    const entryHtml = (html: string, id: string) =>
      new RegExp(`<li id="entry-${id}"[\\s\\S]*?</li>\\s*(?=<li id="entry-|</ol>)`).exec(html)?.[0] ?? '';
    const line = (index: number, entry: string, fields: Record<string, string>) =>
      Object.fromEntries([
        [`keep.lines.${index}.line`, entry],
        [`keep.lines.${index}.entry`, entry],
        ...Object.entries(fields).map(([field, value]) => [`keep.lines.${index}.${field}`, value]),
      ]);

    it('shows each entry’s date in the reader’s words, in a field read as typed', async () => {
      const page = await preview(french).expect(200);
      expect(entryHtml(page.text, '1')).toMatch(
        /<input type="text" id="f-keep-lines-0-occurredOn" name="keep.lines.0.occurredOn" value="3 mai 2022"/,
      );
    });

    it('shows the import’s warnings in French and Arabic, beside their entries', async () => {
      const text = [
        '25 December 2021: Judicial custody extended for 30 days until 21 January 2022.',
        '',
        '24 January 2021: Custody extended.',
      ].join('\n');
      const page = await french.agent
        .post(`/cases/${kase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: french.csrf, text, visibility: 'public' })
        .expect(200);
      expect(page.text).toContain('2 avertissements');
      expect(entryHtml(page.text, '1')).toContain(
        'Ligne 1\u00a0: 30 jours à compter du 25 décembre 2021 se terminent le 24 janvier 2022, mais le texte dit jusqu’au 21 janvier 2022',
      );
      expect(entryHtml(page.text, '3')).toContain(
        'Ligne 3\u00a0: 24 janvier 2021 vient après 25 décembre 2021 (ligne 1)\u00a0: ordre des dates rompu',
      );
      expect(page.text).not.toMatch(/out of date order|days from|the text says/);
      const inArabic = await arabic.agent
        .post(`/cases/${kase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: arabic.csrf, text, visibility: 'public' })
        .expect(200);
      expect(entryHtml(inArabic.text, '3')).toContain(
        '24 يناير 2021 يأتي بعد 25 ديسمبر 2021 (السطر 1): خارج الترتيب الزمني — هل السنة صحيحة؟',
      );
    });

    it('applies a date typed on a line, and shows a refused one as typed beside its line', async () => {
      const page = await preview(french, {
        ...line(0, '1', { occurredOn: '4 mai 2022', precision: 'day' }),
        ...line(1, '3', { occurredOn: '4 mia 2022', precision: 'day' }),
      }).expect(400);
      expect(entryHtml(page.text, '1')).toContain('value="4 mai 2022"');
      expect(entryHtml(page.text, '1')).not.toContain('field-error');
      const refused = entryHtml(page.text, '3');
      expect(refused).toMatch(
        /id="f-keep-lines-1-occurredOn-error"[^>]*>.*Nous n’avons pas pu lire «\u00a04 mia 2022\u00a0» comme une date/s,
      );
      expect(refused).toContain('value="4 mia 2022"');
      expect(page.text).toMatch(/id="import-corrections"[\s\S]*Ligne 3\u00a0: Nous n’avons pas pu lire/);
    });

    it('says in Arabic when a line’s date does not fit its precision, and saves the line once fixed', async () => {
      const refused = await preview(
        arabic,
        line(0, '1', { occurredOn: 'أيار ٢٠٢٢', precision: 'day' }),
      ).expect(400);
      expect(entryHtml(refused.text, '1')).toMatch(
        /id="f-keep-lines-0-occurredOn-error"[^>]*>.*«أيار ٢٠٢٢» شهر، لكن الدقة المختارة هي اليوم/s,
      );
      await arabic.agent
        .post(`/cases/${kase.id}/chronology/import/confirm`)
        .type('form')
        .send({
          _csrf: arabic.csrf,
          text: TEXT,
          visibility: 'public',
          ...line(0, '1', { occurredOn: 'أيار ٢٠٢٢', precision: 'month' }),
        })
        .expect(303);
      const imported = await t.dataSource
        .getRepository(CaseEvent)
        .findOneByOrFail({ caseId: kase.id, description: 'Raid on his home.' });
      expect(imported).toMatchObject({ occurredOn: '2022-05-01', precision: 'month' });
    });
  });

  describe('the courts’ time zone', () => {
    it('fills in the one zone of the defender’s country', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Baku defender', country: 'AZ' });
      const form = await english.agent.get(`/defenders/${defender.id}/cases/new`).expect(200);
      expect(form.text).toMatch(/<input type="text" id="f-timezone" name="timezone"[^>]* value="Asia\/Baku"/);
    });

    it('offers the zones of a country with several, the usual one chosen', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Moscow defender', country: 'RU' });
      const form = await english.agent.get(`/defenders/${defender.id}/cases/new`).expect(200);
      const choice =
        /<select id="f-timezone" name="timezone"[^>]*>(.*?)<\/select>/s.exec(form.text)?.[1] ?? '';
      expect(choice).toMatch(/<option value="Europe\/Moscow" selected>/);
      expect(choice).toContain('<option value="Asia/Vladivostok">');
      expect(form.text).toContain('name="timezoneTyped"');
    });

    it('saves a zone typed as its city, and refuses one that names no zone', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Typed zone defender', country: 'RU' });
      const fields = {
        _csrf: english.csrf,
        defenderId: defender.id,
        country: 'AZ',
        timezone: 'Europe/Moscow',
        status: 'charged',
        detentionStatus: 'in_custody',
        arrestedOn: '3 March 2024',
        arrestedOnPrecision: 'day',
        releasedOnPrecision: 'day',
      };
      const refused = await english.agent
        .post('/cases')
        .type('form')
        .send({ ...fields, title: 'Nowhere', timezoneTyped: 'Atlantis' })
        .expect(400);
      expect(refused.text).toMatch(/id="f-timezone-error"/);
      expect(refused.text).toContain('value="Atlantis"');
      await english.agent
        .post('/cases')
        .type('form')
        .send({ ...fields, title: 'Baku case', timezoneTyped: 'Baku' })
        .expect(303);
      const saved = await t.dataSource.getRepository(Case).findOneByOrFail({ title: 'Baku case' });
      expect(saved.timezone).toBe('Asia/Baku');
      expect(saved.arrestedOn).toBe('2024-03-03');
    });
  });
});
