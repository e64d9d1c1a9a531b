import { test } from 'node:test';
import { assertFix, assertNoFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'etcd-tls';
const CLIENT = ['--cert-file=/pki/etcd/server.crt', '--key-file=/pki/etcd/server.key', '--trusted-ca-file=/pki/etcd/ca.crt'];
const PEER = ['--peer-cert-file=/pki/etcd/peer.crt', '--peer-key-file=/pki/etcd/peer.key', '--peer-trusted-ca-file=/pki/etcd/ca.crt', '--peer-client-cert-auth=true'];

test(`${ID}: kubeadm's etcd manifest and local etcd of a ClusterConfiguration are not reported; external etcd is not judged`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('etcd', [...CLIENT, '--client-cert-auth=true', ...PEER]), []);
  expectFindings(ID, kubeadmConfig('etcd:\n  external:\n    endpoints: [https://10.0.0.5:2379]\n'), []);
});

test(`${ID}: client certificate auth unset gets a fix where etcd has a trusted CA, none without`, () => {
  const text = staticPod('etcd', [...CLIENT, ...PEER]);
  expectFindings(ID, text, [{ at: 'command', message: '--client-cert-auth=true' }]);
  assertFix(text, ID, { kind: 'fix', contains: ['    - --client-cert-auth=true\n'] });
  const noCa = staticPod('etcd', ['--cert-file=/a.crt', '--key-file=/a.key', ...PEER]);
  expectFindings(ID, noCa, [{ at: 'command', message: 'client that reaches etcd' }]);
  assertNoFix(noCa, ID);
});

test(`${ID}: auto TLS, client auth off, missing peer certificates (Go flag forms)`, () => {
  const text = staticPod('etcd', [...CLIENT, '-client-cert-auth=false', '--auto-tls', '--peer-auto-tls=true', '--peer-client-cert-auth=true']);
  expectFindings(ID, text, [
    { at: 'command', message: '--peer-cert-file and --peer-key-file' },
    { at: '-client-cert-auth=false', message: 'without a client certificate' },
    { at: '--auto-tls', message: '--auto-tls=true' },
    { at: '--peer-auto-tls=true', message: '--peer-auto-tls=true' },
  ]);
  assertFix(text, ID, { kind: 'suggestion', index: 1, contains: ['    - --client-cert-auth=true\n'] });
  expectFindings(ID, kubeadmConfig('etcd:\n  local:\n    extraArgs:\n      auto-tls: "true"\n', 'v1beta3'), [{ at: 'auto-tls: "true"' }]);
});
