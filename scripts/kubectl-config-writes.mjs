#!/usr/bin/env node
// Regenerates test/fixtures/kubectl/config-writes.json: what kubectl writes for `config use-context` and
// `config set-context --namespace` on files kubectl wrote itself, for test/unit/kubeconfig/kubectl-writes.test.ts
// to compare the engine's minimal edits with (on such a file they must give kubectl's bytes exactly: keys in
// sorted place, `current-context: ""` replaced by a plain name). Run by hand where kubectl is installed (tests
// never run kubectl):
//
//   node scripts/kubectl-config-writes.mjs [path/to/kubectl]
//
// Each case builds a kubeconfig with kubectl in a temporary KUBECONFIG (no cluster is contacted), optionally
// edits its text (`prepare`), records it as `input`, runs the operation and records the file as `output`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KUBECTL = process.argv[2] ?? 'kubectl';
const OUT = new URL('../test/fixtures/kubectl/config-writes.json', import.meta.url);

const BASE = [
  ['config', 'set-cluster', 'dev', '--server=https://dev.example:6443'],
  ['config', 'set-cluster', 'prod', '--server=https://prod.example:6443'],
  ['config', 'set-credentials', 'alice', '--token=not-a-real-token'],
  ['config', 'set-context', 'dev', '--cluster=dev', '--user=alice'],
  ['config', 'set-context', 'prod', '--cluster=prod', '--user=alice'],
];

/** `op`: what the engine is asked to do; `kubectl`: the same through kubectl. */
const CASES = [
  {
    name: 'use-context on a new file: current-context "" becomes a plain name',
    setup: BASE,
    op: { kind: 'use-context', context: 'dev' },
  },
  {
    name: 'use-context switches to another context',
    setup: [...BASE, ['config', 'use-context', 'dev']],
    op: { kind: 'use-context', context: 'prod' },
  },
  {
    name: 'use-context with a name kubectl quotes',
    setup: [...BASE, ['config', 'set-context', 'yes', '--cluster=dev', '--user=alice']],
    op: { kind: 'use-context', context: 'yes' },
  },
  {
    name: 'use-context where current-context is missing: added in sorted place',
    setup: BASE,
    prepare: (text) => text.replace(/^current-context: .*\n/m, ''),
    op: { kind: 'use-context', context: 'prod' },
  },
  {
    name: 'set-namespace adds namespace between cluster and user',
    setup: [...BASE, ['config', 'use-context', 'dev']],
    op: { kind: 'set-namespace', context: 'dev', namespace: 'team-a' },
  },
  {
    name: 'set-namespace on the second context',
    setup: [...BASE, ['config', 'use-context', 'dev']],
    op: { kind: 'set-namespace', context: 'prod', namespace: 'monitoring' },
  },
  {
    name: 'set-namespace replaces a namespace',
    setup: [...BASE, ['config', 'set-context', 'dev', '--namespace=old'], ['config', 'use-context', 'dev']],
    op: { kind: 'set-namespace', context: 'dev', namespace: 'new' },
  },
  {
    name: 'set-namespace with a namespace kubectl quotes',
    setup: [...BASE, ['config', 'use-context', 'dev']],
    op: { kind: 'set-namespace', context: 'dev', namespace: '123' },
  },
];

const argsOf = (op) =>
  op.kind === 'use-context' ? ['config', 'use-context', op.context] : ['config', 'set-context', op.context, `--namespace=${op.namespace}`];

const dir = mkdtempSync(join(tmpdir(), 'shipshape-kubectl-writes-'));
try {
  const out = [];
  CASES.forEach((c, i) => {
    const file = join(dir, `config-${i}`);
    const env = { ...process.env, KUBECONFIG: file };
    const kubectl = (args) => execFileSync(KUBECTL, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    for (const args of c.setup) kubectl(args);
    let input = readFileSync(file, 'utf8');
    if (c.prepare) {
      input = c.prepare(input);
      writeFileSync(file, input);
    }
    kubectl(argsOf(c.op));
    out.push({ name: c.name, op: c.op, kubectl: `kubectl ${argsOf(c.op).join(' ')}`, input, output: readFileSync(file, 'utf8') });
  });
  const version = JSON.parse(execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).clientVersion.gitVersion;
  writeFileSync(OUT, JSON.stringify({ generatedBy: 'scripts/kubectl-config-writes.mjs', kubectl: version, cases: out }, null, 2) + '\n');
  console.log(`wrote ${out.length} cases to ${OUT.pathname}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
