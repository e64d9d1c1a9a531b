// A pod that satisfies the restricted Pod Security Standard and the hardening rules yields no finding of
// those rules, in every workload kind; `profile: baseline` turns the restricted rules off (and only those).
// (Rules of other categories, such as resource limits or image pinning, have their own tests.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';
import { RULES } from '../../../server/src/engine/rules';
import { settingsWith, workload } from '../../helpers/rule-tester';
import { WORKLOAD_KINDS } from '../../../server/src/engine/views/workloads';

/** A container's securityContext, to be placed at the indentation of a container's keys (2 spaces). */
const HARDENED_CONTAINER = `securityContext:
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities:
      drop: [ALL]`;

/** Pod-level runAsNonRoot, seccomp and groups; every kind of container; only allowed volume types. */
const HARDENED_POD_LEVEL = `
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  supplementalGroups: [10002]
  seccompProfile:
    type: RuntimeDefault
initContainers:
- name: setup
  image: busybox:1.36
  command: [sh, -c, "cp /config/* /work/"]
  ${HARDENED_CONTAINER}
containers:
- name: web
  image: nginx:1.27
  ports:
  - containerPort: 8080
  ${HARDENED_CONTAINER}
      add: [NET_BIND_SERVICE]
  volumeMounts:
  - {name: tmp, mountPath: /tmp}
  - {name: config, mountPath: /config, readOnly: true}
ephemeralContainers:
- name: debug
  image: busybox:1.36
  ${HARDENED_CONTAINER}
volumes:
- name: tmp
  emptyDir: {}
- name: config
  configMap: {name: web}
- name: token
  projected:
    sources:
    - serviceAccountToken: {path: token}
- name: data
  persistentVolumeClaim: {claimName: data}
`;

/** The same guarantees set per container instead of at pod level. */
const HARDENED_CONTAINER_LEVEL = `
containers:
- name: web
  image: nginx:1.27
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/web.json
    capabilities:
      drop: [ALL]
- name: sidecar
  image: envoyproxy/envoy:v1.31.0
  securityContext:
    runAsNonRoot: true
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    seccompProfile: {type: RuntimeDefault}
    capabilities: {drop: [ALL]}
`;

/** A user-namespaced pod (hostUsers: false) needs no runAsNonRoot under the 1.35 policy. */
const HARDENED_USER_NAMESPACE = `
hostUsers: false
securityContext:
  seccompProfile: {type: RuntimeDefault}
containers:
- name: web
  image: nginx:1.27
  ${HARDENED_CONTAINER}
`;

const POD_SECURITY_CATEGORIES: ReadonlySet<string> = new Set(['pod-security-baseline', 'pod-security-restricted', 'hardening']);
const CATEGORY_OF = new Map(RULES.map((r) => [r.meta.id, r.meta.category] as const));
/** Findings of the Pod Security and hardening rules only. */
const podSecurity = (findings: ReturnType<typeof lintYaml>) => findings.filter((f) => POD_SECURITY_CATEGORIES.has(CATEGORY_OF.get(f.ruleId) ?? ''));

const describe = (text: string, findings: ReturnType<typeof lintYaml>) =>
  findings.map((f) => `${f.ruleId} ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}`).join('\n');

for (const [name, podSpec] of [
  ['pod-level settings', HARDENED_POD_LEVEL],
  ['container-level settings', HARDENED_CONTAINER_LEVEL],
  ['user namespace', HARDENED_USER_NAMESPACE],
] as const) {
  for (const kind of WORKLOAD_KINDS) {
    test(`a hardened pod (${name}) yields no pod security or hardening finding [${kind}]`, () => {
      const text = workload(kind, podSpec);
      const findings = podSecurity(lintYaml(text));
      assert.deepEqual(findings, [], describe(text, findings));
    });
  }
}

const RESTRICTED_IDS = RULES.filter((r) => r.meta.level === 'restricted').map((r) => r.meta.id).sort();

/** Fine for baseline, wrong for restricted: nothing set, an nfs volume. */
const BASELINE_ONLY = `
containers:
- name: web
  image: nginx:1.27
volumes:
- name: share
  nfs: {server: nfs.example, path: /exports}
`;

test('the restricted rule set is the five restricted controls', () => {
  assert.deepEqual(RESTRICTED_IDS, [
    'capabilities-not-dropped',
    'privilege-escalation-allowed',
    'restricted-volume-types',
    'run-as-root',
    'seccomp-profile-missing',
  ]);
});

for (const kind of WORKLOAD_KINDS) {
  test(`profile: baseline turns the restricted rules off, and only those [${kind}]`, () => {
    const text = workload(kind, BASELINE_ONLY);
    const restricted = new Set(lintYaml(text).map((f) => f.ruleId));
    assert.deepEqual(RESTRICTED_IDS.filter((id) => !restricted.has(id)), [], 'every restricted rule fires under the default profile');
    const baseline = podSecurity(lintYaml(text, { settings: settingsWith({ profile: 'baseline' }) }));
    assert.deepEqual(baseline.filter((f) => RESTRICTED_IDS.includes(f.ruleId)), [], describe(text, baseline));
    assert.deepEqual([...new Set(baseline.map((f) => f.ruleId))], ['writable-root-filesystem'], 'hardening rules still run under baseline');
  });
}

test('a per-rule severity re-enables one restricted rule under profile: baseline', () => {
  const text = workload('Deployment', BASELINE_ONLY);
  const findings = lintYaml(text, { settings: settingsWith({ profile: 'baseline', rules: { 'run-as-root': 'error' } }) });
  const runAsRoot = findings.filter((f) => f.ruleId === 'run-as-root');
  assert.equal(runAsRoot.length, 1);
  assert.equal(runAsRoot[0]!.severity, 'error');
  assert.ok(!findings.some((f) => f.ruleId === 'seccomp-profile-missing'));
});
