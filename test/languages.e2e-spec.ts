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
    // The viewer reads French (chosen above): the problem is in French too.
    expect(refused.text).toContain('Votre langue\u00a0: choisissez l’une des options proposées');
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

  // What the page's own template writes, without the layout around it (translated separately).
  const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

  it('writes search, the statutory limits and the case stages in Arabic, with no English left from their templates', async () => {
    // The caseworker chose Arabic above. A case of its own, tried and convicted, now on appeal.
    const defender = await makeDefender(t.dataSource, { fullName: 'Karim Haddad' });
    const appealed = (await makeCase(t.dataSource, { defenderId: defender.id })).id;
    const api = (path: string, body: Record<string, unknown>) =>
      t.http().post(`/api/cases/${appealed}/${path}`).set(bearer(t.users.caseworker)).send(body).expect(201);
    const event = { precision: 'day', visibility: 'public', sources: [] };
    await api('charges', {
      law: 'Unlawful Activities (Prevention) Act 1967',
      section: '13',
      maximumPenalty: 'P7Y',
      status: 'alleged',
    });
    await api('hearings', { scheduledAt: '2022-01-10', stage: 'first_instance', court: 'Sessions Court' });
    await api('events', {
      ...event,
      type: 'conviction',
      occurredOn: '2022-02-01',
      description: 'Convicted',
      court: 'Sessions Court',
      appealDeadline: '2022-03-01',
    });
    await api('events', {
      ...event,
      type: 'appeal_filed',
      occurredOn: '2022-02-20',
      description: 'Appeal filed',
      court: 'High Court',
    });

    const kase = main((await caseworker.agent.get(`/cases/${appealed}`).expect(200)).text);
    expect(kase).toContain('<h3>المراحل</h3>'); // "Stages"
    expect(kase).toContain('الدرجة الأولى، Sessions Court، منذ'); // first instance, its court, from…
    expect(kase).toContain('الإدانة في'); // convicted on…
    expect(kase).toContain('آخر أجل للاستئناف'); // appeal deadline
    expect(kase).toContain('الاستئناف، High Court، منذ'); // the appeal…
    expect(kase).toContain(': جارية'); // …under way
    expect(kase).not.toMatch(/Stages<\/h3>|First instance|appeal deadline|under way|no decision recorded/);
    // The UAPA charge brings its statutory limit, its state in Arabic.
    expect(kase).toContain('<h2 id="limits-heading">المهل القانونية</h2>');
    expect(kase).toMatch(/<strong>(جارية|مستوفاة|تم تجاوزها)[^<]+<\/strong>/);
    expect(kase).not.toMatch(/Running: |Met: |Exceeded by |Not counted: |What this means/);

    const search = main((await caseworker.agent.get('/search?q=Karim').expect(200)).text);
    expect(search).toContain('<h1>البحث</h1>');
    expect(search).toContain('<h2 id="results-defender">المدافعون</h2>');
    expect(search).toMatch(/(نتيجة واحدة|نتيجتان|\d+ نتائج|\d+ نتيجة) للبحث عن «Karim»/);
    expect(search).toContain('الكلمات المطلوب البحث عنها'); // "Words to find"
    expect(search).not.toMatch(/Words to find|Names in any order|results? for|Search Vigil|>Search</);
    const short = (await caseworker.agent.get('/search?q=K').expect(200)).text;
    expect(short).toContain('اكتب كلمة واحدة على الأقل من حرفين أو أكثر.');

    const limitsPage = (await caseworker.agent.get('/settings/statutory-limits').expect(200)).text;
    expect(limitsPage).toContain('<title>المهل القانونية · Vigil</title>');
    const limits = main(limitsPage);
    expect(limits).toContain('اطلب من محامٍ في كل بلد مراجعة صفوفه'); // have a lawyer review its rows
    expect(limits).toContain('ينطبق على'); // "Applies to"
    expect(limits).toContain('يُحتسب من: الاعتقال. يتوقف عند:'); // counted from the arrest, stopped by…
    expect(limits).toMatch(/\d+ (يومًا|أيام|يوم)/); // a period in Arabic plurals
    // The rows' laws, citations and notes are data, in the language they were written in.
    expect(limits).not.toMatch(
      /Applies to|Unsure of|have a lawyer|Counted from:|Stopped by:|renewed by court|any detention|Exceeded:|<br>\s*\d+ (days|months)/,
    );
  });

  it('writes the chronology page and the import preview in Arabic, its dates and statuses too', async () => {
    const chronology = await caseworker.agent.get(`/cases/${caseId}/chronology`).expect(200);
    // The export's language is chosen apart: the page itself stays in its reader's language.
    expect(chronology.text).toContain('<html lang="ar" dir="rtl">');
    const page = main(chronology.text);
    expect(page).toContain('<h2 id="export-heading">تصدير</h2>');
    expect(page).toContain('القيود العامة فقط — للمناصرة'); // "Public entries only — for advocacy"
    expect(page).toContain('<option value="confidential">سرّي</option>');
    expect(page).not.toMatch(
      /Language of dates|Public entries only|Import from statement|Preview the import|>Confidential</,
    );

    const preview = await caseworker.agent
      .post(`/cases/${caseId}/chronology/import`)
      .type('form')
      .send({
        _csrf: caseworker.csrf,
        text: '10 January 2022: Nadia Benali was moved to Tihar jail.\n2 February 2022: Bail denied.',
        visibility: 'public',
      })
      .expect(200);
    const checked = main(preview.text);
    expect(checked).toContain('<h1>مراجعة الاستيراد</h1>'); // "Check the import"
    expect(checked).toContain('قُرئ قيدان'); // two entries read
    expect(checked).toContain('10 يناير 2022');
    expect(checked).toContain('حفظ هذين القيدين'); // "Save these 2 entries"
    expect(checked).not.toMatch(
      /Check the import|entries read|Keep, correct|What happened|Save these|Preview again/,
    );
  });

  it('writes the teams page in French, with no English left from its template', async () => {
    const admin = await signInToWeb(t, t.users.admin);
    await choose(admin, 'fr').expect(303);
    await admin.agent
      .post('/settings/teams')
      .type('form')
      .send({ _csrf: admin.csrf, name: 'Pôle Sahel' })
      .expect(303);
    const teamsPage = (await admin.agent.get('/settings/teams').expect(200)).text;
    expect(teamsPage).toContain('<title>Équipes · Vigil</title>');
    const teams = main(teamsPage);
    expect(teams).toContain('<h1>Équipes</h1>');
    expect(teams).toContain('Restreint 0 défenseur et 0 affaire.');
    expect(teams).toContain('Membres de Pôle Sahel');
    expect(teams).toContain('Enregistrer les membres');
    expect(teams).toContain('data-confirm="Supprimer l’équipe Pôle Sahel\u00a0?"');
    expect(teams).toContain('Créer l’équipe');
    expect(teams).not.toMatch(
      />Teams<|New team|Create team|Save members|Members of|Rename|Restricts|defender\(s\)|Kashmir desk/,
    );
  });

  it('lets an Arabic reader log a hearing’s outcome and fill in every entry form, with no English left from their templates', async () => {
    await choose(caseworker, 'ar').expect(303);
    const defender = await makeDefender(t.dataSource, { fullName: 'Samir Aziz' });
    const samirs = (await makeCase(t.dataSource, { defenderId: defender.id })).id;
    const api = (path: string, body: Record<string, unknown>) =>
      t.http().post(`/api/cases/${samirs}/${path}`).set(bearer(t.users.caseworker)).send(body).expect(201);
    const charge = await api('charges', { law: 'Penal Code', section: '124A', counts: 2, status: 'alleged' });
    await api('custody-orders', { kind: 'judicial', orderedOn: '2022-02-20', days: 30 });
    const hearing = await api('hearings', { scheduledAt: '2022-03-20T10:30', court: 'Sessions Court' });

    const before = main((await caseworker.agent.get(`/cases/${samirs}`).expect(200)).text);
    expect(before).toContain('<h2 id="awaiting-heading">لم تُسجَّل النتيجة</h2>'); // "Outcome not logged"
    expect(before).toContain('>تسجيل النتيجة</a>'); // "Log the outcome"
    expect(before).toContain('>إضافة أمر احتجاز</a>'); // "Add custody order"
    expect(before).toContain('<h2 id="facts-heading">القضية</h2>'); // "The case"
    expect(before).toContain('Penal Code، المادة 124A (تهمتان)'); // the charge, its section and two counts
    expect(before).toContain('<h2 id="timeline-heading">الخط الزمني</h2>');
    expect(before).not.toMatch(
      /Outcome not logged|Log the outcome|Add (hearing|event|custody order|charge)|Edit case|Chronology: |Reminders for this case|The case<|<dt>(Defender|Country|Status|Detention|First held|Days in custody)<|Periods in custody|>Timeline<|>Edit<|\d+ counts?\)|, s\. /,
    );

    const form = main((await caseworker.agent.get(`/hearings/${hearing.body.id}/outcome`).expect(200)).text);
    expect(form).toContain('<h1>ماذا جرى في المحكمة؟</h1>'); // "What happened in court?"
    expect(form).toContain('<option value="تمديد الحبس القضائي">'); // a suggested result, in Arabic
    expect(form).toContain('<option value="judicial" selected>احتجاز بأمر قضائي</option>');
    expect(form).toContain('> انعقدت</label>'); // the hearing was held
    expect(form).toContain('بالتوقيت المحلي لـ Asia/Kolkata'); // the court's zone
    expect(form).toContain('حفظ النتيجة'); // "Save outcome"
    expect(form).not.toMatch(
      /What happened|>Result<|The hearing was|Custody extended|Fill in the days|Extended by|Or until|Kind of custody|Next hearing|Purpose of the next|>Notes<|Save outcome|saved together|Local time in|>Time |Judicial custody|> Held<|> Adjourned</,
    );

    const outcome = {
      _csrf: caseworker.csrf,
      status: 'held',
      'custodyExtension.kind': 'judicial',
      'custodyExtension.days': '30',
      nextDate: '',
      nextTime: '',
    };
    const refused = main(
      (
        await caseworker.agent
          .post(`/hearings/${hearing.body.id}/outcome`)
          .type('form')
          .send({ ...outcome, result: '' })
          .expect(400)
      ).text,
    );
    expect(refused).toContain('<a href="#f-result">'); // the problem, linked to the result field
    expect(refused).toContain('<label for="f-result">النتيجة</label>');
    await caseworker.agent
      .post(`/hearings/${hearing.body.id}/outcome`)
      .type('form')
      .send({ ...outcome, result: 'تمديد الحبس القضائي' })
      .expect(303)
      .expect('Location', new RegExp(`^/cases/${samirs}\\?notice=outcome-saved`));
    const after = main((await caseworker.agent.get(`/cases/${samirs}`).expect(200)).text);
    expect(after).toContain('النتيجة: تمديد الحبس القضائي'); // the outcome on the timeline
    expect(after).toContain('>تغيير النتيجة</a>'); // "Change the outcome"
    expect(after).not.toContain('awaiting-heading');

    const forms: Record<string, RegExp> = {
      [`/cases/${samirs}/events/new`]:
        /Date unknown|How precisely|Within its month|Place among|>Type<|What happened|Only for some types|As the type says|Ended on|Sentence starts|Time in custody|Bail conditions|Trial and appeals|The stage under way|>Decision<|Appeal deadline|Web address|Citation \d|Save event|>Arrest<|>Day<|Public entries may/,
      [`/cases/${samirs}/hearings/new`]: /When<|Save hearing|>First instance<|>Public<|Local time in/,
      [`/cases/${samirs}/custody-orders/new`]:
        /Kind of custody|Ordered on|For how many days|Until \(as|Place of detention|Save custody order|Police custody/,
      [`/cases/${samirs}/charges/new`]: />Law<|Maximum penalty|Brought on|>Offence<|Save charge|>Alleged</,
      [`/charges/${charge.body.id}/edit`]: /Edit charge|Delete this|cannot be undone|Save charge/,
      [`/cases/${samirs}/edit`]:
        /Time zone of the courts|Case or FIR|Current court|As the entries tell|Co-accused not named|Place of detention|>Save</,
      [`/defenders/${defender.id}`]:
        /Profile<|Add a case|Edit profile|Other names|>Cases<|arrested |In custody \d|No cases yet/,
    };
    for (const [path, english] of Object.entries(forms)) {
      const page = main((await caseworker.agent.get(path).expect(200)).text);
      expect({ path, english: english.exec(page)?.[0] }).toEqual({ path, english: undefined });
    }
    const chargeForm = main((await caseworker.agent.get(`/charges/${charge.body.id}/edit`).expect(200)).text);
    expect(chargeForm).toContain('<h1>تعديل التهمة</h1>'); // "Edit charge"
    expect(chargeForm).toContain('حذف هذه التهمة'); // "Delete this charge"
    const caseForm = main((await caseworker.agent.get(`/cases/${samirs}/edit`).expect(200)).text);
    expect(caseForm).toContain('>الهند (IN)</option>'); // countries named in Arabic
  });

  it('lets an Arabic reader watch a case, tell someone outside Vigil and see who each pending reminder goes to, with no English left from the template', async () => {
    // The caseworker chose Arabic above. A hearing ahead plans reminders.
    const defender = await makeDefender(t.dataSource, { fullName: 'Salma Idrissi' });
    const watched = (await makeCase(t.dataSource, { defenderId: defender.id, timezone: 'UTC' })).id;
    await t
      .http()
      .post(`/api/cases/${watched}/hearings`)
      .set(bearer(t.users.caseworker))
      .send({ scheduledAt: '2022-05-10T10:00', visibility: 'public' })
      .expect(201);
    const settings = `/settings/cases/${watched}`;
    const unwatched = main((await caseworker.agent.get(settings).expect(200)).text);
    expect(unwatched).toContain('<h1>تذكيرات هذه القضية</h1>');
    expect(unwatched).toContain('أنت لا تتابع هذه القضية.');
    expect(unwatched).toContain('لا يُبلَّغ أي شخص من خارج Vigil بهذه القضية.');

    const form = (body: Record<string, string>) =>
      caseworker.agent
        .post(`${settings}${body.path}`)
        .type('form')
        .send({ _csrf: caseworker.csrf, ...body });
    await form({ path: '/watch' }).expect(303);
    const blank = main(
      (await form({ path: '/recipients', name: '', email: '', language: 'ar' }).expect(400)).text,
    );
    expect(blank).toContain('يُرجى تصحيح هذين الأمرين:');
    expect(blank).toMatch(
      /id="f-name-error"><span class="visually-hidden">خطأ: <\/span>الاسم: هذا الحقل مطلوب/,
    );
    expect(blank).toContain('البريد الإلكتروني: أدخل عنوان بريد إلكتروني');
    await form({
      path: '/recipients',
      name: 'Amal Counsel',
      email: 'amal@example.org',
      language: 'ar',
    }).expect(303);

    const page = main((await caseworker.agent.get(settings).expect(200)).text);
    expect(page).toContain('أنت تتابع هذه القضية وتتلقى تذكيراتها.');
    expect(page).toContain('>كتم</button>');
    expect(page).toContain('يتابعها: Test caseworker');
    expect(page).toContain(
      'Amal Counsel &lt;amal@example.org&gt; <span class="small">(<span lang="ar">العربية</span>)</span>',
    );
    expect(page).toContain('<h2 id="list-heading">التذكيرات القادمة</h2>');
    expect(page).toContain('إلى: Amal Counsel (من خارج Vigil)، Test caseworker');
    expect(page).toContain('<dt>قبل كل جلسة</dt>');
    expect(page).toContain('(اختياري)');
    expect(page).toMatch(/<span class="small">موعده \S/);
    expect(page).not.toMatch(
      /You watch|Stop watching|>Mute<|Watching:|outside Vigil\)|To nobody|Due |Reminders ahead|Before each hearing|When reminders go out|Set this case|\(optional\)|Add someone|>Remove<|>Add<|>Save<|For example/,
    );

    await form({ path: '/watch', muted: 'true' }).expect(303);
    const muted = main((await caseworker.agent.get(settings).expect(200)).text);
    expect(muted).toContain('أنت تتابع هذه القضية مع كتم تنبيهاتها');
    expect(muted).toContain('>إلغاء الكتم</button>');
    expect(muted).toContain('Test caseworker (مكتومة)');

    // An error page in Arabic too.
    const missing = main(
      (await caseworker.agent.get('/cases/00000000-0000-4000-8000-000000000000').expect(404)).text,
    );
    expect(missing).toContain('<h1>غير موجود</h1>');
    expect(missing).not.toMatch(/Not found|not found/);
  });

  it('writes the settings page in French for an admin, the reminder policy and the users with no English left', async () => {
    // The admin chose French above.
    const admin = await signInToWeb(t, t.users.admin);
    const page = main((await admin.agent.get('/settings').expect(200)).text);
    expect(page).toContain('<h1>Paramètres</h1>');
    expect(page).toContain('<h2 id="policy-heading">Règles des rappels</h2>');
    expect(page).toContain('Avant chaque audience');
    expect(page).toContain('Par exemple\u00a0: 1 jour');
    expect(page).toContain('<option value="true"');
    expect(page).toContain('Oui, à chaque anniversaire de l’arrestation');
    expect(page).toContain('(facultatif)');
    expect(page).toContain('<h3 id="new-user-heading">Ajouter un utilisateur</h3>');
    expect(page).toContain('Au moins 12 caractères');
    expect(page).toContain('Actif (vous)');
    expect(page).not.toMatch(
      /Reminder policy|Before each hearing|For example|\(optional\)|Save the policy|Add a user|Add user|Deactivate|Reactivate|Two-factor sign-in|Your account|Organisation name|Active \(you\)|Require it|Yes, every anniversary/,
    );
    const refused = main(
      (
        await admin.agent
          .post('/settings/users')
          .type('form')
          .send({
            _csrf: admin.csrf,
            name: 'Inès',
            email: 'not-an-address',
            password: 'short',
            role: 'viewer',
          })
          .expect(400)
      ).text,
    );
    expect(refused).toContain('Veuillez corriger ces points\u00a0:');
    expect(refused).toContain('Adresse électronique\u00a0: saisissez une adresse électronique');
    expect(refused).toContain('Mot de passe\u00a0: au moins 12 caractères');
    expect(refused).not.toMatch(/must be|Please fix/);
  });

  it('states the custody clock in Arabic on the case page and the case list', async () => {
    await choose(caseworker, 'ar').expect(303);
    const defender = await makeDefender(t.dataSource, { fullName: 'Yusuf Karam' });
    const yusufs = (await makeCase(t.dataSource, { defenderId: defender.id })).id;
    await t
      .http()
      .post(`/api/cases/${yusufs}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send({ kind: 'judicial', orderedOn: '2022-03-20', days: 15 })
      .expect(201);

    // 122 days since the arrest on 22 November 2021; the 15-day order ends on 4 April 2022, 11 days on.
    const clock = 'رهن الاحتجاز منذ 122 يومًا؛ احتجاز بأمر قضائي: ينتهي بعد 11 يومًا (4 أبريل 2022)';
    const kase = main((await caseworker.agent.get(`/cases/${yusufs}`).expect(200)).text);
    expect(kase).toContain(`id="custody-clock">${clock}.</p>`);
    expect(kase).not.toMatch(/In custody|custody ends|udicial custody|\d+ days?\b|\(\d+ April/);
    const list = main((await caseworker.agent.get('/cases').expect(200)).text);
    expect(list).toContain(clock);
    expect(list).not.toMatch(/In custody|custody ends|udicial custody/);
  });

  it('names each reminder in the reader’s language on the dashboard and the case’s reminder page', async () => {
    const admin = await signInToWeb(t, t.users.admin);
    await Promise.all([choose(caseworker, 'ar'), choose(viewer, 'fr'), choose(admin, 'en')]);
    const defender = await makeDefender(t.dataSource, { fullName: 'Rania Haddad' });
    const ranias = (await makeCase(t.dataSource, { defenderId: defender.id, timezone: 'UTC' })).id;
    const hearing = (scheduledAt: string, more: Record<string, string>) =>
      t
        .http()
        .post(`/api/cases/${ranias}/hearings`)
        .set(bearer(t.users.caseworker))
        .send({ scheduledAt, ...more })
        .expect(201);
    await hearing('2022-04-12T10:00', { visibility: 'public', court: 'Rabat Court of Appeal' });
    await hearing('2022-04-19T09:00', { visibility: 'confidential', court: 'Salé Closed Court' });
    // The week-ahead reminder of the public hearing could not be mailed.
    await t.dataSource.query(
      `UPDATE reminders SET status = 'failed', attempts = 1, last_error = '451 try again later'
        WHERE case_id = $1 AND "offset" = 'P7D' AND subject_at = '2022-04-12T10:00:00Z'`,
      [ranias],
    );
    const read = async (who: WebAgent) => ({
      dashboard: main((await who.agent.get('/').expect(200)).text),
      reminders: main((await who.agent.get(`/settings/cases/${ranias}`).expect(200)).text),
    });

    const french = await read(viewer);
    const inFrench = 'Audience dans 7 jours: Rania Haddad — Rabat Court of Appeal, 12 avr. 2022 10:00 UTC';
    expect(french.dashboard).toContain(inFrench);
    expect(french.reminders).toContain(inFrench);
    expect(french.reminders).toContain(
      'Audience dans 1 jour: Rania Haddad — Rabat Court of Appeal, 12 avr. 2022 10:00 UTC',
    );
    // A viewer is not told of the confidential hearing, in any words.
    expect(french.reminders).not.toContain('Salé');
    expect(`${french.dashboard}${french.reminders}`).not.toMatch(/Hearing|Apr 2022/);

    const arabic = await read(caseworker);
    const inArabic = 'جلسة خلال 7 أيام: Rania Haddad — Rabat Court of Appeal, 12 أبريل 2022 10:00 UTC';
    expect(arabic.dashboard).toContain(inArabic);
    expect(arabic.reminders).toContain(inArabic);
    expect(arabic.dashboard).toContain('150 يومًا في الاحتجاز: Rania Haddad — منذ 22 نوفمبر 2021');
    // The confidential hearing's reminders, sealed at rest, are named to who may read them.
    expect(arabic.reminders).toContain(
      'جلسة خلال 7 أيام: Rania Haddad — Salé Closed Court, 19 أبريل 2022 09:00 UTC',
    );
    expect(`${arabic.dashboard}${arabic.reminders}`).not.toMatch(/Hearing|Apr 2022|Audience|days in custody/);

    const english = await read(admin);
    const inEnglish = 'Hearing in 7 days: Rania Haddad — Rabat Court of Appeal, 12 Apr 2022 10:00 UTC';
    expect(english.dashboard).toContain(inEnglish);
    expect(english.reminders).toContain(inEnglish);
    expect(english.reminders).toContain(
      'Hearing in 7 days: Rania Haddad — Salé Closed Court, 19 Apr 2022 09:00 UTC',
    );

    // The API's title is the one stored when it was planned, in English, whoever reads it.
    const listed = await t
      .http()
      .get(`/api/reminders?caseId=${ranias}&kind=hearing_upcoming`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(listed.body.items.map((r: { title: string }) => r.title)).toContain(inEnglish);
  });
});
