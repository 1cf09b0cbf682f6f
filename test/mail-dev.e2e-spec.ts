import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';

// `npm run mail:dev`, the README's mail catcher for development without Docker.
describe('npm run mail:dev', () => {
  let child: ChildProcess;
  let output = '';
  let port: number;
  const dir = join(mkdtempSync(join(tmpdir(), 'vigil-mail-dev-')), 'mail');

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    child = spawn(process.execPath, [join(__dirname, '../scripts/mail-dev.js')], {
      env: { PATH: process.env.PATH, MAIL_DEV_PORT: String(port), MAIL_DEV_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await outputContains('catching mail');
  });

  // The child's stdout reaches us through a pipe, possibly after the SMTP reply does.
  async function outputContains(text: string): Promise<void> {
    const started = Date.now();
    while (!output.includes(text)) {
      if (Date.now() - started > 10_000) {
        throw new Error(`mail:dev never printed "${text}":\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('accepts a message as Vigil sends it, keeps it as an .eml only its owner reads, and says so', async () => {
    const transport = createTransport({ url: `smtp://127.0.0.1:${port}` } as never);
    await transport.sendMail({
      from: 'Vigil <vigil@localhost>',
      to: 'caseworker@example.org',
      subject: 'Hearing in 7 days: Khurram Parvez',
      text: 'NIA Special Court, New Delhi',
    });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const file = join(dir, files[0]);
    expect(readFileSync(file, 'utf8')).toContain('NIA Special Court, New Delhi');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await outputContains('mail 1: to caseworker@example.org — Hearing in 7 days: Khurram Parvez');
  });
});
