import { test } from 'node:test';
import { assertFix, assertNoFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-token-auth-file';

test(`${ID}: kubeadm's files and an API server without the flag are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']), []);
});

test(`${ID}: both flag forms and kubeadm extraArgs are reported on the flag's line`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']), [{ at: '--token-auth-file=/etc/kubernetes/tokens.csv', message: 'never expire' }]);
  expectFindings(ID, staticPod('kube-apiserver', ['--token-auth-file', '/etc/kubernetes/tokens.csv']), [{ at: '--token-auth-file' }]);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n    token-auth-file: /etc/kubernetes/tokens.csv\n', 'v1beta3'), [{ at: 'token-auth-file: /etc/kubernetes/tokens.csv' }]);
});

test(`${ID}: the suggestion removes the flag (not the two-item form)`, () => {
  assertFix(staticPod('kube-apiserver', ['--secure-port=6443', '--token-auth-file=/t.csv']), ID, { kind: 'suggestion', expectedOutput: staticPod('kube-apiserver', ['--secure-port=6443']) });
  assertNoFix(staticPod('kube-apiserver', ['--token-auth-file', '/t.csv']), ID);
});
