import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFix } from '../../helpers/fix-tester';
import { findingsOf } from '../../helpers/rule-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-authorization-mode';

test(`${ID}: kubeadm's files, Node,RBAC and structured authorization are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']), []);
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode', 'Node,Webhook,RBAC']), []);
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']), []);
  expectFindings(ID, kubeadmConfig('apiServer: {}\n'), []);
});

test(`${ID}: no flag (the API server's default is AlwaysAllow) is reported at the command, with a suggestion`, () => {
  const text = staticPod('kube-apiserver', ['--secure-port=6443']);
  const findings = findingsOf(ID, text);
  expectFindings(ID, text, [{ at: 'command', message: 'AlwaysAllow' }]);
  assert.equal(findings[0]!.severity, 'error');
  assertFix(text, ID, { kind: 'suggestion', contains: ['    - "--authorization-mode=Node,RBAC"\n'] });
});

test(`${ID}: AlwaysAllow, ABAC, and a list without Node or RBAC`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']), [
    { at: '--authorization-mode=AlwaysAllow', message: 'AlwaysAllow' },
    { at: '--authorization-mode=AlwaysAllow', message: 'without Node' },
    { at: '--authorization-mode=AlwaysAllow', message: 'without RBAC' },
  ]);
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode=Node,ABAC,RBAC']), [{ at: '--authorization-mode=Node,ABAC,RBAC', message: 'ABAC' }]);
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode=RBAC']), [{ at: '--authorization-mode=RBAC', message: 'without Node' }]);
  // kubeadm: extraArgs replace its Node,RBAC default.
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: authorization-mode\n    value: Node\n'), [{ at: 'value: Node', message: 'without RBAC' }]);
});
