import { findOrFail, lockedOrFail } from '../common/entity-lookup';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from '@node-rs/argon2';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, Not, Repository } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { conflict, invalid } from '../common/domain-error';
import { Page, PaginationQuery, page } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CoalescedReads } from './coalesced-reads';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { passwordProblem } from './password-strength';
import { Language, User } from './user.entity';

// OWASP's recommended Argon2id parameters (19 MiB, 2 iterations, 1 lane). Argon2id is the library's
// default algorithm (its Algorithm enum is type-only, so it is not named here); a test checks the hashes.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
const DUMMY_HASH_INPUT = 'vigil-timing-equaliser';

export const toAuthUser = (user: User): AuthUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  mustChangePassword: user.mustChangePassword,
});

/** Why a sign-in was refused, for the audit log (never shown to the person signing in). */
export type SignInRefusal = 'unknown email' | 'wrong password' | 'deactivated';

export type CredentialCheck =
  | { ok: true; user: AuthUser; sessionVersion: number }
  | { ok: false; reason: SignInRefusal; userId?: string };

/** A user and the session version their tokens and sessions must carry. */
interface ActiveUser {
  user: AuthUser;
  sessionVersion: number;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  private dummyHash?: Promise<string>;
  private readonly activeUsers = new CoalescedReads((ids) => this.readActiveAuthUsers(ids));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD, only while no user exists at all. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) {
      return;
    }
    const created = await this.dataSource.transaction(async (manager) => {
      // Serialise concurrent starts (several api replicas) so exactly one creates the admin.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('vigil:first-admin'))`);
      if ((await manager.count(User)) > 0) {
        return false;
      }
      const admin = await this.insert(manager, null, {
        email: adminEmail,
        name: 'Administrator',
        password: adminPassword,
        role: 'admin',
      });
      await manager.update(User, { id: admin.id }, { mustChangePassword: true });
      return true;
    });
    if (created) {
      this.logger.log(`Created the first admin, ${adminEmail}`);
    }
  }

  async create(actor: AuditActor | null, input: CreateUserDto): Promise<User> {
    return this.dataSource.transaction((manager) => this.insert(manager, actor, input));
  }

  async list(query: PaginationQuery): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      order: { email: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  async get(id: string): Promise<User> {
    return findOrFail(this.users.manager, User, id, 'User');
  }

  async update(actor: AuditActor, id: string, input: UpdateUserDto): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const mayRemoveAnAdmin = input.role !== undefined || input.active === false;
      if (mayRemoveAnAdmin) {
        // Changes that could leave no active admin run one at a time, so two admins demoting each
        // other at once cannot both succeed: the second counts after the first has committed.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('vigil:admins'))`);
      }
      const before = await lockedOrFail(manager, User, id, 'User');
      const { password, email, ...rest } = input;
      const changes: Partial<User> = { ...rest };
      if (mayRemoveAnAdmin) {
        await this.assertNotLastAdmin(manager, before, changes);
      }
      if (email !== undefined) {
        changes.email = email.toLowerCase();
        await this.assertEmailFree(manager.getRepository(User), changes.email, id);
      }
      if (password !== undefined) {
        assertStrongPassword(password, [changes.email ?? before.email, changes.name ?? before.name]);
        changes.passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
      }
      await manager.update(User, { id }, changes);
      const after = await manager.findOneByOrFail(User, { id });
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** A user choosing their own password; the current one must be right. Clears mustChangePassword. */
  async changeOwnPassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const { passwordHash } = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await argon2.verify(passwordHash, currentPassword))) {
      throw invalid('currentPassword', 'is not your current password');
    }
    if (newPassword === currentPassword) {
      throw invalid('newPassword', 'must differ from the current password');
    }
    await this.update(user, user.id, { password: newPassword });
    // After the new password is saved: should this fail, the user is only asked once more.
    await this.users.update({ id: user.id }, { mustChangePassword: false });
  }

  /** A user choosing the language of their own pages and emails (audited like any change of a user). */
  async setOwnLanguage(user: AuthUser, language: Language): Promise<void> {
    await this.update(user, user.id, { language });
  }

  /** Users are never deleted (the audit log points at them); DELETE deactivates. */
  async deactivate(actor: AuditActor, id: string): Promise<User> {
    return this.update(actor, id, { active: false });
  }

  async verifyCredentials(email: string, password: string): Promise<CredentialCheck> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect(['user.passwordHash', 'user.sessionVersion'])
      .where('user.email = :email', { email: email.toLowerCase() })
      .getOne();
    if (!user) {
      this.dummyHash ??= argon2.hash(DUMMY_HASH_INPUT, ARGON2_OPTIONS);
      await argon2.verify(await this.dummyHash, password);
      return { ok: false, reason: 'unknown email' };
    }
    if (!(await argon2.verify(user.passwordHash, password))) {
      return { ok: false, reason: 'wrong password', userId: user.id };
    }
    if (!user.active) {
      return { ok: false, reason: 'deactivated', userId: user.id };
    }
    return { ok: true, user: toAuthUser(user), sessionVersion: user.sessionVersion };
  }

  /**
   * The user a request acts as, as they are now: every request asks, so a deactivation or a new
   * role holds from the next request on, in every api process. Concurrent requests share a read.
   * A token or session issued before the user's last change of password, role or active flag
   * carries an older session version and resolves to nobody.
   */
  async findActiveAuthUser(id: string, sessionVersion: number): Promise<AuthUser | undefined> {
    // A malformed id would fail the whole shared read; tokens we signed never carry one.
    const found = isUUID(id) ? await this.activeUsers.read(id) : undefined;
    return found?.sessionVersion === sessionVersion ? found.user : undefined;
  }

  private async readActiveAuthUsers(ids: string[]): Promise<Map<string, ActiveUser>> {
    const rows = (await this.dataSource.query(
      `SELECT id, email, name, role, must_change_password AS "mustChangePassword",
              session_version AS "sessionVersion"
         FROM users WHERE id = ANY($1::uuid[]) AND active`,
      [ids],
    )) as (AuthUser & { sessionVersion: number })[];
    return new Map(rows.map(({ sessionVersion, ...user }) => [user.id, { user, sessionVersion }]));
  }

  /** Refuses a change that would leave no active admin; the caller holds the admins' lock. */
  private async assertNotLastAdmin(
    manager: EntityManager,
    before: User,
    changes: Partial<User>,
  ): Promise<void> {
    const stillAdmin = (changes.role ?? before.role) === 'admin' && (changes.active ?? before.active);
    if (!before.active || before.role !== 'admin' || stillAdmin) {
      return;
    }
    const others = await manager.count(User, { where: { role: 'admin', active: true, id: Not(before.id) } });
    if (others === 0) {
      const field = changes.active === false ? 'active' : 'role';
      throw conflict(
        `${before.email} is the last active admin: make another user an admin first, so someone can still manage users`,
        [{ field, problem: 'would leave no active admin' }],
      );
    }
  }

  private async insert(
    manager: EntityManager,
    actor: AuditActor | null,
    input: CreateUserDto,
  ): Promise<User> {
    const email = input.email.toLowerCase();
    await this.assertEmailFree(manager.getRepository(User), email);
    assertStrongPassword(input.password, [email, input.name]);
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
    const saved = await manager.save(
      manager.create(User, {
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        timezone: input.timezone ?? 'UTC',
        language: input.language ?? 'en',
      }),
    );
    const { passwordHash: _hidden, ...after } = saved;
    await this.audit.record(manager, { actor, action: 'create', entity: 'user', entityId: saved.id, after });
    return manager.findOneByOrFail(User, { id: saved.id });
  }

  private async assertEmailFree(users: Repository<User>, email: string, exceptId?: string): Promise<void> {
    const existing = await users.findOneBy({ email });
    if (existing && existing.id !== exceptId) {
      throw conflict(`A user with email ${email} already exists`, [
        { field: 'email', problem: 'is already taken' },
      ]);
    }
  }
}

/** Every path that sets a password (API, pages, command line, first admin) passes through here. */
function assertStrongPassword(password: string, related: string[]): void {
  const problem = passwordProblem(password, related);
  if (problem) {
    throw invalid('password', problem);
  }
}
