import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-admission-plugins';

test(`${ID}: kubeadm's files and NodeRestriction enabled are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,PodSecurity']), []);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n    enable-admission-plugins: NodeRestriction,EventRateLimit\n', 'v1beta3'), []);
});

test(`${ID}: NodeRestriction missing (it is off by default): at the command, or on the list`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--secure-port=6443']), [{ at: 'command', message: 'NodeRestriction' }]);
  expectFindings(ID, staticPod('kube-apiserver', ['--enable-admission-plugins=PodSecurity']), [{ at: '--enable-admission-plugins=PodSecurity' }]);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n    enable-admission-plugins: PodSecurity\n', 'v1beta3'), [{ at: 'enable-admission-plugins: PodSecurity' }]);
});

test(`${ID}: AlwaysAdmit enabled, default plugins disabled`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit']), [{ at: '--enable-admission-plugins=NodeRestriction,AlwaysAdmit', message: 'AlwaysAdmit' }]);
  expectFindings(ID, staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle']), [
    { at: '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle', message: 'ServiceAccount' },
    { at: '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle', message: 'NamespaceLifecycle' },
  ]);
  expectFindings(ID, staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=NodeRestriction']), [{ at: '--disable-admission-plugins=NodeRestriction', message: 'NodeRestriction' }]);
});

test(`${ID}: suggestions add NodeRestriction to the list, or the flag`, () => {
  assertFix(staticPod('kube-apiserver', ['--enable-admission-plugins=PodSecurity']), ID, { kind: 'suggestion', contains: ['- "--enable-admission-plugins=PodSecurity,NodeRestriction"\n'] });
  assertFix(staticPod('kube-apiserver', ['--secure-port=6443']), ID, { kind: 'suggestion', contains: ['    - --enable-admission-plugins=NodeRestriction\n'] });
});
