import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACT_PATHS, scrubLogArguments, scrubText } from './redact';

describe('scrubText', () => {
  it('removes email addresses, bearer tokens, secrets written as key=value and URL credentials', () => {
    expect(scrubText('Created the first admin, first.admin+x@example.org')).toBe(
      'Created the first admin, [email]',
    );
    expect(scrubText('Recipient асель@пример.рф refused')).toBe('Recipient [email] refused');
    expect(scrubText('Authorization: Bearer eyJhbGciOi.JIUzI1.NiIsIn-R5c_CI6')).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(scrubText('login failed: password=hunter2hunter2 token: "abc.def"')).toBe(
      'login failed: password=[redacted] token: "[redacted]"',
    );
    expect(scrubText('connect smtps://vigil:s3cret@smtp.example.org:465 failed')).toBe(
      'connect smtps://[redacted]@smtp.example.org:465 failed',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'Reconcile: re-enqueued 3 of 40 pending reminders at 2026-01-15T09:00:00.000Z';
    expect(scrubText(text)).toBe(text);
  });
});

describe('log redaction in pino', () => {
  const capture = () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(
      {
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        hooks: {
          logMethod(args, method) {
            method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
          },
        },
      },
      stream,
    );
    return { logger, output: () => lines.join('') };
  };

  it('censors secret fields at any depth and scrubs messages and errors', () => {
    const { logger, output } = capture();
    logger.info(
      {
        user: { email: 'someone@example.org', password: 'correct horse battery' },
        body: { defender: { contacts: 'wife: +91 98765 43210' }, accessToken: 'tok.en.value' },
        req: { headers: { authorization: 'Bearer abc', cookie: 'vigil_session=xyz' } },
      },
      'Signed in someone@example.org',
    );
    logger.error(new Error('SMTP refused someone@example.org'));
    const text = output();
    for (const secret of [
      'someone@example.org',
      'correct horse',
      '98765',
      'tok.en.value',
      'Bearer abc',
      'xyz',
    ]) {
      expect(text).not.toContain(secret);
    }
    const [first, second] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      msg: 'Signed in [email]',
      user: { email: '[redacted]', password: '[redacted]' },
      body: { defender: { contacts: '[redacted]' }, accessToken: '[redacted]' },
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
    });
    expect(second).toMatchObject({ msg: 'SMTP refused [email]', err: { message: 'SMTP refused [email]' } });
  });
});
