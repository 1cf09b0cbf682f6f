// What never reaches a log line: passwords, tokens, cookies, defenders' contacts and email addresses.
// Structured fields are censored by path (pino's redact); free text (messages, error stacks) is
// scrubbed by scrubText.

const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'authorization',
  'cookie',
  'contacts',
  'email',
  'to',
  'cc',
  'bcc',
  'recipients',
];

/** pino redact paths: each secret key at the top and up to three levels down, and HTTP headers. */
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export const REDACTED = '[redacted]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const BEARER = /\b(Bearer)\s+[\w.~+/=-]+/gi;
const SECRET_ASSIGNMENT = /\b(password|token|secret|cookie)(["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi;
const URL_CREDENTIALS = /(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g;

// A feed is served at /calendar/<token>.ics, and the token is its only credential.
const FEED_PATH = /\/calendar\/[^/?#\s]+/g;

/** A request path fit for a log line: a calendar feed's token replaced. */
export const loggablePath = (path: string): string => path.replace(FEED_PATH, `/calendar/${REDACTED}`);

/** Free text with email addresses, bearer tokens, calendar feed tokens, `password=…`-style values and URL credentials removed. */
export function scrubText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(FEED_PATH, `/calendar/${REDACTED}`)
    .replace(EMAIL, '[email]')
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, `$1$2${REDACTED}`);
}

/** A log call's arguments with their free text scrubbed: strings, and the strings of plain objects and errors. */
export function scrubLogArguments(args: unknown[]): unknown[] {
  return args.map((arg) => scrubValue(arg, 0));
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return scrubText(value);
  }
  if (value instanceof Error) {
    // A copy, so the error the caller still holds keeps its text.
    const copy = new Error(scrubText(value.message));
    copy.name = value.name;
    copy.stack = value.stack && scrubText(value.stack);
    return copy;
  }
  if (
    depth < 2 &&
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, scrubValue(inner, depth + 1)]),
    );
  }
  return value;
}
