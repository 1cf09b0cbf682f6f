import { Case } from '../src/cases/case.entity';
import { Charge } from '../src/charges/charge.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
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
  let kase: Case;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-01-10T09:00:00Z' });
    await t.dataSource.query(`UPDATE users SET language = 'ar' WHERE id = $1`, [t.users.admin.id]);
    [english, arabic] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.admin),
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
