import { GeneratedDataSet } from './generate';
import { BenchResults } from './results';
import type { Api } from './run';

export async function measureExports(
  _api: Api,
  _data: GeneratedDataSet,
  results: BenchResults,
  _log: (m: string) => void,
): Promise<void> {
  results.exportsMissing = 'not yet';
}
