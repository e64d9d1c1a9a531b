import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, kubeletConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'kubelet-certificate-rotation';

test(`${ID}: kubeadm's kubelet config (rotateCertificates: true) and manifests are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, kubeletConfig('rotateCertificates: true\nfeatureGates:\n  RotateKubeletServerCertificate: true\n'), []);
  expectFindings(ID, staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']), []);
});

test(`${ID}: rotateCertificates unset (the config file's default is false) gets a fix; false a suggestion`, () => {
  const unset = kubeletConfig('readOnlyPort: 0\n');
  expectFindings(ID, unset, [{ at: 'kind', message: 'default is false' }]);
  assertFix(unset, ID, { kind: 'fix', contains: ['readOnlyPort: 0\nrotateCertificates: true\n'] });
  const off = kubeletConfig('rotateCertificates: false\n');
  expectFindings(ID, off, [{ at: 'rotateCertificates: false' }]);
  assertFix(off, ID, { kind: 'suggestion', contains: ['rotateCertificates: true\n'] });
});

test(`${ID}: the RotateKubeletServerCertificate gate off on a kubelet or the controller manager`, () => {
  expectFindings(ID, kubeletConfig('rotateCertificates: true\nfeatureGates:\n  RotateKubeletServerCertificate: false\n'), [{ at: 'RotateKubeletServerCertificate: false', message: 'KubeletConfiguration' }]);
  expectFindings(ID, staticPod('kube-controller-manager', ['--feature-gates=Foo=true,RotateKubeletServerCertificate=false']), [{ at: '--feature-gates=Foo=true,RotateKubeletServerCertificate=false', message: 'kube-controller-manager' }]);
  expectFindings(ID, kubeadmConfig('controllerManager:\n  extraArgs:\n    feature-gates: RotateKubeletServerCertificate=false\n', 'v1beta3'), [{ at: 'feature-gates: RotateKubeletServerCertificate=false' }]);
});
