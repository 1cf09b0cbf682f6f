import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The worked example (Khurram Parvez's chronology and statements) is input data kept beside the
// repository in ../shared/fixtures, not in it: it is an NGO's text, and the project retells its
// facts in its own words. VIGIL_FIXTURES_DIR points elsewhere (the compose test service mounts it).
const CHRONOLOGY = 'khurram-parvez-chronology.txt';

export const FIXTURES_DIR = [
  process.env.VIGIL_FIXTURES_DIR,
  join(__dirname, '../../../shared/fixtures'),
].find((dir): dir is string => dir !== undefined && existsSync(join(dir, CHRONOLOGY)));

// CI always has the fixtures, so there a missing file fails loudly. Elsewhere (a public clone
// without ../shared) the suites that read them are skipped, and this is the reason.
const required = Boolean(process.env.CI);

export const describeWithFixtures: jest.Describe = FIXTURES_DIR || required ? describe : describe.skip;

/** A fixture's text; '' only where describeWithFixtures skips the suites that would read it. */
export function readFixture(name: 'khurram-parvez-chronology.txt' | 'khurram-parvez-statements.txt'): string {
  if (!FIXTURES_DIR) {
    if (required) {
      throw new Error(
        `Fixture ${name} not found: set VIGIL_FIXTURES_DIR or place ../shared/fixtures beside the repository`,
      );
    }
    return '';
  }
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}
