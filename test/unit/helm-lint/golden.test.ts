// The chart build's objects (subcharts, alias, condition, tags, library charts, import-values, values files,
// kube version) against real `helm template` output committed in test/fixtures/helm-lint-golden/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildChart } from '../../../server/src/engine/helm/chart-build';
import { DiskProjectHost } from '../../../server/src/io/disk-project-host';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

const sorted = (docs: unknown[]): string[] => docs.map((d) => JSON.stringify(d)).sort();

const CASES: { name: string; dir: string; values?: string[]; kubeVersion?: string }[] = [
  { name: 'umbrella', dir: 'umbrella' },
  { name: 'imports', dir: 'imports' },
  { name: 'through', dir: 'through' },
  { name: 'configured', dir: 'configured/chart', values: ['ci/prod-values.yaml'], kubeVersion: 'v1.29.0' },
  // A packaged subchart (charts/agent-0.2.0.tgz), unpacked through the host's gunzip.
  { name: 'packed', dir: 'packed' },
];

describe('helm chart build against helm template', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const dir = join(FIXTURES, 'helm-lint', c.dir);
      const build = buildChart(dir, new DiskProjectHost(), { valuesFiles: (c.values ?? []).map((v) => join(dir, v)), ...(c.kubeVersion ? { kubeVersion: c.kubeVersion } : {}) });
      assert.deepEqual(build.problems.filter((p) => p.severity === 'error'), []);
      const golden = parseAllDocuments(readFileSync(join(FIXTURES, 'helm-lint-golden', `${c.name}.yaml`), 'utf8')).map((d) => d.toJS()).filter((d) => d);
      assert.deepEqual(sorted(build.objects.map((o) => o.node.toJSON())), sorted(golden));
    });
  }
});
