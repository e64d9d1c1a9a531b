// Exemption annotations: Shipshape's own, kube-linter's and Polaris', on several workload kinds; unused and
// unknown Shipshape annotations; allowAnnotationExemptions false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';
import type { EngineSettings } from '../../../server/src/engine/config/settings';
import { RULES, RULE_IDS } from '../../../server/src/engine/rules';
import { toolEquivalents } from '../../../server/src/engine/suppress/annotations';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';

function only(...ids: string[]): EngineSettings {
  return settingsWith({ rules: Object.fromEntries([...RULE_IDS].map((id) => [id, ids.includes(id) || id === 'unused-suppression' ? 'warning' : 'off'])) });
}
const S = only('privileged-container', 'host-network', 'host-pid', 'ssh-port', 'host-ports');

const POD_SPEC = `
hostNetwork: true
hostPID: true
containers:
  - name: web
    image: nginx:1.27
    ports:
      - containerPort: 22
        hostPort: 2222
    securityContext:
      privileged: true
`;

const indentBy = (text: string, n: number) =>
  dedent(text)
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

/** A Deployment or CronJob with `annotations` (YAML map lines) on the object's own metadata. */
function object(kind: 'Deployment' | 'CronJob' | 'Pod', annotations: string): string {
  const ann = annotations ? `  annotations:\n${indentBy(annotations, 4)}\n` : '';
  const head = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: agent\n${ann}`;
  switch (kind) {
    case 'Pod':
      return `${head('v1')}spec:\n${indentBy(POD_SPEC, 2)}\n`;
    case 'Deployment':
      return `${head('apps/v1')}spec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n${indentBy(POD_SPEC, 6)}\n`;
    case 'CronJob':
      return `${head('batch/v1')}spec:\n  schedule: "@hourly"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indentBy(POD_SPEC, 10)}\n`;
  }
}

const ids = (text: string, settings = S) => lintYaml(text, { settings }).map((f) => f.ruleId).sort();
const ALL = ['host-network', 'host-pid', 'host-ports', 'privileged-container', 'ssh-port'];
const KINDS = ['Pod', 'Deployment', 'CronJob'] as const;

for (const kind of KINDS) {
  test(`${kind}: without annotations every finding is reported`, () => {
    assert.deepEqual(ids(object(kind, '')), ALL);
  });

  test(`${kind}: ignore-check.shipshape.dev/<rule> exempts the object and its pod template`, () => {
    const text = object(kind, `
      ignore-check.shipshape.dev/host-network: "CNI agent, SEC-88"
      ignore-check.shipshape.dev/privileged-container: "loads eBPF"
    `);
    assert.deepEqual(ids(text), ['host-pid', 'host-ports', 'ssh-port']);
  });

  test(`${kind}: ignore-check.kube-linter.io/<check> exempts the rules listing that check`, () => {
    const text = object(kind, `
      ignore-check.kube-linter.io/host-pid: "reads /proc"
      ignore-check.kube-linter.io/privileged-container: "eBPF"
      ignore-check.kube-linter.io/no-such-check: "ignored by us, never reported"
    `);
    assert.deepEqual(ids(text), ['host-network', 'host-ports', 'ssh-port']);
  });

  test(`${kind}: kube-linter.io/ignore-all exempts only the rules with a kube-linter equivalent`, () => {
    const text = object(kind, `kube-linter.io/ignore-all: "legacy"`);
    // host-ports has a Polaris equivalent only.
    assert.deepEqual(ids(text), ['host-ports']);
  });

  test(`${kind}: polaris.fairwinds.com/<check>-exempt: "true" exempts the rules listing that check`, () => {
    const text = object(kind, `
      polaris.fairwinds.com/hostNetworkSet-exempt: "true"
      polaris.fairwinds.com/hostPortSet-exempt: "TRUE"
      polaris.fairwinds.com/runAsPrivileged-exempt: "false"
      polaris.fairwinds.com/hostPIDSet-exempt: "yes"
    `);
    assert.deepEqual(ids(text), ['host-pid', 'privileged-container', 'ssh-port']);
  });

  test(`${kind}: polaris.fairwinds.com/exempt: "true" exempts every rule with a Polaris equivalent`, () => {
    assert.deepEqual(ids(object(kind, `polaris.fairwinds.com/exempt: "true"`)), ['ssh-port']);
    assert.deepEqual(ids(object(kind, `polaris.fairwinds.com/exempt: "false"`)), ALL);
    assert.deepEqual(ids(object(kind, `polaris.fairwinds.com/exempt: "reviewed"`)), ALL);
  });
}

test('an annotation on the pod template does not exempt (only the object\'s own metadata counts)', () => {
  const text = object('Deployment', '').replace('      labels:\n        app: agent\n', '      labels:\n        app: agent\n      annotations:\n        ignore-check.shipshape.dev/host-network: "x"\n');
  assert.ok(ids(text).includes('host-network'));
});

test('the equivalence table comes from rule metadata', () => {
  const eq = toolEquivalents();
  for (const { meta } of RULES) {
    for (const c of meta.references.kubeLinter ?? []) assert.ok(eq.kubeLinter.get(c)?.includes(meta.id), `${meta.id} ${c}`);
    for (const c of meta.references.polaris ?? []) assert.ok(eq.polaris.get(c)?.includes(meta.id), `${meta.id} ${c}`);
    assert.equal(eq.kubeLinterAll.has(meta.id), (meta.references.kubeLinter ?? []).length > 0, meta.id);
    assert.equal(eq.polarisAll.has(meta.id), (meta.references.polaris ?? []).length > 0, meta.id);
  }
  // One check can map to several rules.
  assert.deepEqual([...(eq.kubeLinter.get('unset-memory-requirements') ?? [])].sort(), ['missing-memory-limit', 'missing-memory-request']);
});

test('an unused Shipshape annotation is reported on its key', () => {
  const text = object('Deployment', `
    ignore-check.shipshape.dev/host-network: "CNI"
    ignore-check.shipshape.dev/host-ipc: "legacy"
  `);
  const s = only('host-network', 'host-ipc');
  assertFindings(text, findingsOf('unused-suppression', text, s), [
    { at: 'ignore-check.shipshape.dev/host-ipc', message: ['ignore-check.shipshape.dev/host-ipc exempts nothing', '"host-ipc" is not reported for this object'] },
  ]);
  assert.deepEqual(ids(text, s), ['unused-suppression']);
});

test('an unknown rule id in a Shipshape annotation is reported with a hint; other tools\' annotations never are', () => {
  const text = object('Pod', `
    ignore-check.shipshape.dev/host-netwrok: "typo"
    ignore-check.kube-linter.io/host-ipc: "unused but foreign"
    polaris.fairwinds.com/hostIPCSet-exempt: "true"
    kube-linter.io/ignore-all: "x"
  `);
  const s = only('host-network', 'host-ipc');
  assertFindings(text, findingsOf('unused-suppression', text, s), [
    { at: 'ignore-check.shipshape.dev/host-netwrok', message: ['Unknown rule id "host-netwrok"', 'did you mean "host-network"'] },
  ]);
});

test('a Shipshape annotation for a rule that is off is not reported', () => {
  const text = object('Pod', `ignore-check.shipshape.dev/run-as-root: "baseline only"`);
  assertFindings(text, findingsOf('unused-suppression', text, S), []);
});

test('annotations on objects without a pod spec (RBAC) exempt them too', () => {
  const text = dedent(`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: admin-ish
      annotations:
        ignore-check.shipshape.dev/rbac-wildcard: "aggregated role"
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
  `);
  const s = only('rbac-wildcard');
  assert.deepEqual(ids(text, s), []);
  assert.ok(ids(text.replace('ignore-check.shipshape.dev/', 'x/'), s).includes('rbac-wildcard'));
});

test('allowAnnotationExemptions false: nothing is exempted and Shipshape annotations are reported as having no effect', () => {
  const text = object('CronJob', `
    ignore-check.shipshape.dev/host-network: "CNI"
    kube-linter.io/ignore-all: "x"
    polaris.fairwinds.com/exempt: "true"
  `);
  const off = { ...S, allowAnnotationExemptions: false };
  assertFindings(text, findingsOf('unused-suppression', text, off), [
    { at: 'ignore-check.shipshape.dev/host-network', message: ['allowAnnotationExemptions: false', 'ignore-check.shipshape.dev/host-network has no effect'] },
  ]);
  assert.deepEqual(ids(text, off).filter((i) => i !== 'unused-suppression'), ALL);
});

test('a finding both annotated and commented away reports neither as unused', () => {
  const text = object('Pod', `ignore-check.shipshape.dev/host-network: "CNI"`).replace('  hostNetwork: true\n', '  # shipshape-disable-next-line host-network -- CNI\n  hostNetwork: true\n');
  assert.deepEqual(ids(text, only('host-network')), []);
});
