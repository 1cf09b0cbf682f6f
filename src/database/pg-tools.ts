import { spawn } from 'node:child_process';

/**
 * How pg_dump and pg_restore reach the database at a DATABASE_URL: the URL without its password on
 * the command line (which other users of the machine can read), the password in the environment.
 */
export function pgToolConnection(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export const backupArgs = (dbname: string, file: string): string[] => [
  '--format=custom',
  '--file',
  file,
  '--dbname',
  dbname,
];

// One transaction: a restore that fails half-way leaves the database as empty as it was. Owners and
// grants are the source server's; the restoring user owns everything instead.
export const restoreArgs = (dbname: string, file: string): string[] => [
  '--exit-on-error',
  '--single-transaction',
  '--no-owner',
  '--no-privileges',
  '--dbname',
  dbname,
  file,
];

/** Runs pg_dump or pg_restore; rejects with its own error output when it fails or is not installed. */
export function runPgTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  env: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `${tool} is not installed: install PostgreSQL's client tools (Debian: postgresql-client), of the server's version or newer`
            : `${tool} failed to start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}):\n${errors.trim()}`)),
    );
  });
}
