import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePromises, readTitles, testTitles } from './support/promises';

// docs/promises.md lists every promise of the README with the tests that prove it. A renamed or
// deleted test must take its promise with it, or this fails: no promise loses its proof silently.
const root = join(__dirname, '..');
const promises = parsePromises(readFileSync(join(root, 'docs/promises.md'), 'utf8'));

describe('docs/promises.md', () => {
  it('lists promises, each with at least one proof', () => {
    expect(promises.length).toBeGreaterThan(20);
    const unproved = promises
      .filter((promise) => promise.proofs.length === 0)
      .map((p) => `${p.line}: ${p.text}`);
    expect(unproved).toEqual([]);
  });

  it('names only tests that exist, in files that exist', () => {
    const titlesByFile = new Map<string, Set<string>>();
    const missing: string[] = [];
    for (const proof of promises.flatMap((promise) => promise.proofs)) {
      const path = join(root, proof.file);
      if (!existsSync(path)) {
        missing.push(`${proof.line}: no file ${proof.file}`);
        continue;
      }
      const titles = titlesByFile.get(path) ?? readTitles(path);
      titlesByFile.set(path, titles);
      if (!titles.has(proof.title)) {
        missing.push(`${proof.line}: no test "${proof.title}" in ${proof.file}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the README', () => {
  it('links only files that are in the repository, screenshots included', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(((?:docs|src|test|migrations|bench|scripts)\/[^)#\s]+)/g)].map(
      (match) => match[1],
    );
    expect(links.filter((link) => link.startsWith('docs/screenshots/')).length).toBeGreaterThan(100);
    expect(links.filter((link) => !existsSync(join(root, link)))).toEqual([]);
  });
});

describe('reading test titles', () => {
  it('finds it() and test() titles in every quote style, escapes undone', () => {
    const source = [
      "it('single \\'quoted\\' title', async () => {});",
      'test("double quoted", () => {});',
      'it(`template title`, () => {});',
      "describe('a describe is not a test', () => {});",
      "  it(\n    'title on its own line',\n    () => {},\n  );",
    ].join('\n');
    expect([...testTitles(source)].sort()).toEqual(
      ['double quoted', "single 'quoted' title", 'template title', 'title on its own line'].sort(),
    );
  });

  it('reads promises and their proofs, and refuses a proof without a promise', () => {
    const parsed = parsePromises(
      ['# Heading', '- A promise.', '  - `test/a.e2e-spec.ts` › does a thing', '- Another.'].join('\n'),
    );
    expect(parsed).toEqual([
      {
        line: 2,
        text: 'A promise.',
        proofs: [{ line: 3, file: 'test/a.e2e-spec.ts', title: 'does a thing' }],
      },
      { line: 4, text: 'Another.', proofs: [] },
    ]);
    expect(() => parsePromises('  - `test/a.e2e-spec.ts` › orphan')).toThrow(/before any promise/);
  });
});
