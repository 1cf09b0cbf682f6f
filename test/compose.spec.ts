import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isCi } from './support/fixtures';

// docker-compose.yml read as an admin would audit it. No Docker engine runs here, so the file is
// checked by what it says, and against the Compose schema by Debian's docker-compose when installed.

const ROOT = join(__dirname, '..');

interface Service {
  image?: string;
  build?: unknown;
  user?: string;
  restart?: string;
  ports?: (string | { host_ip?: string; published?: string | number })[];
  command?: string | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  environment?: Record<string, string>;
  profiles?: string[];
}

const load = (file: string): { services: Record<string, Service> } =>
  parse(readFileSync(join(ROOT, file), 'utf8'), { merge: true }) as { services: Record<string, Service> };

const compose = load('docker-compose.yml');
const services = compose.services;
const longRunning = ['postgres', 'redis', 'mailpit', 'api', 'worker'];

const hostIp = (port: NonNullable<Service['ports']>[number]): string | undefined => {
  if (typeof port !== 'string') {
    return port.host_ip;
  }
  const parts = port.split(':');
  return parts.length === 3 ? parts[0] : undefined;
};

describe('docker-compose.yml', () => {
  it('pins every image to a tag, never latest', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) {
        expect({ name, image: service.image }).toEqual({
          name,
          image: expect.stringMatching(/^[^:]+:[\w.-]+$/),
        });
        expect(service.image).not.toMatch(/:latest$/);
      } else {
        expect({ name, build: service.build }).toEqual({ name, build: expect.anything() });
      }
    }
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit:v\d+\.\d+/);
  });

  it('restarts every long-running service after a crash or a reboot', () => {
    for (const name of longRunning) {
      expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
    }
  });

  it('publishes only the api, and only on 127.0.0.1', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['api']);
    for (const port of services.api.ports ?? []) {
      expect(hostIp(port)).toBe('127.0.0.1');
    }
  });

  it("shows Mailpit's page, with compose.mail-ui.yml, on 127.0.0.1 only", () => {
    const override = load('compose.mail-ui.yml');
    expect(Object.keys(override.services)).toEqual(['mailpit']);
    expect(override.services.mailpit.ports?.map(hostIp)).toEqual(['127.0.0.1']);
  });

  it('makes the secrets readable by the app user (node) alone', () => {
    const script = [services.setup.command].flat().join(' ');
    expect(script).toMatch(/umask 077/);
    expect(script).toMatch(/chown node:node \. jwt-secret admin-password/);
    expect(script).toMatch(/chmod 600 jwt-secret admin-password/);
    // No mode grants anything to others.
    const modes = [...script.matchAll(/chmod ([0-7]{3,4})/g)].map((match) => match[1]);
    expect(modes).toEqual(['700', '600']);
    expect(script).not.toMatch(/chmod [^0-9]/);
    // The api and the worker run as the image's user, node, and mount the secrets read-only.
    for (const name of ['api', 'worker']) {
      expect(services[name].user).toBeUndefined();
    }
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m);
  });

  it('generates the data key once into the secrets, mode 600, and gives it to every process as a file', () => {
    const script = [services.setup.command].flat().join(' ');
    // 32 random bytes in base64, only when the file is missing or empty: an upgrade keeps its key.
    expect(script).toMatch(
      /test -s data-key \|\| node -e ".*randomBytes\(32\)\.toString\('base64'\).*" > data-key/,
    );
    expect(script).toMatch(/chown node:node [^&]*data-key/);
    expect(script).toMatch(/chmod 600 [^&]*data-key/);
    // Generated before the migrations run: they seal what an older version stored in clear.
    expect(script.indexOf('> data-key')).toBeLessThan(script.indexOf('migration:run'));
    for (const name of ['setup', 'api', 'worker']) {
      expect(services[name].environment?.VIGIL_DATA_KEY_FILE).toBe('/run/vigil-secrets/data-key');
      expect(services[name].environment?.VIGIL_DATA_KEY).toBeUndefined();
    }
  });

  it("checks the worker's health from its heartbeat", () => {
    expect(services.worker.healthcheck).toMatchObject({
      test: ['CMD', 'node', 'dist/src/cli', 'worker:health'],
    });
    expect(services.worker.healthcheck?.disable).toBeUndefined();
  });

  it('runs the tests as CI, so a missing fixture fails them, with the tools the tests need', () => {
    expect(services.test.environment?.CI).toBe('true');
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const testStage = dockerfile.slice(dockerfile.indexOf('AS test'), dockerfile.indexOf('AS runtime'));
    for (const tool of ['docker-compose', 'postgresql-client-16', 'poppler-utils', 'chromium']) {
      expect(testStage).toContain(tool);
    }
    // pg_dump must be as new as the server it backs up.
    expect(services.postgres.image).toMatch(/^postgres:16-/);
  });

  // Under CI (.ci/run installs Debian's docker-compose) a missing docker-compose fails this test.
  const installed = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
  (installed || isCi(process.env.CI) ? it : it.skip)(
    'is valid Compose (docker-compose config -q, without an engine)',
    () => {
      for (const files of [['docker-compose.yml'], ['docker-compose.yml', 'compose.mail-ui.yml']]) {
        execFileSync('docker-compose', [...files.flatMap((file) => ['-f', file]), 'config', '-q'], {
          cwd: ROOT,
          stdio: 'pipe',
        });
      }
    },
  );
});
