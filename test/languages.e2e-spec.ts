import { Case } from '../src/cases/case.entity';
import { User } from '../src/users/user.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent } from './factories/entries';
import { bodyBytes, pdfToText, rawBody } from './support/chronology-readers';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Each user reads Vigil's pages in the language they chose on their account page: Arabic laid out
// right to left, statuses and dates in their words.

describe('pages in the language each user chooses', () => {
  let t: TestApp;
  let caseworker: WebAgent;
  let viewer: WebAgent;
  let nadiasCase: Case;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-03-24T04:00:00Z' });
    [caseworker, viewer] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.viewer),
    ]);
    const defender = await makeDefender(t.dataSource, { fullName: 'Nadia Benali' });
    nadiasCase = await makeCase(t.dataSource, { defenderId: defender.id, status: 'on_trial' });
    caseId = nadiasCase.id;
  });
  afterAll(() => t.close());

  const choose = (who: WebAgent, language: string) =>
    who.agent.post('/account/language').type('form').send({ _csrf: who.csrf, language });

  it('offers every language by its own name, the current one chosen', async () => {
    const page = await caseworker.agent.get('/account/language').expect(200);
    expect(page.text).toContain('<html lang="en" dir="ltr">');
    for (const [code, name] of [
      ['en', 'English'],
      ['fr', 'Français'],
      ['es', 'Español'],
      ['ru', 'Русский'],
      ['ar', 'العربية'],
    ]) {
      expect(page.text).toContain(`value="${code}"`);
      expect(page.text).toMatch(new RegExp(`<span lang="${code}" dir="(ltr|rtl)">${name}</span>`));
    }
    expect(page.text).toMatch(/value="en" checked/);
  });

  it('writes Arabic pages right to left, with the navigation, statuses and dates in Arabic', async () => {
    await choose(caseworker, 'ar').expect(303).expect('Location', '/account/language?notice=language-saved');
    expect(
      (await t.dataSource.getRepository(User).findOneByOrFail({ id: t.users.caseworker.id })).language,
    ).toBe('ar');
    const saved = await caseworker.agent.get('/account/language?notice=language-saved').expect(200);
    expect(saved.text).toContain('<html lang="ar" dir="rtl">');
    expect(saved.text).toContain('تم حفظ اللغة.');
    expect(saved.text).toMatch(/value="ar" checked/);

    const kase = await caseworker.agent.get(`/cases/${caseId}`).expect(200);
    expect(kase.text).toContain('<html lang="ar" dir="rtl">');
    expect(kase.text).toContain('>القضايا</a>'); // "Cases" in the navigation
    expect(kase.text).toContain('تسجيل الخروج'); // "Sign out"
    expect(kase.text).toContain('قيد المحاكمة'); // the case's status, "on trial"
    expect(kase.text).toContain('22 نوفمبر 2021'); // the arrest, dated with Intl in Arabic
    expect(kase.text).not.toContain('On trial');

    const dashboard = await caseworker.agent.get('/').expect(200);
    expect(dashboard.text).toContain('<title>لوحة المتابعة · Vigil</title>');
    expect(dashboard.text).toContain('الجلسات خلال الأيام الأربعة عشر القادمة'); // hearings in the next 14 days
    expect(dashboard.text).not.toContain('Hearings in the next 14 days');
  });

  it('keeps each user’s choice to themselves', async () => {
    const page = await viewer.agent.get(`/cases/${caseId}`).expect(200);
    expect(page.text).toContain('<html lang="en" dir="ltr">');
    expect(page.text).toContain('On trial');
    await choose(viewer, 'fr').expect(303);
    const french = await viewer.agent.get(`/cases/${caseId}`).expect(200);
    expect(french.text).toContain('<html lang="fr" dir="ltr">');
    expect(french.text).toContain('En procès');
    expect(french.text).toContain('Se déconnecter');
  });

  it('refuses a language Vigil does not speak, next to the field, and changes nothing', async () => {
    const refused = await choose(viewer, 'de').expect(400);
    expect(refused.text).toMatch(/must be one of the languages offered/);
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: t.users.viewer.id })).language).toBe(
      'fr',
    );
  });

  it('exports a chronology in Arabic, its PDF right to left with dates and case numbers in reading order', async () => {
    await makeEvent(t.dataSource, nadiasCase, {
      occurredOn: '2021-12-20',
      type: 'other',
      description: 'نُقلت إلى سجن (تيهار) في القضية RC-01/2021/NIA/JMU.',
    });
    const markdown = await t
      .http()
      .get(`/api/cases/${caseId}/chronology?format=md&lang=ar`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(markdown.text).toContain('Nadia Benali: التسلسل الزمني');
    expect(markdown.text).toContain('20 ديسمبر 2021: نُقلت إلى سجن (تيهار) في القضية RC-01/2021/NIA/JMU.');

    const pdf = await t
      .http()
      .get(`/api/cases/${caseId}/chronology?format=pdf&lang=ar`)
      .set(bearer(t.users.caseworker))
      .buffer(true)
      .parse(rawBody)
      .expect(200)
      .expect('Content-Type', /application\/pdf/);
    // pdftotext marks each run's direction, and reads a right-to-left line from its right end: the
    // words come back in the order they were written only if they were laid out right to left,
    // and the numbers left to right.
    const lines = pdfToText(bodyBytes(pdf))
      .replace(/[\u202a-\u202e]/g, '')
      .split('\n');
    expect(lines.join('\n')).toContain('التسلسل الزمني');
    const entry = lines.find((line) => line.includes('ديسمبر')) ?? '';
    // Whole numbers: "20" is not the start of "2021", nor "2021" the one in the case number.
    const readingOrder = [
      /(?<!\d)20(?!\d)/,
      /ديسمبر/,
      /(?<![\d/])2021(?![\d/])/,
      /نُقلت إلى سجن/,
      /تيهار/,
      /في القضية/,
      /RC-01\/2021\/NIA\/JMU/,
    ];
    const positions = readingOrder.map((words) => entry.search(words));
    expect(positions).not.toContain(-1);
    expect({ entry, positions }).toEqual({ entry, positions: [...positions].sort((a, b) => a - b) });
    const arrest = lines.find((line) => line.includes('نوفمبر')) ?? '';
    expect(arrest.indexOf('22')).toBeLessThan(arrest.indexOf('نوفمبر'));
    expect(arrest.indexOf('نوفمبر')).toBeLessThan(arrest.indexOf('2021'));
  });

  it('writes the sign-in page in the language the browser asks for', async () => {
    const page = await t.http().get('/login').set('Accept-Language', 'es-ES,es;q=0.9,en;q=0.5').expect(200);
    expect(page.text).toContain('<html lang="es" dir="ltr">');
    expect(page.text).toContain('Ir al contenido');
    expect(page.text).toContain('<h1>Iniciar sesión en Vigil</h1>');
  });
});
