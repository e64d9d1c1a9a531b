// The order in which the scan's lint workers claim jobs (server/src/cli/pool/plan.ts): first the jobs of files the
// project index does not parse (the parts of a large YAML file, a file over MAX_INDEXED_FILE), largest first, the
// parts of one file in order; then the other files from the last to the first, since the main thread lints from the
// first on and its lint of an indexed file takes the index's parse. Dockerfiles and compose files stay the main thread's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { MAX_INDEXED_FILE } from '../../../server/src/engine/project/lint-project';
import { planJobs } from '../../../server/src/cli/pool/plan';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipshape-plan-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('workers take the unindexed jobs first, largest first, then the indexed files from the last back', () => {
  const sizes: Array<[string, number]> = [
    ['a.yaml', 3000],
    ['parts.yaml', 40_000],
    ['b.yaml', 9000],
    ['Dockerfile', 500],
    ['over-the-index.json', MAX_INDEXED_FILE + 10],
    ['c.yaml', 100],
    ['docker-compose.yml', 700],
  ];
  const files = sizes.map(([name, size]) => {
    const path = join(tmp, name);
    // The large ones as JSON (not split: only YAML files are cut into parts).
    writeFileSync(path, name === 'parts.yaml' ? 'a: 1\n---\n'.repeat(size / 10) : 'x'.repeat(size));
    return { file: { path, display: name, explicit: true }, settings: DEFAULT_SETTINGS };
  });
  const plan = planJobs(files, { minBytes: 0, splitBytes: 10_000 });
  assert.ok(plan);
  const order = plan.jobs.map((j) => `${j.file.display}${j.part ? `#${j.part.index}` : ''}${j.mainOnly ? '!' : ''}`);
  assert.deepEqual(order, ['over-the-index.json', 'parts.yaml#0', 'parts.yaml#1', 'parts.yaml#2', 'parts.yaml#3', 'docker-compose.yml!', 'c.yaml', 'Dockerfile!', 'b.yaml', 'a.yaml']);
  assert.deepEqual(plan.byPath.get(join(tmp, 'parts.yaml')), [1, 2, 3, 4]);
});
