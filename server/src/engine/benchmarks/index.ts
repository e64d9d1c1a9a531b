/** The benchmark catalogs the report knows, by `--benchmark` id. */
import { CIS_DOCKER } from './cis-docker';
import { CIS_KUBERNETES } from './cis-kubernetes';
import type { Benchmark, BenchmarkItem } from './types';

export const BENCHMARKS: readonly Benchmark[] = [CIS_KUBERNETES, CIS_DOCKER];

export type BenchmarkId = Benchmark['id'];

export function getBenchmark(id: string): Benchmark | undefined {
  return BENCHMARKS.find((b) => b.id === id);
}

/** Every item of a benchmark, in order. */
export function benchmarkItems(benchmark: Benchmark): BenchmarkItem[] {
  return benchmark.sections.flatMap((s) => s.items);
}

/** `CIS Docker Benchmark v1.7.0 5.26 (Ensure that ...)`-style labels of the items a rule names, per benchmark, for docs and hovers. */
export function ruleBenchmarkLabels(references: { cis?: readonly string[]; cisDocker?: readonly string[] }): Array<{ benchmark: Benchmark | undefined; name: string; items: Array<{ id: string; title?: string }> }> {
  const out: Array<{ benchmark: Benchmark | undefined; name: string; items: Array<{ id: string; title?: string }> }> = [];
  for (const field of ['cis', 'cisDocker'] as const) {
    const ids = references[field];
    if (!ids?.length) continue;
    const benchmark = BENCHMARKS.find((b) => b.referenceField === field);
    const titles = new Map(benchmark ? benchmarkItems(benchmark).map((i) => [i.id, i.title]) : []);
    const name = benchmark ? `${benchmark.name} ${benchmark.version}` : field === 'cis' ? 'CIS Kubernetes Benchmark' : 'CIS Docker Benchmark';
    out.push({ benchmark, name, items: ids.map((id) => (titles.has(id) ? { id, title: titles.get(id)! } : { id })) });
  }
  return out;
}

/**
 * One line per benchmark a rule names, its items with their titles:
 * `CIS Docker Benchmark v1.7.0: 5.26 Ensure that the container is restricted from acquiring additional privileges`.
 * (Rule pages, SARIF help and hovers show these.)
 */
export function benchmarkReferenceLines(references: { cis?: readonly string[]; cisDocker?: readonly string[] }): string[] {
  return ruleBenchmarkLabels(references).map(({ name, items }) => `${name}: ${items.map((i) => (i.title ? `${i.id} ${i.title}` : i.id)).join('; ')}`);
}
