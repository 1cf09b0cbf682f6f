import { Case } from '../src/cases/case.entity';
import { Language } from '../src/i18n/languages';
import { makeCase } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// An edit form shows each stored date and term in the reader's words ("3 mai 2022", "مايو 2022",
// "2 ans et 6 mois", "مدى الحياة"), read back to the same value: saved untouched, it changes nothing
// the API returns.

const decoded = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attributes = (tag: string): Record<string, string> =>
  Object.fromEntries(
    [...tag.matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, decoded(value ?? '')]),
  );

/**
 * What a browser would post from the page's form with this action, nothing changed. Boxes ticked
 * under one name (a statutory limit's bases) post one value each, as a list.
 */
function formFields(html: string, action: string): Record<string, string | string[]> {
  const form = new RegExp(`<form method="post" action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
  if (form === undefined) {
    throw new Error(`No form posting to ${action}`);
  }
  const fields: Record<string, string | string[]> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const input = attributes(tag);
    if (input.name && (input.type !== 'checkbox' || 'checked' in input)) {
      const value = input.value ?? (input.type === 'checkbox' ? 'on' : '');
      const before = fields[input.name];
      fields[input.name] = before === undefined ? value : [before, value].flat();
    }
  }
  for (const [, open, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const chosen =
      /<option value="([^"]*)" selected>/.exec(options) ?? /<option value="([^"]*)"/.exec(options);
    fields[attributes(open).name] = decoded(chosen?.[1] ?? '');
  }
  for (const [, open, text] of form.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
    fields[attributes(open).name] = decoded(text);
  }
  return fields;
}

/** The API's view of a record, without the stamps that any save moves. */
const stored = async (t: TestApp, user: TestUser, path: string) => {
  const { updatedAt: _updated, ...rest } = (await t.http().get(path).set(bearer(user)).expect(200))
    .body as Record<string, unknown>;
  return rest;
};

describe('web pages: edit forms show stored dates in the reader’s words', () => {
  let t: TestApp;
  let readers: Record<'fr' | 'ar', { agent: WebAgent; user: TestUser }>;
  let kase: Case;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-01-10T09:00:00Z' });
    const reader = async (language: Language) => {
      const user = await t.createUser('admin', `${language}-editor@example.org`);
      await t.dataSource.query(`UPDATE users SET language = $2 WHERE id = $1`, [user.id, language]);
      return { user, agent: await signInToWeb(t, user) };
    };
    readers = { fr: await reader('fr'), ar: await reader('ar') };
    kase = await makeCase(t.dataSource, { arrestedOn: '2021-11-22' });
  });
  afterAll(() => t.close());

  /** Opens the edit form, checks the date fields show `shown`, saves it untouched, and compares the API's record. */
  async function saveUntouched(
    language: 'fr' | 'ar',
    page: string,
    action: string,
    api: string,
    shown: Record<string, string>,
  ) {
    const { agent, user } = readers[language];
    const before = await stored(t, user, api);
    const form = await agent.agent.get(page).expect(200);
    const fields = formFields(form.text, action);
    expect(fields).toMatchObject(shown);
    await agent.agent.post(action).type('form').send(fields).expect(303);
    expect(await stored(t, user, api)).toEqual(before);
  }

  describe.each([
    {
      language: 'fr' as const,
      day: '3 mai 2022',
      firstOfMonth: '1 mai 2022',
      month: 'mai 2022',
      year: '2021',
      ended: '20 mai 2022',
      ordered: '4 décembre 2021',
      until: '24 décembre 2021',
      hearing: '6 juillet 2022',
      fiveYears: '5 ans',
      longer: '2 ans et 6 mois',
      life: 'perpétuité',
    },
    {
      language: 'ar' as const,
      day: '3 مايو 2022',
      firstOfMonth: '1 مايو 2022',
      month: 'مايو 2022',
      year: '2021',
      ended: '20 مايو 2022',
      ordered: '4 ديسمبر 2021',
      until: '24 ديسمبر 2021',
      hearing: '6 يوليو 2022',
      fiveYears: '5 سنوات',
      longer: 'سنتين و6 أشهر',
      life: 'مدى الحياة',
    },
  ])('for a reader of $language', (words) => {
    const { language } = words;

    it('a charge: its day, or the first day of its month beside its precision', async () => {
      const charge = await makeCharge(t.dataSource, kase, { broughtOn: '2022-05-03' });
      await saveUntouched(
        language,
        `/charges/${charge.id}/edit`,
        `/charges/${charge.id}`,
        `/api/charges/${charge.id}`,
        {
          broughtOn: words.day,
          broughtOnPrecision: 'day',
        },
      );
      const byMonth = await makeCharge(t.dataSource, kase, {
        broughtOn: '2022-05-01',
        broughtOnPrecision: 'month',
      });
      await saveUntouched(
        language,
        `/charges/${byMonth.id}/edit`,
        `/charges/${byMonth.id}`,
        `/api/charges/${byMonth.id}`,
        {
          broughtOn: words.firstOfMonth,
          broughtOnPrecision: 'month',
        },
      );
    });

    it('a charge: its maximum penalty in the reader’s words', async () => {
      for (const [maximumPenalty, shown] of [
        ['life', words.life],
        ['P2Y6M', words.longer],
      ]) {
        const charge = await makeCharge(t.dataSource, kase, { maximumPenalty });
        await saveUntouched(
          language,
          `/charges/${charge.id}/edit`,
          `/charges/${charge.id}`,
          `/api/charges/${charge.id}`,
          { maximumPenalty: shown },
        );
      }
    });

    it('an event: its date to its precision, the end of a lasting one, a sentence’s start and appeal deadline', async () => {
      const raid = await makeEvent(t.dataSource, kase, {
        type: 'raid',
        occurredOn: '2022-05-01',
        precision: 'month',
        description: `Raid (${language})`,
        sources: [{ citation: 'A report' }],
      });
      await saveUntouched(
        language,
        `/events/${raid.id}/edit`,
        `/events/${raid.id}`,
        `/api/events/${raid.id}`,
        {
          occurredOn: words.month,
          precision: 'month',
        },
      );
      const strike = await makeEvent(t.dataSource, kase, {
        type: 'hunger_strike',
        occurredOn: '2022-05-03',
        endedOn: '2022-05-20',
        description: `Hunger strike (${language})`,
      });
      await saveUntouched(
        language,
        `/events/${strike.id}/edit`,
        `/events/${strike.id}`,
        `/api/events/${strike.id}`,
        {
          occurredOn: words.day,
          endedOn: words.ended,
        },
      );
      const sentence = await makeEvent(t.dataSource, kase, {
        type: 'sentence',
        occurredOn: '2022-05-03',
        description: `Sentenced (${language})`,
        sentenceTerm: 'P5Y',
        sentenceStartsOn: '2022-05-20',
      });
      await saveUntouched(
        language,
        `/events/${sentence.id}/edit`,
        `/events/${sentence.id}`,
        `/api/events/${sentence.id}`,
        { occurredOn: words.day, sentenceStartsOn: words.ended, sentenceTerm: words.fiveYears },
      );
      const decision = await makeEvent(t.dataSource, kase, {
        type: 'appeal_decision',
        occurredOn: '2022-05-20',
        description: `Appeal decided (${language})`,
        stage: 'appeal',
        decision: 'dismissed',
        appealDeadline: '2022-07-06',
      });
      await saveUntouched(
        language,
        `/events/${decision.id}/edit`,
        `/events/${decision.id}`,
        `/api/events/${decision.id}`,
        { occurredOn: words.ended, appealDeadline: words.hearing },
      );
      const statement = await makeEvent(t.dataSource, kase, {
        type: 'statement',
        occurredOn: '2021-01-01',
        precision: 'year',
        description: `Statement (${language})`,
      });
      await saveUntouched(
        language,
        `/events/${statement.id}/edit`,
        `/events/${statement.id}`,
        `/api/events/${statement.id}`,
        { occurredOn: words.year, precision: 'year' },
      );
    });

    it('a custody order: the day it was ordered and its stated end', async () => {
      const order = await makeCustodyOrder(t.dataSource, kase, {
        orderedOn: '2021-12-04',
        until: '2021-12-24',
      });
      await saveUntouched(
        language,
        `/custody-orders/${order.id}/edit`,
        `/custody-orders/${order.id}`,
        `/api/custody-orders/${order.id}`,
        { orderedOn: words.ordered, until: words.until },
      );
    });

    it('a hearing: the day of its court time, the time beside it', async () => {
      const hearing = await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-07-06T10:30:00' });
      await saveUntouched(
        language,
        `/hearings/${hearing.id}/edit`,
        `/hearings/${hearing.id}`,
        `/api/hearings/${hearing.id}`,
        {
          scheduledDate: words.hearing,
          scheduledTime: '10:30',
        },
      );
    });
  });

  it('a new entry’s form keeps its date fields empty', async () => {
    const form = await readers.fr.agent.agent.get(`/cases/${kase.id}/custody-orders/new`).expect(200);
    expect(formFields(form.text, `/cases/${kase.id}/custody-orders`)).toMatchObject({
      orderedOn: '',
      until: '',
    });
  });

  describe('a statutory limit’s periods, penalties and ticked codes', () => {
    const limit = {
      country: 'KE',
      law: 'Criminal Procedure Code (Cap. 75)',
      section: 's.36A',
      citation: 'An invented row for this test.',
      description: 'Held without charge at most 90 days',
      bases: ['police', 'pre_trial'],
      lawPattern: '',
      sectionPattern: '',
      startsOn: 'arrest',
      stoppedBy: ['charge_sheet', 'release'],
      exceeding: 'Release',
      note: 'Invented for a test.',
      active: 'on',
    };
    const limitNamed = async (reference: string) => {
      const rows = (await t.http().get('/api/statutory-limits').set(bearer(readers.fr.user)).expect(200))
        .body as {
        id: string;
        reference: string;
        periods: unknown[];
        bases: string[];
        stoppedBy: string[];
        penaltyFrom: string | null;
        updatedAt?: string;
      }[];
      const row = rows.find((candidate) => candidate.reference === reference);
      return row && { ...row, updatedAt: undefined };
    };

    it.each([
      {
        language: 'fr' as const,
        typed: '90 jours\n4 mois renouvelables par un tribunal',
        shown: '90 jours\n4 mois renouvelables par un tribunal',
        listed: '90 jours; 4 mois renouvelables par un tribunal',
        penalty: '10 ans',
        boxes: ['Garde à vue', 'Détention provisoire', 'l’acte d’accusation', 'la libération'],
        periods: [
          { length: 90, unit: 'days', renewedByCourt: false },
          { length: 4, unit: 'months', renewedByCourt: true },
        ],
      },
      {
        language: 'ar' as const,
        typed: '٩٠ يومًا\n٦ أشهر',
        shown: '90 يومًا\n6 أشهر',
        listed: '90 يومًا; 6 أشهر',
        penalty: '١٠ سنوات',
        penaltyShown: '10 سنوات',
        boxes: ['احتجاز لدى الشرطة', 'حبس احتياطي', 'لائحة الاتهام', 'الإفراج'],
        periods: [
          { length: 90, unit: 'days', renewedByCourt: false },
          { length: 6, unit: 'months', renewedByCourt: false },
        ],
      },
    ])('typed in $language, shown in their words, saved untouched unchanged', async (words) => {
      const { agent } = readers[words.language];
      const reference = `Kenya CPC s.36A (${words.language})`;
      await agent.agent
        .post('/settings/statutory-limits')
        .type('form')
        .send({ _csrf: agent.csrf, ...limit, reference, periods: words.typed, penaltyFrom: words.penalty })
        .expect(303);
      const created = await limitNamed(reference);
      expect(created).toMatchObject({
        periods: words.periods,
        bases: ['police', 'pre_trial'],
        stoppedBy: ['charge_sheet', 'release'],
        penaltyFrom: 'P10Y',
      });

      const list = await agent.agent.get('/settings/statutory-limits').expect(200);
      expect(list.text).toContain(words.listed);
      expect(list.text).toContain(words.penaltyShown ?? words.penalty);
      const form = await agent.agent.get(`/settings/statutory-limits/${created?.id}`).expect(200);
      const fields = formFields(form.text, `/settings/statutory-limits/${created?.id}`);
      expect(fields).toMatchObject({
        periods: words.shown,
        penaltyFrom: words.penaltyShown ?? words.penalty,
        bases: ['police', 'pre_trial'],
        stoppedBy: ['charge_sheet', 'release'],
      });
      // The codes are boxes named in the reader's words, the stored ones ticked.
      const ticked = [
        ...form.text.matchAll(/<label class="choice"><input type="checkbox"[^>]* checked> ([^<]+)<\/label>/g),
      ];
      expect(ticked.map(([, label]) => decoded(label))).toEqual(words.boxes);
      expect(form.text).not.toMatch(/>[^<]*charge_sheet/);
      await agent.agent
        .post(`/settings/statutory-limits/${created?.id}`)
        .type('form')
        .send(fields)
        .expect(303);
      expect(await limitNamed(reference)).toEqual(created);
      // A penalty erased on the edit form is no longer a bound.
      await agent.agent
        .post(`/settings/statutory-limits/${created?.id}`)
        .type('form')
        .send({ ...fields, penaltyFrom: '' })
        .expect(303);
      expect(await limitNamed(reference)).toEqual({ ...created, penaltyFrom: null });
    });

    it('names the line it could not read, with examples in the reader’s words', async () => {
      const { agent } = readers.fr;
      const refused = await agent.agent
        .post('/settings/statutory-limits')
        .type('form')
        .send({ _csrf: agent.csrf, ...limit, reference: 'Refused', periods: '90 jours\ntrois mois' })
        .expect(400);
      expect(refused.text).toMatch(
        /id="f-periods-error"[^>]*>.*nous n’avons pas pu lire «\u00a0trois mois\u00a0» comme une période\. Écrivez-la comme «\u00a090 jours\u00a0» ou «\u00a04 mois renouvelables par un tribunal\u00a0»/s,
      );
      expect(refused.text).toContain('90 jours\ntrois mois</textarea>');
      expect(await limitNamed('Refused')).toBeUndefined();
    });
  });

  describe('a document’s upload', () => {
    const fileError = (html: string) =>
      /<span class="field-error" id="f-file-error">([\s\S]*?)<\/span>\s*<input type="file"/.exec(html)?.[1] ??
      '';

    it('says in French, beside the file field, why a file was refused', async () => {
      const { agent } = readers.fr;
      const event = await makeEvent(t.dataSource, kase, { type: 'raid', description: 'Documents (fr)' });
      const path = `/events/${event.id}/documents`;
      const post = () => agent.agent.post(path).field('_csrf', agent.csrf);

      const wrongType = await post().attach('file', Buffer.from('plain text'), 'ordonnance.pdf').expect(400);
      expect(fileError(wrongType.text)).toContain(
        'Fichier\u00a0: ce fichier n’est d’aucun type accepté\u00a0: un PDF, une image (PNG, JPEG, GIF, WebP) ou un document Word (DOCX)',
      );
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
      const huge = Buffer.concat([pdf, Buffer.alloc(25 * 1024 * 1024)]);
      const tooLarge = await post().attach('file', huge, 'scan.pdf').expect(400);
      expect(fileError(tooLarge.text)).toContain('Fichier\u00a0: le fichier doit faire au plus 25 Mo');
      const none = await post().field('citation', 'x'.repeat(501)).expect(400);
      expect(fileError(none.text)).toContain('Fichier\u00a0: choisissez un fichier à téléverser');
      expect(none.text).toMatch(/id="f-citation-error"[^>]*>.*Référence\u00a0: au plus 500 caractères/s);
      expect(
        await t.dataSource.query('SELECT id FROM entry_documents WHERE entry_id = $1', [event.id]),
      ).toEqual([]);
    });
  });
});
