import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The worked example (Khurram Parvez's chronology and statements) is input data kept beside the
// repository in ../shared/fixtures, not in it: it is an NGO's text, and the project retells its
// facts in its own words. VIGIL_FIXTURES_DIR, when set, is the only place looked at (the compose
// test service mounts it there).
const CHRONOLOGY = 'khurram-parvez-chronology.txt';

export type FixtureName = 'khurram-parvez-chronology.txt' | 'khurram-parvez-statements.txt';

/** CI is `CI=true` or `CI=1` (any case); `CI=false`, `0`, empty or unset is a workstation. */
export const isCi = (value: string | undefined): boolean => /^(true|1)$/i.test(value?.trim() ?? '');

/** Where the fixtures are, or undefined when they are not there. */
export function findFixturesDir(env: NodeJS.ProcessEnv, fallback: string): string | undefined {
  const dir = env.VIGIL_FIXTURES_DIR || fallback;
  return existsSync(join(dir, CHRONOLOGY)) ? dir : undefined;
}

/**
 * Tests that need the fixtures run where they are found, and under CI even where they are not (so
 * a missing file fails loudly there); elsewhere (a public clone without ../shared) they are skipped.
 */
export const fixtureTestsRun = (found: boolean, env: NodeJS.ProcessEnv): boolean => found || isCi(env.CI);

const FIXTURES_DIR = findFixturesDir(process.env, join(__dirname, '../../../shared/fixtures'));
const RUN = fixtureTestsRun(FIXTURES_DIR !== undefined, process.env);

/** A describe whose every test reads the fixtures. */
export const describeWithFixtures: jest.Describe = RUN ? describe : describe.skip;
/** A test that reads the fixtures, among others that do not. */
export const itWithFixtures: jest.It = RUN ? it : it.skip;

/** A fixture's text. Call it inside a test gated above, never at module load. */
export function readFixture(name: FixtureName): string {
  if (!FIXTURES_DIR) {
    throw new Error(
      `Fixture ${name} not found: set VIGIL_FIXTURES_DIR or place ../shared/fixtures beside the repository`,
    );
  }
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}
