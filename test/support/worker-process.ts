import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestApp } from './test-app';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  output: () => string;
}

/** Starts `main worker` as a real child process on the test app's database, Redis prefix and SMTP server. */
export async function spawnWorkerProcess(t: TestApp, timeoutMs = 30_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'run-worker.js'), 'worker'], {
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      NODE_ENV: 'test',
      // The start-up line it waits for is at info level.
      LOG_LEVEL: 'info',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      SMTP_URL: t.config.smtpUrl,
      MAIL_FROM: t.config.mailFrom,
      QUEUE_PREFIX: t.config.queuePrefix,
      VIGIL_DATA_KEY: t.config.dataKey,
      VIGIL_DATA_KEY_PREVIOUS: t.config.previousDataKeys.join(','),
      ...(t.config.reminderBackoffMs ? { REMINDER_BACKOFF_MS: String(t.config.reminderBackoffMs) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const started = Date.now();
  while (!output.includes('Worker started')) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`The worker process did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, exited, output: () => output };
}
