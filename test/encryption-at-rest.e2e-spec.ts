import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Case } from '../src/cases/case.entity';
import { ConfigError } from '../src/config/app-config';
import { checkDataKeys } from '../src/crypto/data-key-check';
import { DataKeys, dataKeyId, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { pgToolConnection } from '../src/database/pg-tools';
import { makeCase } from './factories/cases';
import { runCli } from './support/cli';
import { bearer, startTestApp, TEST_DATA_KEY, TestApp } from './support/test-app';

// What an attacker with a copy of the database (a dump, a backup, a stolen disk) but not the key
// would read, against what Vigil's users read through the app.

const SECRET = {
  contactName: 'Zarina Lone',
  contactPhone: '+91 94190 55512',
  court: 'Chambers of the Sessions Judge, Srinagar',
  judge: 'Judge Farooqui',
  purpose: 'Bail plea kept from the press',
  description: 'Moved to a black site near Anantnag; family not told',
  citation: 'Call from the cousin, 3 March',
  url: 'https://notes.example.org/private-call',
  // Not the name of a law in the statutory limits table, which is public reference data.
  law: 'Order of the Kupwara district magistrate under the public safety law',
  offence: 'acting prejudicial to the maintenance of public order',
  place: 'Kot Bhalwal Jail, Jammu',
  notes: 'Order served at night without counsel',
  documentCitation: 'Prison doctor, handed over at the visit',
  documentName: 'Injuries photographed by the prison doctor',
};
// A file on the confidential event: in a dump, its content would show as hex.
const FILE_WORDS = 'Medical report of the jail doctor, kept from the family';
const FILE = Buffer.from(`%PDF-1.4\n% ${FILE_WORDS}\n%%EOF\n`, 'latin1');
const FILE_HEX = Buffer.from(FILE_WORDS, 'latin1').toString('hex');
const PUBLIC_DESCRIPTION = 'Detained at his home in Srinagar by police';

/** Every row of the tables that may hold them, as text, read past the app (no keys). */
async function rawDump(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = [
      'defenders',
      'events',
      'event_sources',
      'hearings',
      'charges',
      'custody_orders',
      'reminders',
      'audit_log',
      'entry_documents',
    ];
    // One client answers one query at a time (pg 9 will refuse a second one sent meanwhile).
    const rows: string[] = [];
    for (const table of tables) {
      const result = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
      rows.push(...result.rows.map(({ row }) => row));
    }
    return rows.join('\n');
  } finally {
    await client.end();
  }
}

const expectNoSecret = (text: string) => {
  for (const value of Object.values(SECRET)) {
    expect(text).not.toContain(value);
  }
  expect(text).not.toContain(FILE_HEX);
};

describe('encryption at rest', () => {
  let t: TestApp;
  let kase: Case;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    const as = bearer(t.users.caseworker);
    const defender = await t
      .http()
      .post('/api/defenders')
      .set(as)
      .send({
        fullName: 'Irfan Wani',
        country: 'IN',
        contacts: [{ name: SECRET.contactName, relation: 'sister', phone: SECRET.contactPhone }],
      })
      .expect(201);
    ids.defender = defender.body.id;
    kase = await makeCase(t.dataSource, { defenderId: ids.defender, timezone: 'Asia/Kolkata' });
    const post = async (path: string, body: object) =>
      (await t.http().post(`/api/cases/${kase.id}/${path}`).set(as).send(body).expect(201)).body.id as string;
    ids.hearing = await post('hearings', {
      scheduledAt: '2026-03-02T11:00',
      court: SECRET.court,
      judge: SECRET.judge,
      purpose: SECRET.purpose,
      visibility: 'confidential',
    });
    ids.event = await post('events', {
      occurredOn: '2025-12-01',
      precision: 'day',
      type: 'transfer',
      description: SECRET.description,
      visibility: 'confidential',
      sources: [{ citation: SECRET.citation, url: SECRET.url }],
    });
    ids.publicEvent = await post('events', {
      occurredOn: '2025-11-20',
      precision: 'day',
      type: 'other',
      description: PUBLIC_DESCRIPTION,
      visibility: 'public',
      sources: [],
    });
    ids.charge = await post('charges', {
      law: SECRET.law,
      offence: SECRET.offence,
      status: 'alleged',
      broughtOn: '2025-11-21',
      visibility: 'confidential',
    });
    ids.order = await post('custody-orders', {
      kind: 'administrative',
      orderedOn: '2025-11-21',
      days: 90,
      place: SECRET.place,
      notes: SECRET.notes,
      visibility: 'confidential',
    });
    const document = await t
      .http()
      .post(`/api/events/${ids.event}/documents`)
      .set(as)
      .attach('file', FILE, `${SECRET.documentName}.pdf`)
      .field('citation', SECRET.documentCitation)
      .expect(201);
    ids.document = document.body.id;
  });
  afterAll(() => t.close());

  const download = async (id: string): Promise<Buffer> =>
    (
      await t
        .http()
        .get(`/api/documents/${id}`)
        .set(bearer(t.users.caseworker))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
  const storedInClear = async (id: string): Promise<boolean> =>
    (
      await t.dataSource.query(
        `SELECT position($2::bytea IN content) > 0 AS clear FROM entry_documents WHERE id = $1`,
        [id, Buffer.from(FILE_WORDS, 'latin1')],
      )
    )[0].clear as boolean;

  it('keeps contacts and confidential entries out of a raw read of the database, audit log and reminders included', async () => {
    const dump = await rawDump(t.database.url);
    expectNoSecret(dump);
    // What is sealed names its key; public entries stay in clear, so search and sorting still work.
    expect(dump).toContain(`vigil-sealed:v1:${dataKeyId(decodeDataKey(TEST_DATA_KEY))}:`);
    expect(dump).toContain(PUBLIC_DESCRIPTION);
    // The confidential hearing's reminders exist (they repeat its court), sealed too.
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM reminders WHERE subject_id = $1 AND title ~ '^vigil-sealed:'`,
      [ids.hearing],
    );
    expect(count).toBeGreaterThan(0);
  });

  it("keeps a user's two-factor key sealed at rest, and the app reads back the key the user scanned", async () => {
    const user = await t.createUser('viewer');
    const enrolment = await t.http().post('/api/auth/two-factor/enrolment').set(bearer(user)).expect(200);
    const [{ secret }] = (await new DataSource(dataSourceOptions(t.database.url))
      .initialize()
      .then(async (raw) => {
        try {
          return await raw.query('SELECT secret FROM second_factors WHERE user_id = $1', [user.id]);
        } finally {
          await raw.destroy();
        }
      })) as { secret: string }[];
    expect(secret).toMatch(/^vigil-sealed:v1:/);
    expect(secret).not.toContain(enrolment.body.secret);
    const [opened] = await t.dataSource.query('SELECT secret FROM second_factors WHERE user_id = $1', [
      user.id,
    ]);
    expect(opened.secret).toBe(enrolment.body.secret);
  });

  it('shows them in clear to readers who may read them, in the API, exports and audit log, and not to others', async () => {
    const caseworker = bearer(t.users.caseworker);
    const defender = await t.http().get(`/api/defenders/${ids.defender}`).set(caseworker).expect(200);
    expect(defender.body.contacts).toEqual([
      { name: SECRET.contactName, relation: 'sister', phone: SECRET.contactPhone },
    ]);
    const viewerDefender = await t
      .http()
      .get(`/api/defenders/${ids.defender}`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(viewerDefender.body.contacts).toBeUndefined();

    const hearing = await t.http().get(`/api/hearings/${ids.hearing}`).set(caseworker).expect(200);
    expect(hearing.body).toMatchObject({ court: SECRET.court, judge: SECRET.judge, purpose: SECRET.purpose });
    await t.http().get(`/api/hearings/${ids.hearing}`).set(bearer(t.users.viewer)).expect(404);

    const event = await t.http().get(`/api/events/${ids.event}`).set(caseworker).expect(200);
    expect(event.body).toMatchObject({
      description: SECRET.description,
      sources: [{ citation: SECRET.citation, url: SECRET.url }],
    });

    const everything = await t
      .http()
      .get(`/api/cases/${kase.id}/chronology?format=md&visibility=all`)
      .set(caseworker)
      .expect(200);
    for (const value of [SECRET.description, SECRET.law, SECRET.court]) {
      expect(everything.text).toContain(value);
    }
    expect(everything.text).not.toContain('vigil-sealed');
    const publicExport = await t
      .http()
      .get(`/api/cases/${kase.id}/chronology?format=md`)
      .set(caseworker)
      .expect(200);
    expectNoSecret(publicExport.text);

    const reminders = await t.http().get(`/api/reminders?caseId=${kase.id}`).set(caseworker).expect(200);
    expect(JSON.stringify(reminders.body)).not.toContain('vigil-sealed');

    const audit = await t
      .http()
      .get(`/api/audit?entity=hearing&entityId=${ids.hearing}&action=create`)
      .set(bearer(t.users.admin))
      .expect(200);
    expect(audit.body.items[0].after).toMatchObject({ court: SECRET.court, judge: SECRET.judge });
  });

  it('seals an entry made confidential, sources included, and opens it again when it is made public', async () => {
    const as = bearer(t.users.caseworker);
    const text = 'Statement by the lawyer after the visit';
    const citation = 'Lawyer, by phone';
    const created = await t
      .http()
      .post(`/api/cases/${kase.id}/events`)
      .set(as)
      .send({
        occurredOn: '2025-12-10',
        precision: 'day',
        type: 'statement',
        description: text,
        visibility: 'internal',
        sources: [{ citation }],
      })
      .expect(201);
    const stored = async () =>
      (
        await t.dataSource.query(
          `SELECT e.description ~ '^vigil-sealed:' AS "descriptionSealed", s.citation ~ '^vigil-sealed:' AS "citationSealed"
             FROM events e JOIN event_sources s ON s.event_id = e.id WHERE e.id = $1`,
          [created.body.id],
        )
      )[0] as { descriptionSealed: boolean; citationSealed: boolean };
    expect(await stored()).toEqual({ descriptionSealed: false, citationSealed: false });

    await t
      .http()
      .patch(`/api/events/${created.body.id}`)
      .set(as)
      .send({ visibility: 'confidential' })
      .expect(200);
    expect(await stored()).toEqual({ descriptionSealed: true, citationSealed: true });
    expectNoSecret(await rawDump(t.database.url));
    expect(await rawDump(t.database.url)).not.toContain(text);

    const back = await t
      .http()
      .patch(`/api/events/${created.body.id}`)
      .set(as)
      .send({ visibility: 'public' })
      .expect(200);
    expect(back.body).toMatchObject({ description: text, sources: [{ citation }] });
    expect(await stored()).toEqual({ descriptionSealed: false, citationSealed: false });
  });

  it("seals a confidential entry's files, content and citation, and follows the entry when its visibility changes", async () => {
    const as = bearer(t.users.caseworker);
    expect(await storedInClear(ids.document)).toBe(false);
    expect(Buffer.compare(await download(ids.document), FILE)).toBe(0);
    const listed = await t.http().get(`/api/events/${ids.event}/documents`).set(as).expect(200);
    expect(listed.body).toMatchObject([
      { id: ids.document, citation: SECRET.documentCitation, fileName: `${SECRET.documentName}.pdf` },
    ]);

    const event = await t
      .http()
      .post(`/api/cases/${kase.id}/events`)
      .set(as)
      .send({
        occurredOn: '2025-12-12',
        precision: 'day',
        type: 'other',
        description: 'Visit',
        sources: [],
        visibility: 'public',
      })
      .expect(201);
    const { body } = await t
      .http()
      .post(`/api/events/${event.body.id}/documents`)
      .set(as)
      .attach('file', FILE, 'Report.pdf')
      .expect(201);
    expect(await storedInClear(body.id)).toBe(true);
    await t
      .http()
      .patch(`/api/events/${event.body.id}`)
      .set(as)
      .send({ visibility: 'confidential' })
      .expect(200);
    expect(await storedInClear(body.id)).toBe(false);
    expect(Buffer.compare(await download(body.id), FILE)).toBe(0);
    await t.http().patch(`/api/events/${event.body.id}`).set(as).send({ visibility: 'internal' }).expect(200);
    expect(await storedInClear(body.id)).toBe(true);
    expect(Buffer.compare(await download(body.id), FILE)).toBe(0);
    await t.http().delete(`/api/events/${event.body.id}`).set(as).expect(204);
  });

  it('seals a changed field of a confidential entry, and a recorded outcome', async () => {
    const as = bearer(t.users.caseworker);
    await t
      .http()
      .patch(`/api/hearings/${ids.hearing}`)
      .set(as)
      .send({ judge: 'Judge Qureshi, sitting alone' })
      .expect(200);
    const dump = await rawDump(t.database.url);
    expect(dump).not.toContain('Judge Qureshi');
    expectNoSecret(dump);
    const hearing = await t.http().get(`/api/hearings/${ids.hearing}`).set(as).expect(200);
    expect(hearing.body).toMatchObject({ judge: 'Judge Qureshi, sitting alone', court: SECRET.court });
  });

  it('seals the court named on a confidential appeal decision, and shows it to caseworkers', async () => {
    const as = bearer(t.users.caseworker);
    const court = 'Bench of the Secret Appeal Tribunal at Gulmarg';
    const created = await t
      .http()
      .post(`/api/cases/${kase.id}/events`)
      .set(as)
      .send({
        type: 'appeal_decision',
        occurredOn: '2026-01-10',
        precision: 'day',
        visibility: 'confidential',
        description: 'Decided in chambers',
        court,
        decision: 'upheld',
        sources: [],
      })
      .expect(201);
    expect(await rawDump(t.database.url)).not.toContain('Secret Appeal Tribunal');
    const read = await t.http().get(`/api/events/${created.body.id}`).set(as).expect(200);
    expect(read.body).toMatchObject({ court });
  });

  it('refuses, in the database, a confidential row whose free text arrives unsealed', async () => {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await expect(
        client.query(
          `INSERT INTO events (case_id, occurred_on, type, description, visibility)
           VALUES ($1, '2025-12-20', 'other', 'written in clear by mistake', 'confidential')`,
          [kase.id],
        ),
      ).rejects.toThrow(/events.description must be sealed by the app/);
      await expect(
        client.query(
          `INSERT INTO events (case_id, occurred_on, type, court, decision, visibility)
           VALUES ($1, '2025-12-21', 'appeal_decision', 'Appeal bench named in clear', 'upheld', 'confidential')`,
          [kase.id],
        ),
      ).rejects.toThrow(/events.court must be sealed by the app/);
      await expect(
        client.query(`UPDATE defenders SET contacts = '[{"name": "in clear"}]' WHERE id = $1`, [
          ids.defender,
        ]),
      ).rejects.toThrow(/defenders_contacts_sealed/);
    } finally {
      await client.end();
    }
  });

  it('seals what a statement import writes as confidential, and the timeline shows it in clear', async () => {
    const as = bearer(t.users.caseworker);
    const imported = await makeCase(t.dataSource, { defenderId: ids.defender, arrestedOn: null });
    const words = 'Taken from the guesthouse in Sopore by the district police';
    await t
      .http()
      .post(`/api/cases/${imported.id}/chronology/import`)
      .set(as)
      .send({ text: `4 February 2025: ${words}.`, visibility: 'confidential', confirm: true })
      .expect(200);
    const [{ sealed, total }] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE description ~ '^vigil-sealed:')::int AS sealed, count(*)::int AS total
         FROM events WHERE case_id = $1 AND visibility = 'confidential'`,
      [imported.id],
    );
    expect(total).toBeGreaterThan(0);
    expect(sealed).toBe(total);
    expect(await rawDump(t.database.url)).not.toContain(words);
    const timeline = await t.http().get(`/api/cases/${imported.id}/timeline`).set(as).expect(200);
    expect(JSON.stringify(timeline.body)).toContain(words);
  });

  it('writes a backup that holds no contact and no confidential entry in clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sealed-backup-'));
    const file = join(dir, 'vigil.dump');
    const result = await runCli(['backup', '--file', file], {
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      VIGIL_DATA_KEY: TEST_DATA_KEY,
    });
    expect(result).toMatchObject({ code: 0 });
    // The custom format compresses: read it back as the SQL it restores.
    const { env } = pgToolConnection(t.config.databaseUrl);
    const { stdout } = await promisify(execFile)('pg_restore', ['--file', '-', file], {
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toContain(PUBLIC_DESCRIPTION);
    expectNoSecret(stdout);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  describe('a rotation', () => {
    const newKey = Buffer.alloc(32, 'rotated key, kept in the secrets').toString('base64');
    const oldId = dataKeyId(decodeDataKey(TEST_DATA_KEY));
    const newId = dataKeyId(decodeDataKey(newKey));

    const connect = async (current: string, previous: string[] = []): Promise<DataSource> => {
      const keys = new DataKeys(decodeDataKey(current), previous.map(decodeDataKey));
      const dataSource = new DataSource(dataSourceOptions(t.database.url, keys));
      return dataSource.initialize();
    };

    it('seals every value again under the new key in batches, after which the old key is no longer needed', async () => {
      const result = await runCli(['data-key:rotate'], {
        NODE_ENV: 'test',
        DATABASE_URL: t.config.databaseUrl,
        REDIS_URL: t.config.redisUrl,
        QUEUE_PREFIX: t.config.queuePrefix,
        VIGIL_DATA_KEY: newKey,
        VIGIL_DATA_KEY_PREVIOUS: TEST_DATA_KEY,
      });
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toMatch(/Sealed again under the current key: .*hearings 1\b/);
      expect(result.stdout).toContain(`Kept for the audit log, wrapped under the current key: ${oldId}`);

      const dump = await rawDump(t.database.url);
      expectNoSecret(dump);
      // Only the audit log, which is never rewritten, still holds values sealed under the old key.
      const client = new Client({ connectionString: t.database.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT 'tables' AS place, count(*)::int AS old FROM (
             SELECT to_jsonb(t)::text AS row FROM hearings t UNION ALL SELECT to_jsonb(t)::text FROM events t
             UNION ALL SELECT to_jsonb(t)::text FROM event_sources t UNION ALL SELECT to_jsonb(t)::text FROM charges t
             UNION ALL SELECT to_jsonb(t)::text FROM custody_orders t UNION ALL SELECT to_jsonb(t)::text FROM defenders t
             UNION ALL SELECT to_jsonb(t)::text FROM reminders t) r WHERE row LIKE $1`,
          [`%vigil-sealed:v1:${oldId}:%`],
        );
        expect(rows).toEqual([{ place: 'tables', old: 0 }]);
      } finally {
        await client.end();
      }

      // A process with the new key alone reads everything, the audit log included.
      const rotated = await connect(newKey);
      try {
        await checkDataKeys(rotated);
        const [hearing] = await rotated.query('SELECT court FROM hearings WHERE id = $1', [ids.hearing]);
        expect(hearing.court).toBe(SECRET.court);
        const [defender] = await rotated.query('SELECT contacts FROM defenders WHERE id = $1', [
          ids.defender,
        ]);
        expect(defender.contacts[0].phone).toBe(SECRET.contactPhone);
        const [audit] = await rotated.query(
          `SELECT after FROM audit_log WHERE entity = 'event' AND entity_id = $1 AND action = 'create'`,
          [ids.event],
        );
        expect(audit.after.description).toBe(SECRET.description);
        const [document] = await rotated.query(
          'SELECT content, citation FROM entry_documents WHERE id = $1',
          [ids.document],
        );
        expect(document.citation).toBe(SECRET.documentCitation);
        // Only the new key in this process: the file was sealed again under it.
        expect(Buffer.compare(new DataKeys(decodeDataKey(newKey)).openBytes(document.content), FILE)).toBe(0);
      } finally {
        await rotated.destroy();
      }
    });

    it('stops a process started with the old key alone, naming the key the database needs', async () => {
      const stale = await connect(TEST_DATA_KEY);
      try {
        const refused = checkDataKeys(stale);
        await expect(refused).rejects.toBeInstanceOf(ConfigError);
        await expect(refused).rejects.toThrow(newId);
      } finally {
        await stale.destroy();
      }
    });

    it('stops the worker at start-up with a wrong key, and in production without one, saying so', async () => {
      const start = (env: Record<string, string>) =>
        promisify(execFile)(process.execPath, [join(__dirname, 'support', 'run-worker.js'), 'worker'], {
          env: {
            PATH: process.env.PATH,
            TZ: 'UTC',
            DATABASE_URL: t.config.databaseUrl,
            REDIS_URL: t.config.redisUrl,
            SMTP_URL: t.config.smtpUrl,
            QUEUE_PREFIX: t.config.queuePrefix,
            ...env,
          },
          timeout: 60_000,
        }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
        );
      const wrong = await start({ NODE_ENV: 'test', VIGIL_DATA_KEY: Buffer.alloc(32, 9).toString('base64') });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain(
        "VIGIL_DATA_KEY is not the key this database's contacts and confidential entries are sealed with",
      );
      expect(wrong.stderr).toContain(newId);

      const missing = await start({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/VIGIL_DATA_KEY is required in production/);
    });
  });
});
