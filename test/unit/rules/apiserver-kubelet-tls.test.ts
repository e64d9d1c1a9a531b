import { test } from 'node:test';
import { assertNoFix } from '../../helpers/fix-tester';
import { expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-kubelet-tls';
const CLIENT = ['--kubelet-client-certificate=/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/pki/apiserver-kubelet-client.key'];

test(`${ID}: client certificate, key and CA all set: not reported`, () => {
  expectFindings(ID, staticPod('kube-apiserver', [...CLIENT, '--kubelet-certificate-authority=/pki/ca.crt']), []);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: kubelet-certificate-authority\n    value: /etc/kubernetes/pki/ca.crt\n'), []);
});

test(`${ID}: kubeadm's default has the client certificate but no kubelet CA (kube-bench 1.2.5 fails there too)`, () => {
  expectFindings(ID, kubeadmConfig('apiServer: {}\n'), [{ at: 'apiServer', message: '--kubelet-certificate-authority' }]);
});

test(`${ID}: a missing client certificate or key, and a missing CA, at the command line; no fix (the paths are the cluster's)`, () => {
  const text = staticPod('kube-apiserver', ['--kubelet-client-certificate=/pki/c.crt']);
  expectFindings(ID, text, [
    { at: 'command', message: '--kubelet-client-certificate and --kubelet-client-key' },
    { at: 'command', message: '--kubelet-certificate-authority' },
  ]);
  assertNoFix(text, ID);
  expectFindings(ID, staticPod('kube-apiserver', [...CLIENT, '--kubelet-certificate-authority=']), [{ at: 'command', message: 'not verified' }]);
});
