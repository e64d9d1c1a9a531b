// Lists (`kind: List` as `kubectl get -o yaml` writes it, typed lists such as PodList and DeploymentList):
// every item is linted as an object, with exact spans, its own identity, schema, fixes and suppressions;
// the list itself gets no object findings. The reproduction of issue 16 (a privileged hostPID pod in a
// List gave 0 findings) is the first case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache, lintYaml } from '../../../server/src/engine/lint';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { MAX_LIST_DEPTH } from '../../../server/src/engine/views/objects';
import type { Finding } from '../../../server/src/engine/types';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';
import { allResolved } from '../../helpers/resolved-fixes';

/** Every rule on, the off-by-default ones included. */
const EVERY_RULE = settingsWith({ rules: Object.fromEntries([...RULE_IDS].map((id) => [id, 'info'])) });

const LIST = dedent(`
  apiVersion: v1
  kind: List
  metadata:
    resourceVersion: ""
  items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: debugger
      namespace: prod
    spec:
      hostPID: true
      containers:
      - name: shell
        image: busybox:1.36
        securityContext:
          privileged: true
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: prod
    data:
      mode: fast
`);

test('issue 16: a privileged hostPID pod in a List is reported at its exact lines', () => {
  assertFindings(LIST, findingsOf('privileged-container', LIST), [{ at: 'privileged: true', message: 'Container "shell"' }]);
  assertFindings(LIST, findingsOf('host-pid', LIST), [{ at: 'hostPID: true' }]);
});

test('findings of an item name the item: kind, name, namespace', () => {
  const objects = new Set(lintYaml(LIST).map((f) => JSON.stringify(f.object)));
  assert.deepEqual([...objects], [JSON.stringify({ kind: 'Pod', name: 'debugger', namespace: 'prod' })]);
});

/** Findings on the list's own lines (before `items:`) or naming the list as their object. */
function wrapperFindings(text: string, findings: readonly Finding[]): Finding[] {
  const itemsAt = text.indexOf('items:');
  return findings.filter((f) => f.span.start < itemsAt || /List$/.test(f.object?.kind ?? ''));
}

test('the List itself gets no object findings (schema, default-namespace, ...), with every rule on', () => {
  const findings = lintYaml(LIST, { settings: EVERY_RULE });
  assert.deepEqual(wrapperFindings(LIST, findings), []);
  assert.ok(findings.some((f) => f.object?.kind === 'Pod'), 'the items are linted');
  const empty = 'apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems: []\n';
  assert.deepEqual(lintYaml(empty, { settings: EVERY_RULE }), []);
  const typed = 'apiVersion: apps/v1\nkind: DeploymentList\nmetadata:\n  resourceVersion: "42"\nitems: []\n';
  assert.deepEqual(lintYaml(typed, { settings: EVERY_RULE }), []);
});

test('an item without a namespace gets default-namespace on the item, not on the list', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
  `);
  const findings = findingsOf('default-namespace', text, EVERY_RULE);
  assertFindings(text, findings, [{ at: 'settings', message: 'ConfigMap "settings"' }]);
});

const POD_LIST = dedent(`
  apiVersion: v1
  kind: PodList
  metadata:
    resourceVersion: "123"
  items:
  - metadata:
      name: api-7d4
      namespace: shop
    spec:
      hostPID: true
      containers:
      - name: api
        image: shop/api:2.1
        securityContext:
          privileged: true
`);

test('PodList: items without apiVersion and kind are Pods of the list\'s apiVersion', () => {
  assertFindings(POD_LIST, findingsOf('privileged-container', POD_LIST), [{ at: 'privileged: true' }]);
  assertFindings(POD_LIST, findingsOf('host-pid', POD_LIST), [{ at: 'hostPID: true' }]);
  const objects = new Set(lintYaml(POD_LIST).map((f) => JSON.stringify(f.object)));
  assert.deepEqual([...objects], [JSON.stringify({ kind: 'Pod', name: 'api-7d4', namespace: 'shop' })]);
});

const DEPLOYMENT_LIST = dedent(`
  apiVersion: apps/v1
  kind: DeploymentList
  items:
    - apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: agent
      spec:
        selector:
          matchLabels: {app: agent}
        template:
          metadata:
            labels: {app: agent}
          spec:
            hostPID: true
            containers:
              - name: agent
                image: agent:1.0
                securityContext:
                  privileged: true
    - metadata:
        name: web
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: web:1.0
                securityContext:
                  privileged: true
`);

test('DeploymentList: each Deployment is linted, with or without its own apiVersion and kind', () => {
  assertFindings(DEPLOYMENT_LIST, findingsOf('privileged-container', DEPLOYMENT_LIST), [
    { at: 'privileged: true', occurrence: 0, message: 'Container "agent"' },
    { at: 'privileged: true', occurrence: 1, message: 'Container "web"' },
  ]);
  assertFindings(DEPLOYMENT_LIST, findingsOf('host-pid', DEPLOYMENT_LIST), [{ at: 'hostPID: true' }]);
  const names = new Set(findingsOf('privileged-container', DEPLOYMENT_LIST).map((f) => `${f.object?.kind}/${f.object?.name}`));
  assert.deepEqual([...names], ['Deployment/agent', 'Deployment/web']);
});

test('each item is validated against its own kind\'s schema; `items` is not an unknown field', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: Pod
      metadata:
        name: typo
      spec:
        containers:
        - name: web
          image: nginx:1.27
          securityContex:
            runAsNonRoot: true
          ports:
          - containerPort: "http"
    - apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: noselector
      spec:
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
  `);
  assertFindings(text, findingsOf('schema-unknown-field', text), [{ at: 'securityContex', message: 'Did you mean "securityContext"' }]);
  assertFindings(text, findingsOf('schema-type', text), [{ at: '"http"' }]);
  assertFindings(text, findingsOf('schema-required', text), [{ at: 'spec', occurrence: 1, message: '"selector"' }]);
});

test('a kind: List item without apiVersion or kind is not an object; scalars in items are skipped; typed lists fill in both or neither', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - metadata:
        name: nokind
      spec:
        containers:
        - name: c
          image: x:1
          securityContext:
            privileged: true
    - just a string
    - 42
  `);
  assert.deepEqual(lintYaml(text, { settings: EVERY_RULE }), []);
  // In a typed list, an item that names its kind but not its apiVersion is not read either (client-go fills in both or neither).
  const half = text.replace('kind: List', 'kind: PodList').replace('- metadata:', '- kind: Pod\n  metadata:');
  assert.ok(half.includes('- kind: Pod\n  metadata:\n    name: nokind'), half);
  assert.deepEqual(lintYaml(half, { settings: EVERY_RULE }), []);
  // Without either, it is a Pod.
  const bare = text.replace('kind: List', 'kind: PodList');
  assertFindings(bare, findingsOf('privileged-container', bare), [{ at: 'privileged: true' }]);
});

test('lists in lists are expanded, down to MAX_LIST_DEPTH lists', () => {
  const pod = (indent: string) =>
    [`- apiVersion: v1`, `  kind: Pod`, `  metadata:`, `    name: deep`, `  spec:`, `    containers:`, `    - name: c`, `      image: x:1`, `      securityContext:`, `        privileged: true`]
      .map((l) => indent + l)
      .join('\n');
  const nest = (depth: number): string => {
    let indent = '';
    let out = '';
    for (let i = 0; i < depth; i++) {
      out += i === 0 ? 'apiVersion: v1\nkind: List\nitems:\n' : `${indent}- apiVersion: v1\n${indent}  kind: List\n${indent}  items:\n`;
      indent = i === 0 ? '' : indent + '  ';
    }
    return `${out}${pod(indent)}\n`;
  };
  for (let depth = 1; depth <= MAX_LIST_DEPTH; depth++) {
    const text = nest(depth);
    assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
  }
  const tooDeep = nest(MAX_LIST_DEPTH + 1);
  assert.deepEqual(lintYaml(tooDeep, { settings: EVERY_RULE }), []);
});

test('an item the list names twice (an alias) is linted once', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - &pod
      apiVersion: v1
      kind: Pod
      metadata:
        name: twice
      spec:
        containers:
        - name: c
          image: x:1
          securityContext:
            privileged: true
    - *pod
    - *pod
  `);
  assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
});

test('inline suppressions work inside a list; an unused one is still reported', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: Pod
      metadata:
        name: agent
      spec:
        # shipshape-disable-next-line host-pid -- reads every process, SEC-12
        hostPID: true
        containers:
        - name: agent
          image: agent:1.0
          securityContext:
            # shipshape-disable-next-line privileged-container, host-network
            privileged: true
  `);
  assert.deepEqual(findingsOf('host-pid', text), []);
  assert.deepEqual(findingsOf('privileged-container', text), []);
  assertFindings(text, findingsOf('unused-suppression', text), [{ at: 'host-network', message: 'host-network' }]);
});

test('exemption annotations on an item exempt that item only; an unused one is reported on its key', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: Pod
      metadata:
        name: agent
        annotations:
          ignore-check.shipshape.dev/privileged-container: "node agent, SEC-7"
          ignore-check.shipshape.dev/host-ipc: "stale"
      spec:
        containers:
        - name: agent
          image: agent:1.0
          securityContext:
            privileged: true
    - apiVersion: v1
      kind: Pod
      metadata:
        name: other
      spec:
        containers:
        - name: other
          image: other:1.0
          securityContext:
            privileged: true
  `);
  assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true', occurrence: 1, message: 'Container "other"' }]);
  assertFindings(text, findingsOf('unused-suppression', text), [{ at: 'ignore-check.shipshape.dev/host-ipc' }]);
});

test('a fix inside a List item inserts at the item\'s indentation; the output parses and the finding is gone', () => {
  for (const text of [LIST, DEPLOYMENT_LIST, POD_LIST]) {
    assertFix(text, 'seccomp-profile-missing', { kind: 'fix', title: 'pod' });
    assertFix(text, 'capabilities-not-dropped', { kind: 'fix' });
  }
  const { output } = assertFix(LIST, 'capabilities-not-dropped', { kind: 'fix' });
  assert.ok(output.includes('\n      securityContext:\n        privileged: true\n        capabilities:\n          drop:\n          - ALL\n- apiVersion: v1\n'), output);
});

test('a suggestion on an item\'s top level (ServiceAccount in a List) goes after the "- " at the item\'s key column', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    items:
    - apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: builder
  `);
  assertFix(text, 'automount-service-account-token', {
    kind: 'suggestion',
    expectedOutput: text + '  automountServiceAccountToken: false\n',
  });
});

test('the per-document cache gives what a lint from scratch gives for a List edited in place', () => {
  const cache = new DocumentCache();
  const other = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: x:1\n';
  const first = `${LIST}---\n${other}`;
  assert.deepStrictEqual(allResolved(lintYaml(first, { cache })), allResolved(lintYaml(first)));
  const edited = `${LIST.replace('hostPID: true', 'hostPID: true\n    hostIPC: true')}---\n${other}`;
  const cached = lintYaml(edited, { cache });
  assert.deepStrictEqual(allResolved(cached), allResolved(lintYaml(edited)));
  assert.ok(cached.some((f) => f.ruleId === 'host-ipc' && f.object?.name === 'debugger'));
  assert.ok(cached.some((f) => f.ruleId === 'host-network' && f.object?.name === 'x'));
});

test('a Shipshape annotation on the List itself exempts nothing and is reported; the items keep their findings', () => {
  const text = dedent(`
    apiVersion: v1
    kind: List
    metadata:
      annotations:
        ignore-check.shipshape.dev/privileged-container: "meant for every item"
        ignore-check.shipshape.dev/privileged-containr: "typo"
        ignore-check.kube-linter.io/privileged-container: "another tool's: not ours to judge"
    items:
    - apiVersion: v1
      kind: Pod
      metadata:
        name: agent
      spec:
        containers:
        - name: agent
          image: agent:1.0
          securityContext:
            privileged: true
  `);
  assertFindings(text, findingsOf('privileged-container', text), [{ at: 'privileged: true' }]);
  assertFindings(text, findingsOf('unused-suppression', text), [
    { at: 'ignore-check.shipshape.dev/privileged-container', message: 'a List is not an object' },
    { at: 'ignore-check.shipshape.dev/privileged-containr', message: 'did you mean "privileged-container"' },
  ]);
});
