import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../common/domain-error';
import { CodeRefusal, PendingSignIn, TwoFactorService } from '../two-factor/two-factor.service';
import { SignInRefusal, UsersService } from '../users/users.service';
import { WebSession } from '../web/web-session.entity';
import { AuthUser } from './auth-user';
import { LockedBy } from './sign-in-limiter';
import { SignInLimiter } from './sign-in-limiter.service';

interface TokenClaims {
  sub: string;
  /** The user's session version when the token was issued (see UsersService.findActiveAuthUser). */
  ver: number;
}

/** The web pages' session cookie: an opaque random token; the server keeps only its SHA-256. */
export const WEB_SESSION_COOKIE = 'vigil_session';
/** A working day: after it the browser signs in again. */
export const WEB_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface WebSessionStart {
  token: string;
  expiresAt: Date;
  user: AuthUser;
}

export interface WebSessionUser {
  sessionId: string;
  user: AuthUser;
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A cookie rides along on any request the browser makes, so a state-changing request authenticated
 * by the session cookie must come from our own pages: browsers send Origin on every POST, PUT and
 * DELETE, and it must name this host. (SameSite=Lax already keeps the cookie off cross-site posts.)
 */
function sameOriginOrSafe(request: Request): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    return true;
  }
  const origin = request.headers.origin;
  if (!origin) {
    return false;
  }
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Where a sign-in came from, for the limiter and the audit log. */
export interface SignInContext {
  ip?: string;
  via: 'api' | 'web';
}

interface CheckedSignIn {
  user: AuthUser;
  sessionVersion: number;
}

// The email tried is recorded as the client sent it, within reason: a long or odd string is not an
// email anyone has, and may be a password typed into the wrong field.
const LOOKS_LIKE_EMAIL = /^[^@\s]{1,64}@[^@\s]{1,190}$/;

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser;
}

/**
 * A right password of a user who must also give a second factor: no token yet, a challenge to send
 * with the code (`code`), or to enrol with first (`enrol`).
 */
export interface SecondFactorChallenge {
  secondFactor: 'code' | 'enrol';
  challenge: string;
  expiresIn: number;
}

/** A sign-in completed by its second factor; the recovery codes come once, with the enrolment. */
export interface SecondFactorPassed {
  user: AuthUser;
  sessionVersion: number;
  method: 'totp' | 'recovery code' | 'enrolment';
  recoveryCodes?: string[];
}

const asChallenge = (pending: { step: 'code' | 'enrol'; challenge: string; expiresIn: number }) => ({
  secondFactor: pending.step,
  challenge: pending.challenge,
  expiresIn: pending.expiresIn,
});

@Injectable()
export class AuthService {
  constructor(
    private readonly signInLimiter: SignInLimiter,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** A token for a right password, or, for a user with a second factor, only a challenge for it. */
  async login(email: string, password: string, ip?: string): Promise<LoginResult | SecondFactorChallenge> {
    const { user, sessionVersion } = await this.checkPassword(email, password, { ip, via: 'api' });
    const pending = await this.twoFactor.challengeAfterPassword(user, sessionVersion);
    if (pending) {
      return asChallenge(pending);
    }
    return this.issueToken({ user, sessionVersion }, { ip });
  }

  /** The second step of an API sign-in: the challenge and a code (or recovery code) give the token. */
  async loginWithSecondFactor(
    challenge: string,
    code: string,
    ip?: string,
  ): Promise<LoginResult & { recoveryCodes?: string[] }> {
    const passed = await this.checkSecondFactor(challenge, code, { ip, via: 'api' });
    const { recoveryCodes } = passed;
    return {
      ...(await this.issueToken(passed, { ip, secondFactor: passed.method })),
      ...(recoveryCodes ? { recoveryCodes } : {}),
    };
  }

  private async issueToken(
    { user, sessionVersion }: { user: AuthUser; sessionVersion: number },
    context: { ip?: string; secondFactor?: SecondFactorPassed['method'] },
  ): Promise<LoginResult> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: user,
        action: 'login',
        entity: 'user',
        entityId: user.id,
        context,
      }),
    );
    const accessToken = await this.jwt.signAsync({ sub: user.id, ver: sessionVersion } satisfies TokenClaims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, user };
  }

  /** The sign-in a challenge stands for, while it is good. */
  pendingSignIn(challenge: string): Promise<PendingSignIn> {
    return this.twoFactor.pendingSignIn(challenge);
  }

  /** The user a challenge stands for, when they must enrol before their first code. */
  async pendingEnrolment(challenge: string): Promise<PendingSignIn> {
    const pending = await this.twoFactor.pendingSignIn(challenge);
    if (pending.step !== 'enrol') {
      throw new DomainError('CONFLICT', 'Two-factor sign-in is already set up: send a code', [
        { field: 'challenge', problem: 'is for a code, not an enrolment' },
      ]);
    }
    return pending;
  }

  /**
   * The second factor of the API and the web pages, behind the same limiter as passwords: wrong codes
   * count against the account (under a key of their own, so a right password does not clear them)
   * and the address, and each is audited as a failed sign-in with its reason.
   */
  async checkSecondFactor(
    challenge: string,
    code: string,
    context: SignInContext,
  ): Promise<SecondFactorPassed> {
    const pending = await this.twoFactor.pendingSignIn(challenge);
    const key = `second-factor:${pending.user.id}`;
    const now = this.clock.now().getTime();
    const attempt = await this.signInLimiter.attempt(key, context.ip, now);
    if (attempt.waitMs > 0) {
      const minutes = Math.ceil(attempt.waitMs / 60_000);
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Too many wrong codes: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
    const checked = await this.twoFactor.checkCode(pending.user, code, 'sign-in');
    if (!checked.ok) {
      await this.auditFailedSignIn(
        pending.user.email,
        context,
        checked.reason,
        pending.user.id,
        attempt.usedUp,
      );
      throw new DomainError('UNAUTHENTICATED', 'That code is not right, or was used already', [
        { field: 'code', problem: 'is wrong or was used already' },
      ]);
    }
    await attempt.succeeded();
    await this.twoFactor.endChallenge(challenge);
    return {
      user: pending.user,
      sessionVersion: pending.sessionVersion,
      method: checked.method,
      recoveryCodes: checked.recoveryCodes,
    };
  }

  /** The one password check of the API and the web pages, behind the sign-in limiter. */
  private async checkPassword(
    email: string,
    password: string,
    context: SignInContext,
  ): Promise<CheckedSignIn> {
    const now = this.clock.now().getTime();
    const attempt = await this.signInLimiter.attempt(email, context.ip, now);
    if (attempt.waitMs > 0) {
      // Not audited one by one: these cost an attacker nothing, and the failure that set off the
      // lock is already in the log, saying so.
      const minutes = Math.ceil(attempt.waitMs / 60_000);
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      );
    }
    const checked = await this.users.verifyCredentials(email, password);
    if (!checked.ok) {
      await this.auditFailedSignIn(email, context, checked.reason, checked.userId, attempt.usedUp);
      throw new DomainError('UNAUTHENTICATED', 'Wrong email or password, or the account is deactivated');
    }
    await attempt.succeeded();
    return checked;
  }

  /** A refused sign-in: the address, the account tried and why (never the password tried). */
  private async auditFailedSignIn(
    email: string,
    { ip, via }: SignInContext,
    reason: SignInRefusal | CodeRefusal,
    userId: string | undefined,
    locked: LockedBy[],
  ): Promise<void> {
    const tried = email.trim().toLowerCase();
    await this.audit.record(this.dataSource.manager, {
      actor: null,
      action: 'login_failed',
      entity: 'user',
      entityId: userId ?? null,
      context: {
        ip,
        via,
        email: LOOKS_LIKE_EMAIL.test(tried) ? tried : null,
        reason,
        ...(locked.length > 0 ? { locked } : {}),
      },
    });
  }

  /** Resolves a bearer token to an active user; an unknown, expired or deactivated one resolves to nothing. */
  async authenticateRequest(request: Request): Promise<AuthUser | undefined> {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      return undefined;
    }
    let claims: TokenClaims & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp?: unknown }>(match[1]);
    } catch {
      return undefined;
    }
    // jsonwebtoken checks exp only when a token has one: a token without it would never expire.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.ver !== 'number') {
      return undefined;
    }
    return this.users.findActiveAuthUser(claims.sub, claims.ver);
  }

  /** Web login: checks the password like the API does, audits it, and stores a new server-side session. */
  async startWebSession(
    email: string,
    password: string,
    context: { ip?: string; userAgent?: string } = {},
  ): Promise<WebSessionStart | SecondFactorChallenge> {
    const { user, sessionVersion } = await this.checkPassword(email, password, {
      ip: context.ip,
      via: 'web',
    });
    const pending = await this.twoFactor.challengeAfterPassword(user, sessionVersion);
    if (pending) {
      return asChallenge(pending);
    }
    return this.openWebSession({ user, sessionVersion }, context);
  }

  /** The web pages' second step: the challenge kept in a cookie and the code typed give the session. */
  async startWebSessionWithSecondFactor(
    challenge: string,
    code: string,
    context: { ip?: string; userAgent?: string } = {},
  ): Promise<WebSessionStart & { recoveryCodes?: string[] }> {
    const passed = await this.checkSecondFactor(challenge, code, { ip: context.ip, via: 'web' });
    const started = await this.openWebSession(passed, { ...context, secondFactor: passed.method });
    return { ...started, ...(passed.recoveryCodes ? { recoveryCodes: passed.recoveryCodes } : {}) };
  }

  private async openWebSession(
    { user, sessionVersion }: { user: AuthUser; sessionVersion: number },
    context: { ip?: string; userAgent?: string; secondFactor?: SecondFactorPassed['method'] },
  ): Promise<WebSessionStart> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + WEB_SESSION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .delete()
        .from(WebSession)
        .where('expires_at < :now', { now })
        .execute();
      await manager.insert(WebSession, {
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt,
        userAgent: context.userAgent?.slice(0, 300) ?? null,
        sessionVersion,
      });
      await this.audit.record(manager, {
        actor: user,
        action: 'login',
        entity: 'user',
        entityId: user.id,
        context: {
          ip: context.ip,
          via: 'web',
          ...(context.secondFactor ? { secondFactor: context.secondFactor } : {}),
        },
      });
    });
    return { token, expiresAt, user };
  }

  /** Resolves the web session cookie to its session and an active user; expired or unknown resolves to nothing. */
  async authenticateWebSession(request: Request): Promise<WebSessionUser | undefined> {
    const token = (request.cookies as Record<string, unknown> | undefined)?.[WEB_SESSION_COOKIE];
    if (typeof token !== 'string' || token.length === 0 || token.length > 100) {
      return undefined;
    }
    // The session and its user, as they are now, in one round trip.
    const rows = (await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.expires_at AS "expiresAt", u.id, u.email, u.name, u.role,
              u.must_change_password AS "mustChangePassword", u.language
         FROM web_sessions s
         JOIN users u ON u.id = s.user_id AND u.active AND u.session_version = s.session_version
        WHERE s.token_hash = $1`,
      [sha256(token)],
    )) as (AuthUser & { sessionId: string; expiresAt: Date })[];
    const found = rows[0];
    if (!found || found.expiresAt.getTime() <= this.clock.now().getTime()) {
      return undefined;
    }
    const { sessionId, expiresAt: _expiresAt, ...user } = found;
    return { sessionId, user };
  }

  /** Logout: the session row is deleted, so the cookie is worthless even if it was copied. */
  async endWebSession(request: Request): Promise<void> {
    const token = (request.cookies as Record<string, unknown> | undefined)?.[WEB_SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0) {
      await this.dataSource.getRepository(WebSession).delete({ tokenHash: sha256(token) });
    }
  }

  /**
   * For browser-facing routes outside /api that admins open from the web pages (the queue dashboard
   * at /admin/queues): a bearer token or the web session cookie. /api routes keep using
   * authenticateRequest, which accepts bearer tokens only.
   */
  async authenticateBearerOrSession(request: Request): Promise<AuthUser | undefined> {
    const bearer = await this.authenticateRequest(request);
    if (bearer || !sameOriginOrSafe(request)) {
      return bearer;
    }
    return (await this.authenticateWebSession(request))?.user;
  }
}
