import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dataKeyProblem } from '../crypto/data-keys';
import { passwordProblem } from '../users/password-strength';

export type Role = 'api' | 'worker';

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  /** The app's own role: reads and writes, owns nothing (with DATABASE_PASSWORD_FILE's password, if set). */
  databaseUrl: string;
  /** The role that owns the schema and runs the migrations (DATABASE_OWNER_URL); DATABASE_URL when unset. */
  databaseOwnerUrl: string;
  redisUrl: string;
  port: number;
  publicUrl: string;
  smtpUrl: string;
  mailFrom: string;
  adminEmail?: string;
  adminPassword?: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Prefix for BullMQ keys, so tests and several deployments can share one Redis. */
  queuePrefix: string;
  /** First retry delay of a failed reminder send (REMINDER_BACKOFF_MS); unset uses the built-in default. */
  reminderBackoffMs?: number;
  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (TRUST_PROXY), as
   * Express's `trust proxy` takes them; none by default, so a client cannot name its own address.
   */
  trustProxy: string[];
  /** Least level written to the log (LOG_LEVEL); `warn` by default under NODE_ENV=test. */
  logLevel: LogLevel;
  /** Bearer token a Prometheus scraper sends to GET /metrics (METRICS_TOKEN); unset turns /metrics off. */
  metricsToken?: string;
  /** The key that seals confidential fields (VIGIL_DATA_KEY or VIGIL_DATA_KEY_FILE), base64 of 32 bytes. */
  dataKey: string;
  /** Keys sealed under before a rotation, still opened (VIGIL_DATA_KEY_PREVIOUS or _FILE); see data-key:rotate. */
  previousDataKeys: string[];
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// Defaults that only make sense on a developer's machine; production must set every one of them.
const DEV_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/vigil',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  JWT_SECRET: 'dev-only-secret-change-me-dev-only-secret',
  // base64 of "dev-only-data-key-dev-only-data!": known to everyone, so nothing it seals is secret.
  VIGIL_DATA_KEY: 'ZGV2LW9ubHktZGF0YS1rZXktZGV2LW9ubHktZGF0YSE=',
} as const;

type Env = Record<string, string | undefined>;

/** Secrets may come from files (Docker secrets, a generated volume) instead of the environment. */
function readSecretFile(name: string, path: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    problems.push(`${name} "${path}" cannot be read`);
    return undefined;
  }
}

/** Reads and validates the environment; lists every problem at once instead of failing on the first. */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (got "${env.NODE_ENV}")`);
  }
  const production = nodeEnv === 'production';

  const required = (name: keyof typeof DEV_DEFAULTS): string => {
    const value = env[name]?.trim();
    if (value) {
      return value;
    }
    if (production) {
      problems.push(`${name} is required in production`);
    }
    return DEV_DEFAULTS[name];
  };

  const url = (name: string, value: string, protocols: string[]): string => {
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return value;
  };

  let databaseUrl = url('DATABASE_URL', required('DATABASE_URL'), ['postgres', 'postgresql']);
  const databasePassword = env.DATABASE_PASSWORD_FILE
    ? readSecretFile('DATABASE_PASSWORD_FILE', env.DATABASE_PASSWORD_FILE, problems)
    : undefined;
  if (databasePassword && URL.canParse(databaseUrl)) {
    const withPassword = new URL(databaseUrl);
    withPassword.password = encodeURIComponent(databasePassword);
    databaseUrl = withPassword.toString();
  }
  const databaseOwnerUrl = env.DATABASE_OWNER_URL?.trim()
    ? url('DATABASE_OWNER_URL', env.DATABASE_OWNER_URL.trim(), ['postgres', 'postgresql'])
    : databaseUrl;
  const redisUrl = url('REDIS_URL', required('REDIS_URL'), ['redis', 'rediss']);
  const smtpUrl = url('SMTP_URL', required('SMTP_URL'), ['smtp', 'smtps']);

  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535 (got "${env.PORT}")`);
  }
  const publicUrl = url('PUBLIC_URL', (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''), [
    'http',
    'https',
  ]);

  const mailFrom = env.MAIL_FROM?.trim() || 'Vigil <vigil@localhost>';
  if (!/@/.test(mailFrom)) {
    problems.push('MAIL_FROM must contain an email address, e.g. "Vigil <vigil@example.org>"');
  }

  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.ADMIN_PASSWORD_FILE
    ? readSecretFile('ADMIN_PASSWORD_FILE', env.ADMIN_PASSWORD_FILE, problems)
    : env.ADMIN_PASSWORD || undefined;
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    problems.push('ADMIN_EMAIL is not an email address');
  }
  if (adminEmail && !adminPassword) {
    problems.push('ADMIN_PASSWORD must be set when ADMIN_EMAIL is set');
  }
  const adminPasswordProblem =
    adminEmail && adminPassword ? passwordProblem(adminPassword, [adminEmail]) : undefined;
  if (adminPasswordProblem) {
    problems.push(`ADMIN_PASSWORD ${adminPasswordProblem}`);
  }

  const jwtSecret = env.JWT_SECRET_FILE
    ? (readSecretFile('JWT_SECRET_FILE', env.JWT_SECRET_FILE, problems) ?? '')
    : required('JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }

  const jwtTtlSeconds = Number(env.JWT_TTL_SECONDS ?? '900');
  if (!Number.isInteger(jwtTtlSeconds) || jwtTtlSeconds < 60 || jwtTtlSeconds > 86400) {
    problems.push('JWT_TTL_SECONDS must be a whole number of seconds from 60 to 86400');
  }

  const queuePrefix = env.QUEUE_PREFIX?.trim() || 'vigil';
  if (!/^[a-zA-Z0-9_-]+$/.test(queuePrefix)) {
    problems.push('QUEUE_PREFIX may contain only letters, digits, "_" and "-"');
  }

  const reminderBackoffMs = env.REMINDER_BACKOFF_MS ? Number(env.REMINDER_BACKOFF_MS) : undefined;
  if (reminderBackoffMs !== undefined && (!Number.isInteger(reminderBackoffMs) || reminderBackoffMs < 1)) {
    problems.push('REMINDER_BACKOFF_MS must be a whole number of milliseconds');
  }

  const trustProxy = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const badProxies = trustProxy.filter((entry) => !isProxyAddress(entry));
  if (badProxies.length > 0) {
    problems.push(
      `TRUST_PROXY must list IP addresses or subnets (e.g. "10.0.0.2" or "172.18.0.0/16"), or loopback, linklocal or uniquelocal (got "${badProxies.join('", "')}")`,
    );
  }

  const logLevel = (env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'warn' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 24) {
    problems.push('METRICS_TOKEN must be at least 24 characters');
  }

  const dataKey = env.VIGIL_DATA_KEY_FILE
    ? (readSecretFile('VIGIL_DATA_KEY_FILE', env.VIGIL_DATA_KEY_FILE, problems) ?? '')
    : required('VIGIL_DATA_KEY');
  const dataKeyName = env.VIGIL_DATA_KEY_FILE ? 'VIGIL_DATA_KEY_FILE' : 'VIGIL_DATA_KEY';
  const dataKeyTrouble = dataKey ? dataKeyProblem(dataKey) : undefined;
  if (dataKeyTrouble) {
    problems.push(`${dataKeyName} ${dataKeyTrouble}: generate one with "openssl rand -base64 32"`);
  }
  const previousText = env.VIGIL_DATA_KEY_PREVIOUS_FILE
    ? (readSecretFile('VIGIL_DATA_KEY_PREVIOUS_FILE', env.VIGIL_DATA_KEY_PREVIOUS_FILE, problems) ?? '')
    : (env.VIGIL_DATA_KEY_PREVIOUS ?? '');
  const previousDataKeys = previousText
    .split(/[\s,]+/)
    .map((key) => key.trim())
    .filter(Boolean);
  previousDataKeys.forEach((key, index) => {
    const trouble = dataKeyProblem(key);
    if (trouble) {
      problems.push(`VIGIL_DATA_KEY_PREVIOUS's key ${index + 1} ${trouble}`);
    }
  });

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    nodeEnv,
    databaseUrl,
    databaseOwnerUrl,
    redisUrl,
    port,
    publicUrl,
    smtpUrl,
    mailFrom,
    adminEmail,
    adminPassword,
    jwtSecret,
    jwtTtlSeconds,
    queuePrefix,
    reminderBackoffMs,
    trustProxy,
    logLevel,
    metricsToken,
    dataKey: dataKey.trim(),
    previousDataKeys,
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a subnet in CIDR notation, or one of Express's names for a range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) {
    return true;
  }
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
