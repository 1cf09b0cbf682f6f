import { startTestSmtp, TestSmtp } from './smtp';
import { startTestApp, TestApp, TestAppOptions } from './test-app';
import { startTestWorker, TestWorker } from './worker';

/** What a test of reminders sent by email runs: the app, its worker and a loopback SMTP server. */
export interface MailingApp {
  app: TestApp;
  worker: TestWorker;
  smtp: TestSmtp;
}

/** Starts the SMTP server first, so the app and the worker send to it. */
export async function startMailingApp(options: TestAppOptions = {}): Promise<MailingApp> {
  const smtp = await startTestSmtp();
  const app = await startTestApp({ ...options, env: { SMTP_URL: smtp.url, ...options.env } });
  const worker = await startTestWorker(app);
  return { app, worker, smtp };
}

/** Stops what started (a failed start leaves some undefined): the worker's in-flight mail first. */
export async function stopMailingApp({ app, worker, smtp }: Partial<MailingApp>): Promise<void> {
  await worker?.close();
  await app?.close();
  await smtp?.close();
}
