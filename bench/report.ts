import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchResults } from './results';

export async function writeReport(results: BenchResults, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'benchmarks.json'), JSON.stringify(results, null, 2));
}
