import { test } from 'node:test';
import { assertKubeadmClean, expectFindings, kubeadmConfig, kubeletConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'weak-tls-cipher-suites';
const STRONG = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256';

test(`${ID}: kubeadm's files (no list: Go's defaults) and strong lists are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', [`--tls-cipher-suites=${STRONG}`]), []);
  expectFindings(ID, kubeletConfig('tlsCipherSuites:\n- TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n'), []);
});

test(`${ID}: insecure suites on the API server, etcd, kubeadm extraArgs and a kubelet config`, () => {
  expectFindings(ID, staticPod('kube-apiserver', [`--tls-cipher-suites=${STRONG},TLS_RSA_WITH_RC4_128_SHA,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256`]), [
    { at: `--tls-cipher-suites=${STRONG},TLS_RSA_WITH_RC4_128_SHA,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256`, message: 'TLS_RSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256' },
  ]);
  expectFindings(ID, staticPod('etcd', ['--cipher-suites', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA']), [{ at: '--cipher-suites' }]);
  expectFindings(ID, kubeadmConfig('scheduler:\n  extraArgs:\n    tls-cipher-suites: TLS_ECDHE_ECDSA_WITH_RC4_128_SHA\n', 'v1beta3'), [{ at: 'tls-cipher-suites: TLS_ECDHE_ECDSA_WITH_RC4_128_SHA' }]);
  expectFindings(ID, kubeletConfig('tlsCipherSuites:\n- TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n- TLS_RSA_WITH_3DES_EDE_CBC_SHA\n'), [{ at: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', message: 'KubeletConfiguration' }]);
});
