import { test } from 'node:test';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-etcd-tls';
const ETCD = ['--etcd-servers=https://10.0.0.5:2379', '--etcd-cafile=/pki/etcd/ca.crt', '--etcd-certfile=/pki/etcd-client.crt', '--etcd-keyfile=/pki/etcd-client.key'];

test(`${ID}: kubeadm's files, local etcd in a ClusterConfiguration, and a complete external etcd are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ETCD), []);
  expectFindings(ID, kubeadmConfig('etcd:\n  external:\n    endpoints: [https://10.0.0.5:2379]\n    caFile: /pki/ca.crt\n    certFile: /pki/c.crt\n    keyFile: /pki/c.key\n'), []);
});

test(`${ID}: missing client certificate or CA, and plain http beyond loopback`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--etcd-servers=http://10.0.0.5:2379']), [
    { at: 'command', message: '--etcd-certfile and --etcd-keyfile' },
    { at: 'command', message: '--etcd-cafile' },
    { at: '--etcd-servers=http://10.0.0.5:2379', message: 'plain http (http://10.0.0.5:2379)' },
  ]);
  expectFindings(ID, staticPod('kube-apiserver', [...ETCD.slice(1), '--etcd-servers=http://127.0.0.1:2379']), []);
  // External etcd without files: kubeadm writes no etcd certificate flags.
  expectFindings(ID, kubeadmConfig('etcd:\n  external:\n    endpoints:\n    - https://10.0.0.5:2379\n'), [
    { at: 'kind', message: '--etcd-certfile' },
    { at: 'kind', message: '--etcd-cafile' },
  ]);
});
