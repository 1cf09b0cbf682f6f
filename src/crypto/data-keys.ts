import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Confidential fields are sealed by the app with AES-256-GCM before they reach PostgreSQL, so a dump
// or a backup alone does not reveal them. A sealed value is text that names the key that sealed it:
//
//   vigil-sealed:v1:<key id>:<base64url of 12-byte nonce | ciphertext | 16-byte tag>
//
// The key id is a fingerprint of the key, so a rotation can find every value still sealed under an
// old key, and a process started with the wrong key can say which key the database expects.
// What is sealed is the JSON text of the value: a string field and a jsonb array seal the same way.

const FORMAT = 'vigil-sealed:v1:';
const SEALED = /^vigil-sealed:v1:([0-9a-f]{16}):([A-Za-z0-9_-]+)$/;
/** A sealed value as a JSON string inside JSON text (a jsonb column cast to text). */
const SEALED_IN_JSON = /"(vigil-sealed:v1:[0-9a-f]{16}:[A-Za-z0-9_-]+)"/g;
// A file's bytes are sealed as bytes (a bytea column), not as JSON text: the same cipher, behind a
// prefix that names the key: `vigil-sealed-bytes:v1:<key id>:` then nonce | ciphertext | tag.
export const BYTES_FORMAT = 'vigil-sealed-bytes:v1:';
const BYTES_HEADER = BYTES_FORMAT.length + 17;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** A sealed value that cannot be opened: tampered with, or sealed under a key this process lacks. */
export class DataKeyError extends Error {}

export const dataKeyId = (secret: Buffer): string =>
  createHash('sha256').update('vigil data key\0').update(secret).digest('hex').slice(0, 16);

/** Whether a stored value is in the sealed form (whether or not this process can open it). */
export const isSealed = (value: unknown): value is string => typeof value === 'string' && SEALED.test(value);

/** The id of the key a sealed value was sealed under. */
export const sealedKeyId = (value: string): string | undefined => SEALED.exec(value)?.[1];

/** A problem with a base64 key as configured, or undefined when it is 32 bytes of base64. */
export function dataKeyProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && !/^[A-Za-z0-9_-]+$/.test(trimmed)) {
    return 'is not base64';
  }
  const bytes = Buffer.from(trimmed, 'base64').length;
  return bytes === DATA_KEY_BYTES
    ? undefined
    : `must be ${DATA_KEY_BYTES} bytes of base64 (got ${bytes} bytes)`;
}

export const decodeDataKey = (text: string): Buffer => Buffer.from(text.trim(), 'base64');

/** A new random key, as VIGIL_DATA_KEY takes it. */
export const generateDataKey = (): string => randomBytes(DATA_KEY_BYTES).toString('base64');

/**
 * The keys of one process: the current one seals, every one of them opens. Retired keys (found in
 * the database, wrapped under a live one) are added once read.
 */
export class DataKeys {
  readonly currentId: string;
  private readonly byId = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const secret of [current, ...previous]) {
      this.add(secret);
    }
    this.currentId = dataKeyId(current);
  }

  add(secret: Buffer): string {
    if (secret.length !== DATA_KEY_BYTES) {
      throw new DataKeyError(`A data key must be ${DATA_KEY_BYTES} bytes`);
    }
    const id = dataKeyId(secret);
    this.byId.set(id, secret);
    return id;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The key itself, to wrap it under the current key when it is retired. */
  secret(id: string): Buffer {
    const secret = this.byId.get(id);
    if (!secret) {
      throw new DataKeyError(`No data key with id ${id}`);
    }
    return secret;
  }

  seal(value: unknown, keyId: string = this.currentId): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.secret(keyId), nonce);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${FORMAT}${keyId}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** A file's content sealed under the current key (or `keyId`). */
  sealBytes(content: Buffer, keyId: string = this.currentId): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.secret(keyId), nonce);
    const body = Buffer.concat([cipher.update(content), cipher.final()]);
    return Buffer.concat([
      Buffer.from(`${BYTES_FORMAT}${keyId}:`, 'latin1'),
      nonce,
      body,
      cipher.getAuthTag(),
    ]);
  }

  /** The key id of sealed bytes, or undefined when they are not sealed. */
  static sealedBytesKeyId(content: Buffer): string | undefined {
    const header = content.subarray(0, BYTES_HEADER).toString('latin1');
    const match = /^vigil-sealed-bytes:v1:([0-9a-f]{16}):$/.exec(header);
    return match?.[1];
  }

  /** The bytes sealBytes was given; bytes not in the sealed form are returned as they are. */
  openBytes(content: Buffer): Buffer {
    const keyId = DataKeys.sealedBytesKeyId(content);
    if (!keyId) {
      return content;
    }
    const secret = this.byId.get(keyId);
    if (!secret) {
      throw new DataKeyError(
        `A file is sealed under data key ${keyId}, which this process does not have: set VIGIL_DATA_KEY (or VIGIL_DATA_KEY_PREVIOUS) to that key`,
      );
    }
    const bytes = content.subarray(BYTES_HEADER);
    try {
      const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new DataKeyError(`A file sealed under data key ${keyId} fails its integrity check`);
    }
  }

  /** The value a sealed text was made from; anything not in the sealed form is returned as it is. */
  open(value: string): unknown {
    const match = SEALED.exec(value);
    if (!match) {
      return value;
    }
    const [, keyId, payload] = match;
    const secret = this.byId.get(keyId);
    if (!secret) {
      throw new DataKeyError(
        `A value is sealed under data key ${keyId}, which this process does not have: set VIGIL_DATA_KEY (or VIGIL_DATA_KEY_PREVIOUS) to that key`,
      );
    }
    const bytes = Buffer.from(payload, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      throw new DataKeyError(`A value sealed under data key ${keyId} fails its integrity check`);
    }
  }

  /**
   * A text column's value opened: a sealed value whole, or the sealed strings inside JSON text (a
   * query that hands jsonb on as text); inside that, what does not open is left as it is. Other
   * text (a row cast to text) is left as stored.
   */
  openText(value: string): unknown {
    if (SEALED.test(value)) {
      return this.open(value);
    }
    // Only JSON text: in other text (a row cast to text) quotes are escaped differently.
    if (!/^[[{]/.test(value) || !value.includes('"vigil-sealed:v1:')) {
      return value;
    }
    return value.replace(SEALED_IN_JSON, (quoted, sealed: string) => {
      try {
        return JSON.stringify(this.open(sealed));
      } catch {
        return quoted;
      }
    });
  }

  /** Opens every sealed string inside a JSON value (an audit row's before/after, a jsonb column). */
  openDeep(value: unknown): unknown {
    if (typeof value === 'string') {
      return this.open(value);
    }
    if (Array.isArray(value)) {
      return value.map((item) => this.openDeep(item));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.openDeep(item)]));
    }
    return value;
  }
}

/** The keys a validated configuration names (config/app-config.ts checked their form). */
export const dataKeysFrom = (config: { dataKey: string; previousDataKeys: readonly string[] }): DataKeys =>
  new DataKeys(decodeDataKey(config.dataKey), config.previousDataKeys.map(decodeDataKey));
