import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFixturesDir, fixtureTestsRun, isCi } from './fixtures';

describe('when fixture tests run', () => {
  it('counts only CI=true and CI=1 as CI, in any case and with stray spaces', () => {
    for (const value of ['true', 'TRUE', 'True', '1', ' true ']) {
      expect(isCi(value)).toBe(true);
    }
    for (const value of [undefined, '', 'false', 'FALSE', '0', 'no', 'yes', 'truthy', '10']) {
      expect(isCi(value)).toBe(false);
    }
  });

  it('runs them where the fixtures are, and under CI even where they are not, so that they fail', () => {
    expect(fixtureTestsRun(true, {})).toBe(true);
    expect(fixtureTestsRun(true, { CI: 'false' })).toBe(true);
    expect(fixtureTestsRun(false, { CI: 'true' })).toBe(true);
    expect(fixtureTestsRun(false, { CI: '1' })).toBe(true);
    expect(fixtureTestsRun(false, {})).toBe(false);
    expect(fixtureTestsRun(false, { CI: 'false' })).toBe(false);
    expect(fixtureTestsRun(false, { CI: '0' })).toBe(false);
  });

  it('looks only in VIGIL_FIXTURES_DIR when it is set, else beside the repository', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigil-fixtures-'));
    const full = mkdtempSync(join(tmpdir(), 'vigil-fixtures-'));
    writeFileSync(join(full, 'khurram-parvez-chronology.txt'), 'text');
    expect(findFixturesDir({ VIGIL_FIXTURES_DIR: full }, empty)).toBe(full);
    expect(findFixturesDir({ VIGIL_FIXTURES_DIR: empty }, full)).toBeUndefined();
    expect(findFixturesDir({}, full)).toBe(full);
    expect(findFixturesDir({ VIGIL_FIXTURES_DIR: '' }, full)).toBe(full);
    expect(findFixturesDir({}, empty)).toBeUndefined();
  });
});
