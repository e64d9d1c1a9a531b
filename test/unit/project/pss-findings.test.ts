// The Pod Security controls an object fails, judged by the engine's PSS rules whatever the settings say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type YAMLMap } from 'yaml';
import { PSS_RULES, pssFailures } from '../../../server/src/engine/project/relations/pss-findings';

const node = (text: string) => parseDocument(text).contents as YAMLMap;

const HOST_PID = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      # shipshape-disable-next-line host-pid
      hostPID: true
      containers:
      - name: app
        image: nginx:1.27
`;

test('pss failures: baseline only baseline controls, restricted both; suppressions do not count', () => {
  const baseline = pssFailures(node(HOST_PID), 'baseline');
  assert.deepEqual(baseline.map((f) => f.ruleId), ['host-pid']);
  assert.equal(baseline[0]!.control.control, 'Host Namespaces');
  const restricted = pssFailures(node(HOST_PID), 'restricted').map((f) => f.ruleId);
  assert.ok(restricted.includes('host-pid'));
  assert.ok(restricted.includes('run-as-root'));
  assert.ok(restricted.includes('seccomp-profile-missing'));
});

test('pss failures: a hardened pod fails nothing; a non-workload has no pod', () => {
  const ok = `apiVersion: v1
kind: Pod
metadata: {name: ok}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;
  assert.deepEqual(pssFailures(node(ok), 'restricted'), []);
  assert.deepEqual(pssFailures(node('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n'), 'restricted'), []);
  assert.ok(PSS_RULES.length >= 19);
});
