import { test } from 'node:test';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-tls';

test(`${ID}: kubeadm's files and a ClusterConfiguration (kubeadm writes the certificates) are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--tls-cert-file=/pki/a.crt', '--tls-private-key-file=/pki/a.key', '--client-ca-file=/pki/ca.crt']), []);
});

test(`${ID}: no serving certificate and key, no client CA`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--tls-cert-file=/pki/a.crt']), [
    { at: 'command', message: 'self-signed' },
    { at: 'command', message: '--client-ca-file' },
  ]);
  expectFindings(ID, staticPod('kube-apiserver', ['--tls-cert-file', '/pki/a.crt', '--tls-private-key-file', '/pki/a.key'], { args: ['--client-ca-file=/pki/ca.crt'] }), []);
  // extraArgs written empty remove kubeadm's value.
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n    client-ca-file: ""\n', 'v1beta3'), [{ at: 'extraArgs', message: '--client-ca-file' }]);
});
