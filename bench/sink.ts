import { SMTP_MAX_CONNECTIONS } from '../src/mail/smtp-pool';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';

// The SMTP sink child (smtp-sink.ts) seen from the harness, and the plain nodemailer loop the
// reminder worker is compared with.

export interface SinkStats {
  accepted: number;
  bytes: number;
  firstAt: number | null;
  lastAt: number | null;
}

export class Sink {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Sink> {
    const child = fork(join(__dirname, 'smtp-sink.js'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const [message] = (await Promise.race([
      once(child, 'message'),
      sleep(15_000).then(() => {
        throw new Error('the SMTP sink did not start');
      }),
    ])) as [{ type: string; port: number }];
    return new Sink(child, message.port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private async ask<T>(type: string): Promise<T> {
    const reply = new Promise<T>((resolve) => {
      const listener = (message: { type: string; stats?: T }) => {
        if (message.type === type) {
          this.child.off('message', listener);
          resolve(message.stats as T);
        }
      };
      this.child.on('message', listener);
    });
    this.child.send({ type });
    return reply;
  }

  stats(): Promise<SinkStats> {
    return this.ask<SinkStats>('stats');
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  /** Polls until `count` messages arrived, or `seconds` passed; returns the last stats. */
  async waitFor(count: number, seconds: number, onProgress?: (stats: SinkStats) => void): Promise<SinkStats> {
    const deadline = Date.now() + seconds * 1000;
    let stats = await this.stats();
    let lastReport = Date.now();
    while (stats.accepted < count && Date.now() < deadline) {
      await sleep(100);
      stats = await this.stats();
      if (onProgress && Date.now() - lastReport > 5000) {
        onProgress(stats);
        lastReport = Date.now();
      }
    }
    return stats;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.send({ type: 'close' });
      await Promise.race([once(this.child, 'exit'), sleep(5000)]);
      if (this.child.exitCode === null) {
        this.child.kill('SIGKILL');
      }
    }
  }
}

export interface PlainMessage {
  subject: string;
  text: string;
  html: string;
  ics?: string;
}

/**
 * The plain loop: nodemailer with the same pool settings as the app's Mailer, `concurrency`
 * loops sending in parallel like the worker's job concurrency, no database, no queue.
 */
export async function plainNodemailerLoop(
  smtpUrl: string,
  count: number,
  concurrency: number,
  message: PlainMessage,
  seconds: number,
): Promise<{ sent: number; seconds: number }> {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
  });
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  let sent = 0;
  const started = performance.now();
  const loop = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      await transport.sendMail({
        from: 'Vigil bench <bench@example.org>',
        to: { name: `Recipient ${i}`, address: `recipient-${i}@example.org` },
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<plain-${i}@example.org>`,
        attachments: message.ics
          ? [
              {
                filename: 'hearing.ics',
                content: message.ics,
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ]
          : undefined,
      });
      sent++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    transport.close();
  }
  return { sent, seconds: (performance.now() - started) / 1000 };
}
