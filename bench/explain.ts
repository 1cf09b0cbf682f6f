import { GeneratedDataSet } from './generate';
import { BenchResults, Plan } from './results';

export async function explainHotQueries(
  _url: string,
  _data: GeneratedDataSet,
  _results: BenchResults,
): Promise<Plan[]> {
  return [];
}
