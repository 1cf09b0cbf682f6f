import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives safe local defaults in development', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/vigil');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('refuses to start in production without secrets, naming every missing variable', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'VIGIL_DATA_KEY']) {
        expect(problems).toContain(name);
      }
    }
  });

  it('takes the data key from VIGIL_DATA_KEY or a file, with previous keys, and names a malformed one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const previous = Buffer.alloc(32, 8).toString('base64');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-key-'));
    writeFileSync(join(dir, 'data-key'), `${key}\n`);
    writeFileSync(join(dir, 'previous'), `${previous}\n`);
    expect(loadConfig({ VIGIL_DATA_KEY: key })).toMatchObject({ dataKey: key, previousDataKeys: [] });
    expect(
      loadConfig({
        VIGIL_DATA_KEY_FILE: join(dir, 'data-key'),
        VIGIL_DATA_KEY_PREVIOUS_FILE: join(dir, 'previous'),
      }),
    ).toMatchObject({ dataKey: key, previousDataKeys: [previous] });

    let problems: string[] = [];
    try {
      loadConfig({
        VIGIL_DATA_KEY: Buffer.alloc(16).toString('base64'),
        VIGIL_DATA_KEY_PREVIOUS: `${previous},not-a-key!`,
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^VIGIL_DATA_KEY must be 32 bytes of base64 \(got 16 bytes\): generate one with/),
      "VIGIL_DATA_KEY_PREVIOUS's key 2 is not base64",
    ]);
    expect(() => loadConfig({ VIGIL_DATA_KEY_FILE: join(dir, 'missing') })).toThrow(
      /VIGIL_DATA_KEY_FILE ".*missing" cannot be read/,
    );
  });

  it('lists each bad value with its reason', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        ADMIN_EMAIL: 'a@b.org',
        ADMIN_PASSWORD: 'short',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT must be a whole number/),
        expect.stringMatching(/^DATABASE_URL must use postgres/),
        expect.stringMatching(/^ADMIN_PASSWORD must be at least 12 characters/),
      ]),
    );
  });

  it('reads secrets from files when *_FILE is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    writeFileSync(join(dir, 'jwt'), 'a'.repeat(40) + '\n');
    writeFileSync(join(dir, 'admin'), 'a generated password\n');
    const config = loadConfig({
      JWT_SECRET_FILE: join(dir, 'jwt'),
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD_FILE: join(dir, 'admin'),
    });
    expect(config.jwtSecret).toBe('a'.repeat(40));
    expect(config.adminPassword).toBe('a generated password');
    expect(() => loadConfig({ JWT_SECRET_FILE: join(dir, 'missing') })).toThrow(
      /JWT_SECRET_FILE .* cannot be read/,
    );
  });

  it('refuses a first admin password that is easy to guess, saying why', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'password1234' })).toThrow(
      /ADMIN_PASSWORD is too easy to guess: This is similar to a commonly used password/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.org' })).toThrow(/ADMIN_PASSWORD must be set/);
  });

  it('trusts no proxy unless TRUST_PROXY names one, and refuses what is not an address', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.2, 172.18.0.0/16,fd00::/8 , loopback' }).trustProxy).toEqual([
      '10.0.0.2',
      '172.18.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['true', '1', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', '::1/129']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must list IP addresses or subnets/);
    }
  });

  it('connects the app with the password from DATABASE_PASSWORD_FILE, and migrates as DATABASE_OWNER_URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    writeFileSync(join(dir, 'db'), 'p@ss:w/rd%\n');
    const config = loadConfig({
      DATABASE_URL: 'postgres://vigil_app@db:5432/vigil',
      DATABASE_PASSWORD_FILE: join(dir, 'db'),
      DATABASE_OWNER_URL: 'postgres://vigil:owner@db:5432/vigil',
    });
    const app = new URL(config.databaseUrl);
    expect([app.username, decodeURIComponent(app.password), app.host]).toEqual([
      'vigil_app',
      'p@ss:w/rd%',
      'db:5432',
    ]);
    expect(config.databaseOwnerUrl).toBe('postgres://vigil:owner@db:5432/vigil');
    expect(loadConfig({}).databaseOwnerUrl).toBe(loadConfig({}).databaseUrl);
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'mysql://x' })).toThrow(
      /DATABASE_OWNER_URL must use postgres/,
    );
  });
});
