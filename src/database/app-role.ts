import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { escapeIdentifier, escapeLiteral } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

// Vigil's tables belong to the role that runs the migrations (DATABASE_OWNER_URL). The api and the
// worker connect as another role (DATABASE_URL) that owns nothing: it may read and write the app's
// tables but only append to and read the audit log, and, not being the owner or a superuser, it can
// neither disable the audit log's triggers nor set session_replication_role.

/** Tables the app may only read and append to. */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_log'];
/** The migration history is the owner's alone. */
const OWNER_ONLY_TABLES: readonly string[] = ['migrations'];

export interface AppRole {
  name: string;
  /** Set on the role when given, so the role always accepts the password the app connects with. */
  password?: string;
}

/** A relation in the public schema, by pg_class.relkind: table, partitioned table, view, materialized view, sequence. */
export interface Relation {
  name: string;
  kind: 'r' | 'p' | 'v' | 'm' | 'S';
}

/**
 * The role the app connects as, when it is not the owner; undefined when both URLs name the same
 * role (a developer's single superuser), where there is nothing to grant.
 */
export function appRoleOf(databaseUrl: string, ownerUrl: string): AppRole | undefined {
  const app = new URL(databaseUrl);
  const owner = new URL(ownerUrl);
  const name = decodeURIComponent(app.username);
  if (!name || name === decodeURIComponent(owner.username)) {
    return undefined;
  }
  return { name, password: app.password ? decodeURIComponent(app.password) : undefined };
}

/**
 * Functions whose EXECUTE the migrations took from PUBLIC, as they run with their owner's rights: the
 * search's common words read the indexes' statistics (migration SearchWordsTrigramGin).
 */
const APP_FUNCTIONS = ['vigil_common_search_words(real)'];

/**
 * What the app role may do, from a clean slate (so a privilege taken away in a later version is
 * taken away on upgrade too): read and write every table, append to and read the append-only ones,
 * read views, draw from sequences, call the functions above; nothing on the migration history.
 */
export function appRoleGrants(role: string, relations: Relation[]): string[] {
  const to = escapeIdentifier(role);
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${to}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${to}`,
    `GRANT USAGE ON SCHEMA public TO ${to}`,
    ...APP_FUNCTIONS.map((signature) => `GRANT EXECUTE ON FUNCTION public.${signature} TO ${to}`),
  ];
  for (const { name, kind } of relations) {
    const privileges = OWNER_ONLY_TABLES.includes(name)
      ? undefined
      : kind === 'S'
        ? 'USAGE, SELECT'
        : kind === 'v' || kind === 'm'
          ? 'SELECT'
          : APPEND_ONLY_TABLES.includes(name)
            ? 'SELECT, INSERT'
            : 'SELECT, INSERT, UPDATE, DELETE';
    if (privileges) {
      const object = kind === 'S' ? 'SEQUENCE' : 'TABLE';
      statements.push(`GRANT ${privileges} ON ${object} public.${escapeIdentifier(name)} TO ${to}`);
    }
  }
  return statements;
}

/** Whether a role is a superuser, and how many of Vigil's tables it owns or may act as the owner of. */
export interface RoleStanding {
  superuser: boolean;
  owns: number;
}

/** The standing of a role (the connection's own when no name is given). */
export async function roleStanding(
  queryable: DataSource | EntityManager,
  name?: string,
): Promise<RoleStanding> {
  const [standing]: RoleStanding[] = await queryable.query(
    `SELECT r.rolsuper AS superuser,
            (SELECT count(*)::int FROM pg_class c
              WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(r.oid, c.relowner, 'MEMBER')) AS owns
       FROM pg_roles r WHERE r.rolname = coalesce($1, current_user)`,
    [name ?? null],
  );
  return standing;
}

/** What is wrong with the app connecting as this role, if anything. */
export function appRoleProblem(name: string, { superuser, owns }: RoleStanding): string | undefined {
  if (superuser) {
    return `DATABASE_URL connects as "${name}", a superuser, which can rewrite the audit log (see the README, "Database roles")`;
  }
  if (owns > 0) {
    return `DATABASE_URL connects as "${name}", which owns (or may act as the owner of) Vigil's tables and can rewrite the audit log (see the README, "Database roles")`;
  }
  return undefined;
}

/**
 * Run by `migration:run` as the owner, after the migrations: creates the app role if it does not
 * exist, checks that it cannot act as the owner, and grants it what the app needs on every table
 * there is now, all in one transaction. Safe to run again; it is run on every start of the setup.
 */
export async function grantAppRole(dataSource: DataSource, role: AppRole): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const name = escapeIdentifier(role.name);
    const exists: unknown[] = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
    if (exists.length === 0) {
      await manager.query(`CREATE ROLE ${name} LOGIN`);
    }
    if (role.password) {
      await manager.query(
        `ALTER ROLE ${name} WITH LOGIN PASSWORD ${escapeLiteral(scramVerifier(role.password))}`,
      );
    }
    const problem = appRoleProblem(role.name, await roleStanding(manager, role.name));
    if (problem) {
      throw new Error(`${problem}: the app must connect as a role of its own that owns nothing`);
    }
    const [{ database }]: Array<{ database: string }> = await manager.query(
      'SELECT current_database() AS database',
    );
    await manager.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${name}`);
    const relations: Relation[] = await manager.query(
      `SELECT relname AS name, relkind AS kind FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S')
        ORDER BY relname`,
    );
    for (const statement of appRoleGrants(role.name, relations)) {
      await manager.query(statement);
    }
  });
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802, as libpq's
 * PQencryptPasswordConn builds it): sent instead of the password, so that the password itself never
 * reaches the server's statement log. Non-ASCII passwords go as they are, since PostgreSQL prepares
 * them (SASLprep) before hashing.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  if (!/^[\x20-\x7e]*$/.test(password)) {
    return password;
  }
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest());
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.digest('base64')}:${serverKey.toString('base64')}`;
}
