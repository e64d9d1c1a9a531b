#!/usr/bin/env node
// Regenerates test/fixtures/kubectl/scalars.json: how kubectl reads YAML scalars, map keys and
// merge keys (`<<`), for test/unit/engine/kubectl-scalars.test.ts to compare the engine's reading with.
// Run by hand where kubectl is installed (tests never run kubectl):
//
//   node scripts/kubectl-scalars.mjs [path/to/kubectl]
//
// Each case is a ConfigMap whose `data` holds the scalar, created with
// `kubectl create --dry-run=client --validate=false -o json`. No cluster is needed: the script
// writes a dummy kubeconfig and a discovery cache for ConfigMaps into a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KUBECTL = process.argv[2] ?? 'kubectl';
const OUT = new URL('../test/fixtures/kubectl/scalars.json', import.meta.url);

/** Plain scalars as values (each also tried quoted, which must stay a string). */
const VALUES = [
  // booleans
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  'yEs', 'tRUE', 'oN', 'nO', 'ye', 'yess', 'of',
  // null
  '~', 'null', 'Null', 'NULL', 'nULL', '', 
  // integers
  '0', '-0', '+0', '7', '+12', '-12', '0755', '0777', '00', '08', '0019', '0o17', '0O17', '0x1F', '0X1f', '+0x1F', '-0x1F',
  '0b101', '0B11', '-0b101', '1_000', '1__0', '0x_1F', '_1', '1_', '0_755',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808', '18446744073709551615', '99999999999999999999',
  // floats
  '1.5', '1.', '.5', '-.5', '+.5', '0.', '1e3', '1E3', '1e+3', '1.5e-3', '12e', '1_000.5', '.5_0', '190:20:30', '1:20',
  '.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '.nan', '.NaN', '.NAN', '.iNf', 'inf', 'nan', '-', '+', '.',
  // strings that look like something else
  '2001-12-14', '2001-12-14T21:59:43.10-05:00', '1.2.3', '0x', '0xG', '1e', 'e3', 'Nope', 'onion', 'offset', 'true1', 't', 'f',
];

/** Plain scalars as map keys. */
const KEYS = ['y', 'n', 'yes', 'on', 'Off', 'true', '0755', '0x1F', '1_000', '1.5', '1e3', '0.1', '3.14159265358979', '1e7', '0.00001', 'abc', '<<x'];

/** Merge keys (`<<`): sources and the order of local keys. */
const MERGES = `x-a: &a {p: from-a, q: from-a, r: from-a}
x-b: &b {p: from-b, s: from-b}
x-n: &n {<<: *a, q: from-n}
data:
  local-before:
    p: local
    <<: *a
  local-after:
    <<: *a
    p: local
  list-a-b:
    <<: [*a, *b]
  list-b-a:
    <<: [*b, *a]
  two-merge-keys:
    <<: *a
    <<: *b
  quoted-key:
    "<<": *a
  nested:
    <<: *n
  inline:
    <<: {p: inline, t: inline}
    q: local
`;

const work = mkdtempSync(join(tmpdir(), 'kubectl-scalars-'));
try {
  const cache = join(work, 'cache');
  const discovery = join(cache, 'discovery', '127.0.0.1_1');
  mkdirSync(join(discovery, 'v1'), { recursive: true });
  writeFileSync(
    join(work, 'kubeconfig'),
    'apiVersion: v1\nkind: Config\nclusters: [{name: d, cluster: {server: "https://127.0.0.1:1"}}]\ncontexts: [{name: d, context: {cluster: d, user: d}}]\ncurrent-context: d\nusers: [{name: d, user: {token: dummy}}]\n',
  );
  writeFileSync(
    join(discovery, 'servergroups.json'),
    JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } }] }),
  );
  writeFileSync(
    join(discovery, 'v1', 'serverresources.json'),
    JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: [{ name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['create', 'get'] }] }),
  );
  const create = (yaml) => {
    const file = join(work, 'x.yaml');
    writeFileSync(file, yaml);
    try {
      const out = execFileSync(KUBECTL, ['--kubeconfig', join(work, 'kubeconfig'), '--cache-dir', cache, 'create', '--dry-run=client', '--validate=false', '-o', 'json', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { json: JSON.parse(out) };
    } catch (e) {
      const message = String(e.stderr ?? e.message).trim().split('\n').pop();
      return { error: message.replace(/^error: /i, '').replace(/error parsing \S+: /, '') };
    }
  };
  const configMap = (data) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n${data}`;
  const values = [];
  for (const source of VALUES) {
    for (const quoted of [false, true]) {
      const text = quoted ? JSON.stringify(source) : source;
      const r = create(configMap(`data:\n  v: ${text}\n`));
      values.push({ source: text, ...(r.error !== undefined ? { error: r.error } : { json: r.json.data?.v ?? null }) });
    }
  }
  const keys = [];
  for (const source of KEYS) {
    const r = create(configMap(`data:\n  ${source}: k\n`));
    keys.push({ source, ...(r.error !== undefined ? { error: r.error } : { key: Object.keys(r.json.data ?? {})[0] }) });
  }
  const merged = create(configMap(MERGES));
  const version = execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  const golden = {
    generatedBy: 'scripts/kubectl-scalars.mjs',
    kubectl: JSON.parse(version).clientVersion.gitVersion,
    values,
    keys,
    merges: { yaml: MERGES, ...(merged.error !== undefined ? { error: merged.error } : { json: merged.json.data }) },
  };
  writeFileSync(OUT, JSON.stringify(golden, null, 2) + '\n');
  console.log(`wrote ${OUT.pathname}: ${values.length} values, ${keys.length} keys`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
