import { readFileSync } from 'node:fs';

/** One promise of the README and the tests named as its proof in docs/promises.md. */
export interface ReadmePromise {
  line: number;
  text: string;
  proofs: Proof[];
}

export interface Proof {
  line: number;
  file: string;
  title: string;
}

const PROMISE = /^- (.+)$/;
const PROOF = /^ {2,}- `([^`]+)` › (.+)$/;

/**
 * Reads docs/promises.md: each top-level item is a promise, each nested item under it a proof,
 * written as `path/to/file.spec.ts` › the test's title exactly as it stands in `it(...)`.
 */
export function parsePromises(markdown: string): ReadmePromise[] {
  const promises: ReadmePromise[] = [];
  markdown.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const proof = PROOF.exec(raw);
    if (proof) {
      const owner = promises.at(-1);
      if (!owner) {
        throw new Error(`docs/promises.md:${line}: a proof before any promise`);
      }
      owner.proofs.push({ line, file: proof[1], title: proof[2].trim() });
      return;
    }
    const promise = PROMISE.exec(raw);
    if (promise) {
      promises.push({ line, text: promise[1].trim(), proofs: [] });
    }
  });
  return promises;
}

/** The titles of every `it(...)` and `test(...)` in a spec file, as written in its string literal. */
export function testTitles(source: string): Set<string> {
  const titles = new Set<string>();
  const call = /\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of source.matchAll(call)) {
    titles.add(match[2].replace(/\\(['"`\\])/g, '$1'));
  }
  return titles;
}

export function readTitles(path: string): Set<string> {
  return testTitles(readFileSync(path, 'utf8'));
}
