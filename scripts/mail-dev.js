// `npm run mail:dev`: a mail catcher for development without Docker. It accepts every message on
// 127.0.0.1:1025 (Vigil's default SMTP_URL), keeps each one as an .eml file (open it in any mail
// program) and prints a line per message. Development only: it stores real reminders in plain files.
const { Buffer } = require('node:buffer');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { SMTPServer } = require('smtp-server');

const port = Number(process.env.MAIL_DEV_PORT ?? 1025);
const dir = resolve(process.env.MAIL_DEV_DIR ?? 'tmp/mail');
mkdirSync(dir, { recursive: true, mode: 0o700 });

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const headers = raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0];
      const subject =
        /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '';
      count += 1;
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`);
      writeFileSync(file, raw, { mode: 0o600 });
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      process.stdout.write(`mail ${count}: to ${to} — ${subject} (${file})\n`);
      callback();
    });
  },
});

server.on('error', (error) => process.stderr.write(`mail:dev: ${error.message}\n`));
server.listen(port, '127.0.0.1', () =>
  process.stdout.write(`mail:dev: catching mail on smtp://127.0.0.1:${port}, saving it in ${dir}\n`),
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
