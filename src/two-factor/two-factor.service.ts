import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { conflict, DomainError } from '../common/domain-error';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { checkTotp, newTotpSecret, totpUri } from './totp';
import { dataKeysOf } from '../crypto/sealed-connection';

/** From a right password to the second factor: five minutes to type a code or to enrol. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** What a right password leads to: nothing more, a code, or enrolment first. */
export type SecondFactorStep = 'none' | 'code' | 'enrol';

/** One rule: an enrolled user always gives a code; one who must but has none enrols first. */
export const secondFactorStep = (facts: { enrolled: boolean; required: boolean }): SecondFactorStep =>
  facts.enrolled ? 'code' : facts.required ? 'enrol' : 'none';

/** A sign-in whose password was right, waiting for its second factor. */
export interface PendingSignIn {
  user: AuthUser;
  sessionVersion: number;
  step: Exclude<SecondFactorStep, 'none'>;
}

/** What an authenticator app needs; shown once, while enrolment is unconfirmed, and never again. */
export interface EnrolmentStart {
  secret: string;
  otpauthUrl: string;
  /** The otpauth address as a QR code: an SVG image in a data: URL, made on the server. */
  qrCode: string;
}

/** Why a code was refused, for the audit log. */
export type CodeRefusal = 'wrong code' | 'code already used' | 'wrong recovery code' | 'not enrolling';

export type CodeCheck =
  | { ok: true; method: 'totp' | 'recovery code' | 'enrolment'; recoveryCodes?: string[] }
  | { ok: false; reason: CodeRefusal };

export interface TwoFactorStatus {
  enrolled: boolean;
  /** Required of this user, by their own flag or the organisation's setting. */
  required: boolean;
  requiredByOrganisation: boolean;
  recoveryCodesLeft: number;
}

interface FactorRow {
  secret: string;
  confirmed: boolean;
  lastTimeStep: string | null;
  recoveryCodeHashes: string[];
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

const expired = (): DomainError =>
  new DomainError('UNAUTHENTICATED', 'This sign-in has expired: sign in with your password again', [
    { field: 'challenge', problem: 'is unknown or has expired' },
  ]);

/**
 * Two-factor sign-in: enrolment with an authenticator app, codes and recovery codes, the per-user and
 * organisation-wide requirement, and the challenges that stand between a right password and a token.
 * The secret is read only here and leaves only in the answer that starts an enrolment.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(userId: string): Promise<TwoFactorStatus> {
    const [row] = (await this.dataSource.query(
      `SELECT f.confirmed_at IS NOT NULL AS enrolled,
              u.require_two_factor OR s.require_two_factor AS required,
              s.require_two_factor AS "requiredByOrganisation",
              CASE WHEN f.confirmed_at IS NULL THEN 0 ELSE cardinality(f.recovery_code_hashes) END AS "recoveryCodesLeft"
         FROM users u CROSS JOIN security_settings s
         LEFT JOIN second_factors f ON f.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    )) as Array<{
      enrolled: boolean | null;
      required: boolean;
      requiredByOrganisation: boolean;
      recoveryCodesLeft: number;
    }>;
    return { ...row, enrolled: row.enrolled === true };
  }

  /** Several users at once, for the admins' list of users. */
  async enrolledAmong(userIds: string[]): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      'SELECT user_id AS "userId" FROM second_factors WHERE user_id = ANY($1::uuid[]) AND confirmed_at IS NOT NULL',
      [userIds],
    )) as Array<{ userId: string }>;
    return new Set(rows.map((row) => row.userId));
  }

  /** After a right password: a challenge to present with the code, unless no second factor applies. */
  async challengeAfterPassword(
    user: AuthUser,
    sessionVersion: number,
  ): Promise<{ step: Exclude<SecondFactorStep, 'none'>; challenge: string; expiresIn: number } | undefined> {
    const step = secondFactorStep(await this.status(user.id));
    if (step === 'none') {
      return undefined;
    }
    const challenge = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM sign_in_challenges WHERE expires_at < $1', [now]);
      await manager.query(
        `INSERT INTO sign_in_challenges (token_hash, user_id, session_version, expires_at) VALUES ($1, $2, $3, $4)`,
        [sha256(challenge), user.id, sessionVersion, new Date(now.getTime() + CHALLENGE_TTL_MS)],
      );
    });
    return { step, challenge, expiresIn: CHALLENGE_TTL_MS / 1000 };
  }

  /** The pending sign-in a challenge stands for, if it is still good and its user has not changed since. */
  async pendingSignIn(challenge: unknown): Promise<PendingSignIn> {
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 100) {
      throw expired();
    }
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.role, c.session_version AS "sessionVersion", c.expires_at AS "expiresAt"
         FROM sign_in_challenges c
         JOIN users u ON u.id = c.user_id AND u.active AND u.session_version = c.session_version
        WHERE c.token_hash = $1`,
      [sha256(challenge)],
    )) as Array<AuthUser & { sessionVersion: number; expiresAt: Date }>;
    if (!row || row.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw expired();
    }
    const { sessionVersion, expiresAt: _expiresAt, ...user } = row;
    const step = secondFactorStep(await this.status(user.id));
    if (step === 'none') {
      // Reset by an admin and no longer required while the code was being typed: start again.
      throw expired();
    }
    return { user, sessionVersion, step };
  }

  /** A challenge is used once: after the second factor it is gone. */
  async endChallenge(challenge: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_challenges WHERE token_hash = $1', [sha256(challenge)]);
  }

  /**
   * A new secret for the user's authenticator app, replacing any enrolment not yet confirmed. A
   * confirmed second factor is never replaced this way (nor shown again): an admin resets it first.
   */
  async startEnrolment(
    user: Pick<AuthUser, 'id' | 'email'>,
    { fresh }: { fresh: boolean } = { fresh: true },
  ): Promise<EnrolmentStart> {
    if (!fresh) {
      // A page shown again (a wrong first code, a reload) keeps the secret already scanned.
      const [pending] = (await this.dataSource.query(
        'SELECT secret FROM second_factors WHERE user_id = $1 AND confirmed_at IS NULL',
        [user.id],
      )) as Array<{ secret: string }>;
      if (pending) {
        return this.enrolmentFor(user, pending.secret);
      }
    }
    const secret = newTotpSecret();
    const rows = (await this.dataSource.query(
      `INSERT INTO second_factors (user_id, secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = clock_timestamp()
         WHERE second_factors.confirmed_at IS NULL
       RETURNING user_id`,
      // Sealed at rest like contacts: a dump alone must not give anyone the codes.
      [user.id, dataKeysOf(this.dataSource).seal(secret)],
    )) as unknown[];
    if (rows.length === 0) {
      throw conflict('Two-factor sign-in is already set up; an admin can reset it', [
        { field: 'secondFactor', problem: 'is already enrolled' },
      ]);
    }
    return this.enrolmentFor(user, secret);
  }

  private async enrolmentFor(user: Pick<AuthUser, 'email'>, secret: string): Promise<EnrolmentStart> {
    const otpauthUrl = totpUri(secret, user.email);
    const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  /**
   * Checks a second factor: during enrolment, the first code from the app (which confirms it and makes
   * the recovery codes, returned once); after it, at sign-in only, a code or a recovery code. The row is locked, so two
   * requests with one code cannot both succeed.
   */
  async checkCode(user: AuthUser, code: string, purpose: 'sign-in' | 'enrolment'): Promise<CodeCheck> {
    return this.dataSource.transaction(async (manager) => {
      const factor = await this.lockedFactor(manager, user.id);
      if (!factor) {
        return { ok: false, reason: 'not enrolling' };
      }
      const now = this.clock.now();
      if (!factor.confirmed) {
        return this.confirm(manager, user, factor, code, now);
      }
      if (purpose === 'enrolment') {
        throw conflict('Two-factor sign-in is already set up', [
          { field: 'code', problem: 'there is no enrolment to confirm' },
        ]);
      }
      if (looksLikeRecoveryCode(code)) {
        const hash = hashRecoveryCode(code);
        if (!factor.recoveryCodeHashes.includes(hash)) {
          return { ok: false, reason: 'wrong recovery code' };
        }
        await manager.query(
          'UPDATE second_factors SET recovery_code_hashes = array_remove(recovery_code_hashes, $2) WHERE user_id = $1',
          [user.id, hash],
        );
        return { ok: true, method: 'recovery code' };
      }
      const lastStep = factor.lastTimeStep === null ? null : Number(factor.lastTimeStep);
      const checked = checkTotp(factor.secret, code, now, lastStep);
      if (!checked.ok) {
        return checked;
      }
      await manager.query('UPDATE second_factors SET last_time_step = $2 WHERE user_id = $1', [
        user.id,
        checked.timeStep,
      ]);
      return { ok: true, method: 'totp' };
    });
  }

  /**
   * An admin's reset (or an operator's, from the command line, with no actor): the user signs in with
   * the password alone, or enrols again if it is required of them.
   */
  async reset(actor: AuditActor | null, userId: string): Promise<TwoFactorStatus> {
    await this.dataSource.transaction(async (manager) => {
      const found = (await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [
        userId,
      ])) as unknown[];
      if (found.length === 0) {
        throw new DomainError('NOT_FOUND', `User ${userId} was not found`);
      }
      const removed = (await manager.query(
        `DELETE FROM second_factors WHERE user_id = $1
         RETURNING confirmed_at AS "confirmedAt", cardinality(recovery_code_hashes) AS "recoveryCodesLeft"`,
        [userId],
      )) as [Array<{ confirmedAt: Date | null; recoveryCodesLeft: number }>, number];
      const before = removed[0][0];
      // Whoever holds the lost phone or the old sessions is out: every session of the user ends.
      await manager.query('UPDATE users SET session_version = session_version + 1 WHERE id = $1', [userId]);
      await manager.query('DELETE FROM sign_in_challenges WHERE user_id = $1', [userId]);
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'second_factor',
        entityId: userId,
        before: before ?? null,
        context: { reason: actor ? 'reset by an admin' : 'reset from the command line' },
      });
    });
    return this.status(userId);
  }

  /** For the operator whose only admin lost their phone and recovery codes: `cli user:reset-two-factor`. */
  async resetByEmail(email: string): Promise<void> {
    const [user] = (await this.dataSource.query('SELECT id FROM users WHERE email = $1', [
      email.trim().toLowerCase(),
    ])) as Array<{ id: string }>;
    if (!user) {
      throw new DomainError('NOT_FOUND', `No user has the email ${email}`);
    }
    await this.reset(null, user.id);
  }

  async organisationRequirement(): Promise<{ requireTwoFactor: boolean }> {
    const [row] = (await this.dataSource.query(
      'SELECT require_two_factor AS "requireTwoFactor" FROM security_settings WHERE id = 1',
    )) as Array<{ requireTwoFactor: boolean }>;
    return row;
  }

  /**
   * The organisation-wide requirement. Turning it on signs out everyone who has no second factor yet,
   * so each is sent to enrolment at their next sign-in; the admin turning it on must have one first.
   */
  async setOrganisationRequirement(
    actor: AuditActor,
    requireTwoFactor: boolean,
  ): Promise<{ requireTwoFactor: boolean }> {
    if (requireTwoFactor && !(await this.status(actor.id)).enrolled) {
      throw conflict('Set up your own two-factor sign-in before requiring it of everyone', [
        { field: 'requireTwoFactor', problem: 'needs your own second factor first' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const [[before]] = (await manager.query(
        `UPDATE security_settings s SET require_two_factor = $1
           FROM (SELECT require_two_factor FROM security_settings WHERE id = 1 FOR UPDATE) old
          WHERE s.id = 1 RETURNING old.require_two_factor AS "requireTwoFactor"`,
        [requireTwoFactor],
      )) as [[{ requireTwoFactor: boolean }], number];
      if (requireTwoFactor && !before.requireTwoFactor) {
        await manager.query(
          `UPDATE users u SET session_version = session_version + 1
            WHERE NOT EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL)`,
        );
      }
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'security_settings',
        before,
        after: { requireTwoFactor },
      });
      return { requireTwoFactor };
    });
  }

  private async lockedFactor(manager: EntityManager, userId: string): Promise<FactorRow | undefined> {
    const [row] = (await manager.query(
      `SELECT secret, confirmed_at IS NOT NULL AS confirmed, last_time_step AS "lastTimeStep",
              recovery_code_hashes AS "recoveryCodeHashes"
         FROM second_factors WHERE user_id = $1 FOR UPDATE`,
      [userId],
    )) as FactorRow[];
    return row;
  }

  /** The first valid code from the app confirms the enrolment; the ten recovery codes are made now. */
  private async confirm(
    manager: EntityManager,
    user: AuthUser,
    factor: FactorRow,
    code: string,
    now: Date,
  ): Promise<CodeCheck> {
    const checked = checkTotp(factor.secret, code, now, null);
    if (!checked.ok) {
      return checked;
    }
    const recoveryCodes = newRecoveryCodes();
    await manager.query(
      `UPDATE second_factors SET confirmed_at = $2, last_time_step = $3, recovery_code_hashes = $4
        WHERE user_id = $1`,
      [user.id, now, checked.timeStep, recoveryCodes.map(hashRecoveryCode)],
    );
    await this.audit.record(manager, {
      actor: user,
      action: 'create',
      entity: 'second_factor',
      entityId: user.id,
      after: { kind: 'totp', recoveryCodes: recoveryCodes.length },
    });
    return { ok: true, method: 'enrolment', recoveryCodes };
  }
}
