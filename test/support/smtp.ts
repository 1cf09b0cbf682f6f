import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string;
  subject: string;
  header(name: string): string | undefined;
  receivedAt: number;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** While on, every recipient is refused with a temporary 451 whose text quotes the address, as real servers do. */
  refusing: boolean;
  /**
   * Addresses (lower case) whose messages are refused after DATA with the given reply code (4xx
   * for a while, 5xx for good), the text quoting the address; each refused message is kept in `rejected`.
   */
  refuseAddresses: Map<string, number>;
  rejected: ReceivedMail[];
  /** How long the server sits on a message before accepting it (to catch a worker mid-send). */
  acceptDelayMs: number;
  /** Resolves when at least `count` messages have arrived (and fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves once a message's data has been received and is being held (acceptDelayMs). */
  waitForHeld(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=) back to text. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parse(raw: string, session: SMTPServerSession): ReceivedMail {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string): string | undefined => {
    const match = head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
    return match ? decodeWords(match[1].trim()) : undefined;
  };
  return {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
    raw,
    messageId: header('Message-ID') ?? '',
    subject: header('Subject') ?? '',
    header,
    receivedAt: Date.now(),
  };
}

/** A real SMTP server on loopback, on a random port, that keeps what it accepts. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const rejected: ReceivedMail[] = [];
  const refuseAddresses = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const heldWaiters: (() => void)[] = [];
  const notify = (list: (() => void)[]) => list.splice(0).forEach((wake) => wake());
  const state = { refusing: false, acceptDelayMs: 0 };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refusing) {
        const error = Object.assign(new Error(`4.2.1 Mailbox <${address.address}> busy, try again later`), {
          responseCode: 451,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = parse(Buffer.concat(chunks).toString('utf8'), session);
        const refusedTo = mail.to.find((address) => refuseAddresses.has(address.toLowerCase()));
        if (refusedTo) {
          const code = refuseAddresses.get(refusedTo.toLowerCase()) as number;
          rejected.push(mail);
          const text =
            code >= 500
              ? `5.1.1 <${refusedTo}>: mailbox unavailable`
              : `4.2.1 <${refusedTo}>: try again later`;
          return callback(Object.assign(new Error(text), { responseCode: code }));
        }
        const accept = () => {
          messages.push(mail);
          notify(waiters);
          callback();
        };
        if (state.acceptDelayMs > 0) {
          notify(heldWaiters);
          setTimeout(accept, state.acceptDelayMs);
        } else {
          accept();
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const until = (check: () => boolean, list: (() => void)[], timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), timeoutMs);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else {
          list.push(test);
        }
      };
      test();
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejected,
    refuseAddresses,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    get acceptDelayMs() {
      return state.acceptDelayMs;
    },
    set acceptDelayMs(value: number) {
      state.acceptDelayMs = value;
    },
    waitFor: async (count, timeoutMs = 20_000) => {
      await until(
        () => messages.length >= count,
        waiters,
        timeoutMs,
        `${count} message(s), have ${messages.length}`,
      );
      return messages;
    },
    waitForHeld: (timeoutMs = 20_000) => {
      let held = false;
      heldWaiters.push(() => (held = true));
      return until(() => held, heldWaiters, timeoutMs, 'a message to be held');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of every part of a message (headers of the message itself left out). */
export function bodyText(mail: ReceivedMail): string {
  const body = mail.raw.slice(mail.raw.search(/\r?\n\r?\n/));
  return body
    .split(/\r?\n--[^\r\n]+/)
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const content = rest.join('\n\n');
      if (/Content-Transfer-Encoding: base64/i.test(head)) {
        return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
      if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
        return Buffer.from(
          content
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8');
      }
      return content;
    })
    .join('\n');
}
